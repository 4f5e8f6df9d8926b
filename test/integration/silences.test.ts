// spock silences against a real Alertmanager 0.25, with amtool 0.25 as the oracle.
import {execFile} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
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
  updatedAt: string
}

let am: AlertmanagerServer
let dir: string
let seq = 0
/** A label value no other test uses. */
const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}`

const spock = (args: string[], input?: string): Promise<CliResult> =>
  runCli(args, {env: {SPOCK_ALERTMANAGER_URL: am.url, HOME: dir}, input})

function amtool(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile('amtool', [`--alertmanager.url=${am.url}`, '--no-version-check', ...args], {env: {PATH: process.env.PATH, HOME: dir}}, (err, stdout, stderr) =>
      resolve({code: err ? ((err as {code?: number}).code ?? 1) : 0, stdout, stderr}),
    )
  })
}

async function apiSilences(): Promise<ApiSilence[]> {
  return (await (await fetch(`${am.url}/api/v2/silences`)).json()) as ApiSilence[]
}

async function amtoolQuery(args: string[] = []): Promise<ApiSilence[]> {
  const r = await amtool(['silence', 'query', '-o', 'json', ...args])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as ApiSilence[]
}

beforeAll(async () => {
  ;[am, dir] = await Promise.all([startAlertmanager(), makeTempDir('spock-silences-')])
})
afterAll(async () => {
  await am?.stop()
  await removeTempDir(dir)
})

describe('interoperability with amtool', () => {
  test('a silence created by spock is listed identically by amtool silence query -o json', async () => {
    // Given a silence created by spock with a regex matcher, author, comment and end
    const value = unique('interop')
    const created = await spock(['silences', 'create', `svc=${value}`, 'job=~"api|web"', '--author', 'alice', '--comment', 'deploy', '--end', '2099-01-01T00:00:00Z', '-q'])
    expect(created.code, created.stderr).toBe(0)
    const id = created.stdout.trim()
    // When both tools list it as JSON
    const fromAmtool = (await amtoolQuery([`svc=${value}`])).find((s) => s.id === id)
    const listed = await spock(['silences', 'list', `svc=${value}`, '-o', 'json'])
    const fromSpock = (JSON.parse(listed.stdout) as ApiSilence[]).find((s) => s.id === id)
    // Then they agree field for field, and carry what was asked for
    expect(fromSpock).toEqual(fromAmtool)
    expect(fromAmtool).toMatchObject({
      createdBy: 'alice',
      comment: 'deploy',
      endsAt: '2099-01-01T00:00:00.000Z',
      matchers: [
        {name: 'svc', value, isRegex: false, isEqual: true},
        {name: 'job', value: 'api|web', isRegex: true, isEqual: true},
      ],
      status: {state: 'active'},
    })
  })

  test('a silence created by amtool is listed by spock (table, json and -q)', async () => {
    const value = unique('by-amtool')
    const added = await amtool(['silence', 'add', `svc=${value}`, '-c', 'from amtool', '-a', 'bob', '-d', '2h'])
    expect(added.code, added.stderr).toBe(0)
    const id = added.stdout.trim()
    const json = JSON.parse((await spock(['silences', 'list', '-o', 'json', `svc=${value}`])).stdout) as ApiSilence[]
    expect(json).toEqual(await amtoolQuery([`svc=${value}`]))
    const table = await spock(['silences', 'list', `svc=${value}`])
    expect(table.stdout).toMatch(new RegExp(`${id}\\s+\\{svc="${value}"\\}\\s+active\\s+\\S+( ago|now)?.*bob\\s+from amtool`))
    expect((await spock(['silences', 'list', '-q', `svc=${value}`])).stdout.trim()).toBe(id)
  })

  test('spock silences delete makes amtool show it expired; again is fine; unknown ID exits 1', async () => {
    const value = unique('expire')
    const id = (await amtool(['silence', 'add', `svc=${value}`, '-c', 'x'])).stdout.trim()
    const first = await spock(['silences', 'delete', id])
    expect(first.code, first.stderr).toBe(0)
    expect((await amtoolQuery(['--expired', `svc=${value}`])).map((s) => s.id)).toEqual([id])
    expect(await amtoolQuery([`svc=${value}`])).toEqual([])
    // Expiring an expired silence is not an error (alias expire)
    expect((await spock(['silences', 'expire', id])).code).toBe(0)
    // An unknown ID: exit 1, one line naming it
    const unknown = await spock(['silences', 'delete', '00000000-0000-4000-8000-000000000000'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/silence 00000000-0000-4000-8000-000000000000 not found/)
  })
})

describe('create', () => {
  test('running the same create twice yields one silence; --always-new makes a second', async () => {
    const value = unique('idem')
    const args = ['silences', 'create', `svc=${value}`, '--comment', 'ci', '--duration', '2h', '-q']
    const a = await spock(args)
    const b = await spock(args)
    expect(a.code, a.stderr).toBe(0)
    expect(b.stdout).toBe(a.stdout)
    expect(b.stderr).toMatch(/Reusing active silence/)
    expect((await apiSilences()).filter((s) => s.matchers[0]?.value === value)).toHaveLength(1)
    const c = await spock([...args, '--always-new'])
    expect(c.stdout.trim()).not.toBe(a.stdout.trim())
    expect((await apiSilences()).filter((s) => s.matchers[0]?.value === value)).toHaveLength(2)
  })

  // The reuse check asks the server for `name="value"` matches only (api filter); these hold it to exact matchers.
  test.each([
    ['UTF-8 and spaces', (v: string) => [`svc="${v} ünï cödé"`, 'team=db']],
    ['a quote and a backslash (not sent as a filter)', (v: string) => [`svc="${v} \\"q\\" \\\\"`]],
    ['a regex matcher beside an equality one', (v: string) => [`svc=${v}`, 'env=~"prod|stage"']],
  ])('reuse with %s finds the silence, and only that one', async (_what, matchers) => {
    const value = unique('filter')
    const mine = matchers(value)
    const other = await spock(['silences', 'create', ...mine, 'extra=1', '-c', 'x', '-q']) // contains mine, is not the same
    const a = await spock(['silences', 'create', ...mine, '-c', 'x', '-q'])
    const b = await spock(['silences', 'create', ...mine, '-c', 'x', '-q'])
    expect([other.code, a.code, b.code], a.stderr + b.stderr).toEqual([0, 0, 0])
    expect(a.stdout.trim()).not.toBe(other.stdout.trim())
    expect(b.stdout).toBe(a.stdout)
    expect(b.stderr).toMatch(/Reusing active silence/)
  })

  test('a longer silence than the existing one is created anew', async () => {
    const value = unique('longer')
    const a = await spock(['silences', 'create', `svc=${value}`, '-c', 'x', '-d', '1h', '-q'])
    const b = await spock(['silences', 'create', `svc=${value}`, '-c', 'x', '-d', '3h', '-q'])
    expect(b.stdout.trim()).not.toBe(a.stdout.trim())
  })

  test('--dry-run prints the silence and the alerts it matches, and creates nothing', async () => {
    const value = unique('dry')
    const post = await fetch(`${am.url}/api/v2/alerts`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify([{labels: {alertname: 'DryRun', svc: value}, startsAt: new Date().toISOString()}]),
    })
    expect(post.status).toBe(200)
    const before = (await apiSilences()).length
    const r = await spock(['silences', 'create', `svc=${value}`, '-c', 'x', '--dry-run', '-o', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.action).toBe('dry-run')
    expect(out.silence.matchers).toEqual([{name: 'svc', value, isRegex: false, isEqual: true}])
    expect(out.matchingAlerts.map((a: {labels: {alertname: string}}) => a.labels.alertname)).toEqual(['DryRun'])
    const table = await spock(['silences', 'create', `svc=${value}`, '-c', 'x', '--dry-run'])
    expect(table.stdout).toMatch(/DryRun/)
    expect(table.stdout).toMatch(/Dry run, nothing sent: .* matches 1 alert now/)
    expect((await apiSilences()).length).toBe(before)
  })

  test.each([
    ['bad regex', ['svc=~"(x"', '-c', 'x'], /invalid matcher "svc=~\\"\(x\\"".*missing closing \)/],
    ['bad duration', ['svc=a', '-c', 'x', '--duration', '1hour'], /invalid duration "1hour"/],
    ['zero duration', ['svc=a', '-c', 'x', '--duration', '0'], /duration "0" is zero/],
    ['end before start', ['svc=a', '-c', 'x', '--start', '+2h', '--end', '+1h'], /start .* is not before end/],
    ['end in the past', ['svc=a', '-c', 'x', '--end', '2020-01-01T00:00:00Z'], /end 2020-01-01T00:00:00Z is in the past/],
    ['missing comment', ['svc=a'], /a comment is required/],
    ['no matchers', ['-c', 'x'], /no matchers given/],
    ['only matchers matching ""', ['svc=~".*"', '-c', 'x'], /matches the empty string/],
    ['bad time', ['svc=a', '-c', 'x', '--end', 'tomorrow'], /invalid time "tomorrow"/],
    ['--duration with --end', ['svc=a', '-c', 'x', '--end', '+1h', '--duration', '1h'], /cannot also be provided|--end/],
  ])('%s: exit 2, one error line, nothing created', async (_name, args, message) => {
    const before = (await apiSilences()).length
    const r = await spock(['silences', 'create', ...args])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trim().split('\n')
    expect(lines[0]).toMatch(/^spock: error: /)
    expect(lines[0]).toMatch(message)
    expect(lines.slice(1).every((l) => l.startsWith('  hint: '))).toBe(true)
    expect((await apiSilences()).length).toBe(before)
  })

  test('--no-require-comment allows an empty comment; author defaults to the OS user like amtool', async () => {
    const value = unique('nocomment')
    const r = await spock(['silences', 'create', `svc=${value}`, '--no-require-comment', '-q'])
    expect(r.code, r.stderr).toBe(0)
    const byAmtool = (await amtool(['silence', 'add', `svc=${value}-b`, '--no-require-comment', '-c', ''])).stdout.trim()
    const all = await apiSilences()
    const mine = all.find((s) => s.id === r.stdout.trim())!
    const theirs = all.find((s) => s.id === byAmtool)!
    expect(mine.comment).toBe('')
    expect(mine.createdBy).toBe(theirs.createdBy)
  })
})

describe('list filters', () => {
  test('--created-by, --expired, --within, --all and --id', async () => {
    const value = unique('filters')
    const short = (await spock(['silences', 'create', `svc=${value}`, 'k=short', '-c', 'x', '-d', '30m', '--author', 'carol', '-q'])).stdout.trim()
    const long = (await spock(['silences', 'create', `svc=${value}`, 'k=long', '-c', 'x', '-d', '10h', '--author', 'dave', '-q'])).stdout.trim()
    const gone = (await spock(['silences', 'create', `svc=${value}`, 'k=gone', '-c', 'x', '-q'])).stdout.trim()
    await spock(['silences', 'delete', gone])
    const ids = async (...args: string[]) => (await spock(['silences', 'list', '-q', `svc=${value}`, ...args])).stdout.trim().split('\n').filter(Boolean).sort()
    expect(await ids()).toEqual([short, long].sort())
    expect(await ids('--created-by', 'carol')).toEqual([short])
    expect(await ids('--within', '1h')).toEqual([short])
    expect(await ids('--expired')).toEqual([gone])
    expect(await ids('--all')).toEqual([short, long, gone].sort())
    expect(await ids('--all', '--id', long.slice(0, 13))).toEqual([long])
    // amtool agrees on --within and --expired
    const amIds = async (...args: string[]) => (await amtoolQuery([`svc=${value}`, ...args])).map((s) => s.id).sort()
    expect(await amIds('--within', '1h')).toEqual([short])
    expect(await amIds('--expired')).toEqual([gone])
  })
})

describe('delete by matcher', () => {
  test('without --yes it lists and does nothing; with --yes it expires exactly those', async () => {
    const value = unique('bulk')
    for (const n of ['1', '2', '3']) await spock(['silences', 'create', `svc=${value}`, `n=${n}`, '-c', 'x', '-q'])
    const other = (await spock(['silences', 'create', `svc=${value}-other`, '-c', 'x', '-q'])).stdout.trim()
    const preview = await spock(['silences', 'delete', '--matcher', `svc=${value}`])
    expect(preview.code).toBe(0)
    expect(preview.stdout).toMatch(/Nothing expired: pass --yes to expire these 3\./)
    expect((await amtoolQuery([`svc=${value}`])).length).toBe(3)
    const done = await spock(['silences', 'delete', '--matcher', `svc=${value}`, '--yes'])
    expect(done.code, done.stderr).toBe(0)
    expect(done.stdout).toMatch(/Expired 3 silences/)
    expect(await amtoolQuery([`svc=${value}`])).toEqual([])
    expect((await amtoolQuery([`svc=${value}-other`])).map((s) => s.id)).toEqual([other])
  })
})

describe('update', () => {
  test('--duration keeps the ID (counted from the start, as amtool); a new comment is kept', async () => {
    const value = unique('update')
    const id = (await spock(['silences', 'create', `svc=${value}`, '-c', 'x', '-q'])).stdout.trim()
    const r = await spock(['silences', 'extend', id, '--duration', '5h', '--comment', 'longer'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe(id)
    const s = (await amtoolQuery([`svc=${value}`]))[0]!
    expect(s.comment).toBe('longer')
    expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBeGreaterThanOrEqual(5 * 3600_000 - 1000)
  })

  test('updating an expired silence: the server issues a new ID and spock says so', async () => {
    const value = unique('update-new')
    const id = (await spock(['silences', 'create', `svc=${value}`, '-c', 'x', '-q'])).stdout.trim()
    await spock(['silences', 'delete', id])
    const r = await spock(['silences', 'update', id, '--end', '+2h'])
    expect(r.code, r.stderr).toBe(0)
    const newId = r.stdout.trim()
    expect(newId).not.toBe(id)
    expect(r.stderr).toMatch(new RegExp(`new ID ${newId}`))
    expect((await amtoolQuery([`svc=${value}`])).map((s) => s.id)).toEqual([newId])
  })

  test('an unknown ID exits 1 with one line', async () => {
    const r = await spock(['silences', 'update', '00000000-0000-4000-8000-000000000000', '--duration', '1h'])
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')[0]).toMatch(/silence 00000000-0000-4000-8000-000000000000 not found/)
  })
})

describe('export and import', () => {
  test('spock export equals amtool query -o json; re-import keeps IDs (updated in place)', async () => {
    const value = unique('export')
    await spock(['silences', 'create', `svc=${value}`, 'a=1', '-c', 'one', '-q'])
    await spock(['silences', 'create', `svc=${value}`, 'a=2', '-c', 'two', '--start', '+1h', '-q'])
    const file = join(dir, `${value}.json`)
    const exported = await spock(['silences', 'export', `svc=${value}`, '--file', file])
    expect(exported.code, exported.stderr).toBe(0)
    const mine = JSON.parse(await readFile(file, 'utf8')) as ApiSilence[]
    expect(mine).toEqual(await amtoolQuery([`svc=${value}`]))
    const again = await spock(['silences', 'import', file, '-o', 'json'])
    expect(again.code, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout).results.map((r: {outcome: string}) => r.outcome)).toEqual(['updated', 'updated'])
    expect((await amtoolQuery([`svc=${value}`])).map((s) => s.id).sort()).toEqual(mine.map((s) => s.id).sort())
  })

  test('round trip through a second Alertmanager, both ways: spock export → amtool import, amtool export → spock import', async () => {
    const other = await startAlertmanager()
    try {
      const value = unique('roundtrip')
      await spock(['silences', 'create', `svc=${value}`, 'msg="a, b"', 'team=~"Ü|x"', '-c', 'one, with "quotes"', '--author', 'eve', '-d', '3h', '-q'])
      await spock(['silences', 'create', `svc=${value}`, 'n=pending', '-c', 'later', '--start', '2099-01-01T00:00:00Z', '--end', '2099-01-02T00:00:00Z', '-q'])
      const source = await amtoolQuery([`svc=${value}`])
      expect(source).toHaveLength(2)
      // What survives a transfer: everything but the ID, updatedAt, and the start of an active silence (the server sets it to now)
      const comparable = (list: ApiSilence[]) =>
        list
          .map((s) => ({matchers: s.matchers, endsAt: s.endsAt, createdBy: s.createdBy, comment: s.comment, state: s.status.state, ...(s.status.state === 'pending' ? {startsAt: s.startsAt} : {})}))
          .sort((a, b) => a.endsAt.localeCompare(b.endsAt))
      // spock export → amtool import into the other Alertmanager
      const file = join(dir, `${value}.json`)
      expect((await spock(['silences', 'export', `svc=${value}`, '--file', file])).code).toBe(0)
      const imported = await new Promise<CliResult>((resolve) =>
        execFile('amtool', [`--alertmanager.url=${other.url}`, '--no-version-check', 'silence', 'import', file], {env: {PATH: process.env.PATH, HOME: dir}}, (err, stdout, stderr) =>
          resolve({code: err ? 1 : 0, stdout, stderr}),
        ),
      )
      expect(imported.code, imported.stderr).toBe(0)
      const onOther = (await (await fetch(`${other.url}/api/v2/silences`)).json()) as ApiSilence[]
      expect(comparable(onOther)).toEqual(comparable(source))
      // amtool export → spock import into the other Alertmanager (after expiring what amtool put there)
      await runCli(['silences', 'delete', '--matcher', `svc=${value}`, '--yes'], {env: {SPOCK_ALERTMANAGER_URL: other.url, HOME: dir}})
      const amFile = join(dir, `${value}-amtool.json`)
      await writeFile(amFile, (await amtool(['silence', 'query', '-o', 'json', `svc=${value}`])).stdout)
      const r = await runCli(['silences', 'import', amFile, '-o', 'json'], {env: {SPOCK_ALERTMANAGER_URL: other.url, HOME: dir}})
      expect(r.code, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout).results.map((x: {outcome: string}) => x.outcome)).toEqual(['recreated', 'recreated'])
      const back = JSON.parse((await runCli(['silences', 'export', `svc=${value}`], {env: {SPOCK_ALERTMANAGER_URL: other.url, HOME: dir}})).stdout) as ApiSilence[]
      expect(comparable(back)).toEqual(comparable(source))
    } finally {
      await other.stop()
    }
  })

  test('a file with a bad entry: the others import, the failure is reported, exit 1', async () => {
    const value = unique('import-bad')
    const good = {matchers: [{name: 'svc', value, isRegex: false, isEqual: true}], startsAt: new Date().toISOString(), endsAt: '2099-01-01T00:00:00Z', createdBy: 'x', comment: 'ok'}
    const bad = {...good, matchers: [{name: 'svc', value: '(', isRegex: true, isEqual: true}]}
    const file = join(dir, `${value}.json`)
    await writeFile(file, JSON.stringify([good, bad]))
    const r = await spock(['silences', 'import', file, '-o', 'json'])
    expect(r.code).toBe(1)
    const results = JSON.parse(r.stdout).results
    expect(results[0].outcome).toBe('created')
    expect(results[1]).toMatchObject({index: 2, outcome: 'failed', error: expect.stringMatching(/invalid regular expression/)})
    expect(r.stderr).toMatch(/could not import 1 of 2 silences/)
    expect((await amtoolQuery([`svc=${value}`])).length).toBe(1)
  })

  test('stdin import with --force always creates new IDs', async () => {
    const value = unique('import-force')
    const id = (await spock(['silences', 'create', `svc=${value}`, '-c', 'x', '-q'])).stdout.trim()
    const json = (await amtool(['silence', 'query', '-o', 'json', `svc=${value}`])).stdout
    const r = await spock(['silences', 'import', '-', '--force', '-q'], json)
    expect(r.code, r.stderr).toBe(0)
    const newId = r.stdout.trim()
    expect(newId).not.toBe(id)
    expect((await amtoolQuery([`svc=${value}`])).map((s) => s.id).sort()).toEqual([id, newId].sort())
  })
})
