// Silences input that README promises to refuse or resolve, and the seed's flag aliases; real Alertmanager 0.25.
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli, type CliResult} from '../support/run-cli.js'
import {startAlertmanager, type AlertmanagerServer} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

interface ApiSilence {
  id: string
  status: {state: string}
  matchers: {name: string; value: string; isRegex: boolean; isEqual: boolean}[]
  startsAt: string
  endsAt: string
  createdBy: string
  comment: string
}

let am: AlertmanagerServer
let dir: string
let seq = 0
const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}`

const spock = (args: string[]): Promise<CliResult> => runCli(args, {env: {SPOCK_ALERTMANAGER_URL: am.url, HOME: dir}})
const apiSilences = async () => (await (await fetch(`${am.url}/api/v2/silences`)).json()) as ApiSilence[]
const withValue = async (value: string) => (await apiSilences()).filter((s) => s.matchers.some((m) => m.value === value))

async function postSilence(value: string, startsIn = 0): Promise<string> {
  const start = new Date(Date.now() + startsIn)
  const body = {
    matchers: [{name: 'svc', value, isRegex: false, isEqual: true}],
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    createdBy: 'test',
    comment: 'x',
  }
  const res = await fetch(`${am.url}/api/v2/silences`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)})
  return ((await res.json()) as {silenceID: string}).silenceID
}

beforeAll(async () => {
  ;[am, dir] = await Promise.all([startAlertmanager(), makeTempDir('spock-silences-input-')])
})
afterAll(async () => {
  await am?.stop()
  await removeTempDir(dir)
})

describe('create refuses a silence that mutes almost everything', () => {
  test("'x!=y' alone is refused (exit 2, nothing sent); --force creates it", async () => {
    const value = unique('neq')
    const refused = await spock(['silences', 'create', `x!=${value}`, '-c', 'oops'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`spock: error: every matcher in {x!="${value}"} also matches alerts that lack its label`)
    expect(refused.stderr).toMatch(/hint: .*--force/)
    expect(await withValue(value)).toEqual([])
    const two = await spock(['silences', 'create', `x!=${value}`, 'y!~"a.*"', '-c', 'oops'])
    expect(two.code).toBe(2)
    const forced = await spock(['silences', 'create', `x!=${value}`, '-c', 'on purpose', '--force', '-q'])
    expect(forced.code, forced.stderr).toBe(0)
    expect((await withValue(value)).map((s) => s.id)).toEqual([forced.stdout.trim()])
  })

  test('a negative matcher beside one that needs a value is fine', async () => {
    const value = unique('mixed')
    const r = await spock(['silences', 'create', `svc=${value}`, 'x!=y', '-c', 'fine', '-q'])
    expect(r.code, r.stderr).toBe(0)
  })
})

test('a reused silence reports the stored comment, author and times, not the requested ones', async () => {
  const value = unique('reuse')
  const first = await spock(['silences', 'create', `svc=${value}`, '-c', 'first reason', '-a', 'alice', '--duration', '3h', '-o', 'json'])
  expect(first.code, first.stderr).toBe(0)
  const again = await spock(['silences', 'create', `svc=${value}`, '-c', 'second reason', '-a', 'bob', '--duration', '1h', '-o', 'json'])
  expect(again.code, again.stderr).toBe(0)
  const [a, b] = [JSON.parse(first.stdout), JSON.parse(again.stdout)]
  expect(b.action).toBe('reused')
  expect(b.id).toBe(a.id)
  const [held] = await withValue(value)
  expect(b.silence).toMatchObject({comment: 'first reason', createdBy: 'alice', startsAt: held!.startsAt, endsAt: held!.endsAt})
})

describe('delete by ID prefix', () => {
  test('a unique prefix expires that silence', async () => {
    const value = unique('prefix')
    const id = await postSilence(value)
    const r = await spock(['silences', 'delete', id.slice(0, 8)])
    expect(r.code, r.stderr).toBe(0)
    expect((await withValue(value))[0]!.status.state).toBe('expired')
  })

  test('a prefix that names no silence: exit 2, not a raw HTTP 422', async () => {
    const r = await spock(['silences', 'delete', 'zz0b1c'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('spock: error: no silence with ID prefix zz0b1c')
    expect(r.stderr).not.toMatch(/422/)
  })

  test('an ambiguous prefix: exit 2, names the candidates, expires nothing', async () => {
    const value = unique('ambiguous')
    const byFirst = new Map<string, string[]>()
    let shared: string[] | undefined
    while (!shared) {
      const id = await postSilence(value)
      const list = [...(byFirst.get(id[0]!) ?? []), id]
      byFirst.set(id[0]!, list)
      if (list.length === 2) shared = list
    }
    const prefix = shared[0]![0]!
    const r = await spock(['silences', 'delete', prefix])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(new RegExp(`spock: error: ID prefix ${prefix} is ambiguous: matches \\d+ silences \\(.*${shared[0]}.*\\)`))
    expect((await withValue(value)).every((s) => s.status.state === 'active')).toBe(true)
  })
})

describe('seed compatibility aliases', () => {
  test('silences list --active-only shows active silences, not pending ones', async () => {
    const value = unique('active-only')
    const active = await postSilence(value)
    const pending = await postSilence(value, 3_600_000)
    const r = await spock(['silences', 'list', '--active-only', `svc=${value}`, '-q'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim().split('\n')).toEqual([active])
    const all = await spock(['silences', 'list', `svc=${value}`, '-q'])
    expect(all.stdout.trim().split('\n').sort()).toEqual([active, pending].sort())
  })

  test('silences delete --id ID expires it', async () => {
    const value = unique('delete-id')
    const id = await postSilence(value)
    const r = await spock(['silences', 'delete', '--id', id])
    expect(r.code, r.stderr).toBe(0)
    expect((await withValue(value))[0]!.status.state).toBe('expired')
  })
})
