// spock silences against a 2-peer Alertmanager 0.25 cluster: writes to one peer, gossip confirmed, one peer down tolerated.
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli, type CliResult} from '../support/run-cli.js'
import {startAlertmanager, startAlertmanagerCluster, stopAll, unusedUrl, type AlertmanagerServer} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

interface ApiSilence {
  id: string
  status: {state: string}
  matchers: {name: string; value: string}[]
}

let peers: AlertmanagerServer[]
let dead: string
let dir: string
let seq = 0
const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}`

const spock = (urls: string[], args: string[]): Promise<CliResult> =>
  runCli(args, {env: {SPOCK_ALERTMANAGER_URL: urls.join(','), HOME: dir}})

async function silencesOn(url: string, value: string): Promise<ApiSilence[]> {
  const all = (await (await fetch(`${url}/api/v2/silences`)).json()) as ApiSilence[]
  return all.filter((s) => s.matchers.some((m) => m.value === value))
}

beforeAll(async () => {
  ;[peers, dead, dir] = await Promise.all([startAlertmanagerCluster(2), unusedUrl(), makeTempDir('spock-ha-')])
})
afterAll(async () => {
  await stopAll(peers ?? [])
  await removeTempDir(dir)
})

describe('two healthy peers', () => {
  test('create writes once and confirms the silence on the other peer', async () => {
    const value = unique('gossip')
    const r = await spock([peers[0]!.url, peers[1]!.url], ['silences', 'create', `svc=${value}`, '-c', 'ha', '-o', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({action: 'created', peer: peers[0]!.url, notPropagated: [], down: []})
    expect(r.stderr).toBe('')
    // Already visible on B when spock returns: no polling needed here
    expect((await silencesOn(peers[1]!.url, value)).map((s) => s.id)).toEqual([out.id])
    // Exactly one silence cluster-wide (no fan-out duplicates)
    expect(await silencesOn(peers[0]!.url, value)).toHaveLength(1)
  })

  test('a peer outside the gossip never shows the silence: reported after --propagation-timeout', async () => {
    // Given a split cluster: peer A and a lone Alertmanager that does not gossip with it
    const lone = await startAlertmanager()
    try {
      const value = unique('split')
      const r = await spock([peers[0]!.url, lone.url], ['silences', 'create', `svc=${value}`, '-c', 'ha', '--propagation-timeout', '300ms', '-o', 'json'])
      // Then the silence is still created (exit 0), and the lone peer is named on stderr
      expect(r.code, r.stderr).toBe(0)
      const out = JSON.parse(r.stdout)
      expect(out.notPropagated).toEqual([{url: lone.url, reason: 'not visible yet after 300 ms'}])
      expect(r.stderr).toContain(`peer ${lone.url} does not show the silence yet`)
      expect(await silencesOn(lone.url, value)).toEqual([])
    } finally {
      await lone.stop()
    }
  })
})

describe('import into a cluster', () => {
  const exportFile = async (value: string, n: number): Promise<string> => {
    const {writeFile} = await import('node:fs/promises')
    const now = Date.now()
    const silences = Array.from({length: n}, (_, i) => ({
      matchers: [{name: 'svc', value, isRegex: false, isEqual: true}, {name: 'n', value: String(i), isRegex: false, isEqual: true}],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      createdBy: 'ha',
      comment: 'import',
    }))
    const file = `${dir}/${value}.json`
    await writeFile(file, JSON.stringify(silences))
    return file
  }

  test('checks that the other peer shows every imported silence', async () => {
    const value = unique('import')
    const r = await spock([peers[0]!.url, peers[1]!.url], ['silences', 'import', await exportFile(value, 40), '-o', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.notPropagated).toEqual([])
    expect(r.stderr).toBe('')
    expect((await silencesOn(peers[1]!.url, value)).map((s) => s.id).sort()).toEqual(out.results.map((x: {id: string}) => x.id).sort())
  })

  test('a peer that does not get the silences is reported with the missing IDs', async () => {
    // Given a peer outside the gossip (as a cluster peer whose write peer died mid-import would be)
    const lone = await startAlertmanager()
    try {
      const value = unique('import-split')
      const r = await spock([peers[0]!.url, lone.url], ['silences', 'import', await exportFile(value, 12), '--propagation-timeout', '300ms', '-o', 'json'])
      expect(r.code, r.stderr).toBe(0)
      const out = JSON.parse(r.stdout)
      const ids = out.results.map((x: {id: string}) => x.id).sort()
      expect(ids).toHaveLength(12)
      expect(out.notPropagated).toHaveLength(1)
      expect(out.notPropagated[0]).toMatchObject({url: lone.url, reason: 'not visible yet after 300 ms'})
      expect([...out.notPropagated[0].ids].sort()).toEqual(ids)
      expect(r.stderr).toContain(`peer ${lone.url} does not show 12 of the imported silences`)
    } finally {
      await lone.stop()
    }
  })
})

describe('one peer down', () => {
  test.each([
    ['first peer down', () => [dead, peers[0]!.url]],
    ['second peer down', () => [peers[0]!.url, dead]],
  ])('%s: create, list and delete succeed and name the down peer', async (_name, urls) => {
    const value = unique('down')
    const created = await spock(urls(), ['silences', 'create', `svc=${value}`, '-c', 'ha', '-q'])
    expect(created.code, created.stderr).toBe(0)
    expect(created.stderr).toContain(dead)
    const id = created.stdout.trim()
    const listed = await spock(urls(), ['silences', 'list', '-q', `svc=${value}`])
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout.trim()).toBe(id)
    expect(listed.stderr).toContain(dead)
    const deleted = await spock(urls(), ['silences', 'delete', id])
    expect(deleted.code, deleted.stderr).toBe(0)
    expect(deleted.stderr).toContain(dead)
    expect((await silencesOn(peers[0]!.url, value))[0]?.status.state).toBe('expired')
  })

  test('all peers down: exit 3, one line naming each', async () => {
    const other = await unusedUrl()
    const r = await spock([dead, other], ['silences', 'list'])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/no Alertmanager peer answered/)
    expect(r.stderr).toContain(dead)
    expect(r.stderr).toContain(other)
  })

  test('a stopped cluster peer: create on the survivor succeeds and names the stopped one', async () => {
    // Last test in the file: it stops peer B for good.
    await peers[1]!.stop()
    const value = unique('stopped')
    const r = await spock([peers[1]!.url, peers[0]!.url], ['silences', 'create', `svc=${value}`, '-c', 'ha', '-q'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain(`peer ${peers[1]!.url} is down`)
    expect((await silencesOn(peers[0]!.url, value)).map((s) => s.id)).toEqual([r.stdout.trim()])
  })
})
