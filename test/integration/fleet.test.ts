// Fleets: status and rules status against the Prometheus of three contexts (and one shared Alertmanager),
// with the third Prometheus stopped before the run. One combined table naming the down one, the fleet's exit
// code (3 if a context could not be reached, else 1 if one found problems, else 0), and the JSON shape.
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startAlertmanager, startPrometheus, stopAll, type Server} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const GOOD = `groups:
  - name: good
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
`
// Two metrics with the same labels once the name is replaced: every evaluation fails (after the first scrape).
const BAD = `groups:
  - name: bad
    rules:
      - record: clash
        expr: '{__name__=~"up|scrape_duration_seconds"}'
`

let a: Server
let b: Server
let c: Server
let am: Server
let dir: string
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  ;[a, b, c, am] = await Promise.all([
    startPrometheus({rules: {'rules.yml': GOOD}}),
    startPrometheus({rules: {'rules.yml': BAD}}),
    startPrometheus({rules: {'rules.yml': GOOD}}),
    startAlertmanager(),
  ])
  const cURL = c.url
  await c.stop() // down before the run
  dir = await makeTempDir('spock-fleet-')
  const ctx = (url: string) => `    prometheus: {url: '${url}'}\n    alertmanager: {url: '${am.url}'}\n`
  await writeFile(join(dir, 'config.yml'), `contexts:\n  a:\n${ctx(a.url)}  b:\n${ctx(b.url)}  c:\n${ctx(cURL)}`)
  // The URL variables would point every context at one server: a fleet ignores them.
  env = {SPOCK_CONFIG: join(dir, 'config.yml'), SPOCK_PROMETHEUS_URL: a.url}
  // b's rule has failed at least once.
  for (let i = 0; i < 200; i++) {
    const r = (await (await fetch(`${b.url}/api/v1/rules`)).json()) as {data: {groups: Array<{rules: Array<{health: string}>}>}}
    if (r.data.groups[0]?.rules[0]?.health === 'err') break
    await delay(100)
  }
})
afterAll(async () => {
  await stopAll([a, b, am].filter(Boolean))
  await removeTempDir(dir)
})

const rowsOf = (stdout: string) => stdout.split('\n').filter((l) => /^[abc] /.test(l))

test('status --all-contexts: one table with a CONTEXT column; the stopped Prometheus is a row naming the error', async () => {
  const r = await runCli(['status', '--all-contexts'], {env})
  const lines = r.stdout.split('\n')
  expect(lines[0]).toMatch(/^CONTEXT +KIND +URL +STATE/)
  const rows = rowsOf(r.stdout)
  expect(rows.map((l) => l.split(/ +/).slice(0, 2).join(' '))).toEqual(['a prometheus', 'a alertmanager', 'b prometheus', 'b alertmanager', 'c prometheus', 'c alertmanager'])
  expect(rows[4]).toMatch(/unreachable .*cannot reach http:\/\/127\.0\.0\.1:\d+\/-\/healthy: connection refused/)
  expect(r.stdout).toContain('c: 1 of 2 servers healthy.')
  expect(r.stdout).toMatch(/2 of 3 contexts ok; problems: c\.$/m)
  // One of c's two servers answered, so c found a problem (1), as `--context c` alone does.
  const alone = await runCli(['status', '--context', 'c'], {env: {SPOCK_CONFIG: env.SPOCK_CONFIG}})
  expect([r.code, alone.code]).toEqual([1, 1])
})

test('status --all-contexts --only prometheus: the context nothing answers in is one row, and the fleet exits 3', async () => {
  const r = await runCli(['status', '--all-contexts', '--only', 'prometheus'], {env})
  expect(r.code).toBe(3)
  const rows = rowsOf(r.stdout)
  expect(rows).toHaveLength(3)
  expect(rows[2]).toMatch(/^c +unreachable +- .*cannot reach http:\/\/127\.0\.0\.1:\d+\/-\/healthy: connection refused$/)
  expect(r.stdout).toMatch(/2 of 3 contexts ok; unreachable: c\.$/m)
})

test('rules status --context a,b,c: unreachable (3) beats a failing rule (1); without c the fleet exits 1', async () => {
  const r = await runCli(['rules', 'status', '--context', 'a,b,c'], {env})
  expect(r.code).toBe(3)
  expect(r.stdout.split('\n')[0]).toMatch(/^CONTEXT +GROUP +RULE +TYPE +HEALTH/)
  const rows = rowsOf(r.stdout)
  expect(rows[0]).toMatch(/^a +good +job:up:sum +record +ok /)
  expect(rows[1]).toMatch(/^b +bad +clash +record +err .*same labelset/)
  expect(rows[2]).toMatch(/^c +unreachable .*cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/v1\/rules: connection refused$/)
  expect(r.stdout).toMatch(/1 of 3 contexts ok; unreachable: c; problems: b\.$/m)
  const ab = await runCli(['rules', 'status', '--context', 'a', '--context', 'b'], {env})
  expect(ab.code).toBe(1)
  expect(rowsOf(ab.stdout).map((l) => l.split(/ +/)[0])).toEqual(['a', 'b'])
})

test('JSON: {contexts: [{context, ok, exitCode, error?, result}], ok, exitCode}, result as the command alone prints it', async () => {
  const r = await runCli(['rules', 'status', '--context', 'a,b,c', '-o', 'json'], {env})
  expect(r.code).toBe(3)
  const out = JSON.parse(r.stdout) as {contexts: Array<{context: string; ok: boolean; exitCode: number; error?: {code: string; message: string}; result?: unknown}>; ok: boolean; exitCode: number}
  expect(out).toMatchObject({ok: false, exitCode: 3})
  expect(out.contexts.map((e) => [e.context, e.ok, e.exitCode, e.error?.code])).toEqual([
    ['a', true, 0, undefined],
    ['b', false, 1, undefined],
    ['c', false, 3, 'ConnectionError'],
  ])
  expect(out.contexts[2]).not.toHaveProperty('result')
  const alone = await runCli(['rules', 'status', '--context', 'a', '-o', 'json'], {env: {SPOCK_CONFIG: env.SPOCK_CONFIG}})
  const single = JSON.parse(alone.stdout) as {rules: Array<{name: string}>}
  expect((out.contexts[0]!.result as typeof single).rules.map((x) => x.name)).toEqual(single.rules.map((x) => x.name))
})

test('a single --context is the command as before; --all-contexts with a URL flag is a usage error', async () => {
  const one = await runCli(['rules', 'status', '--context', 'a'], {env: {SPOCK_CONFIG: env.SPOCK_CONFIG}})
  const url = await runCli(['rules', 'status', '--prometheus-url', a.url])
  expect(one.code).toBe(0)
  expect(one.stdout.split('\n')[0]).toMatch(/^GROUP +RULE/)
  // The two runs differ only in timings (evaluation time, "3s ago" or "now"), and so in column widths.
  const steady = (text: string) => text.replace(/\d+(\.\d+)?(ms|µs|s|m|h)(\d+(\.\d+)?(ms|s|m))*( ago)?|\bnow\b/g, 'T').replace(/ +/g, ' ')
  expect(steady(one.stdout)).toBe(steady(url.stdout))
  const bad = await runCli(['targets', 'check', '--all-contexts', '--prometheus-url', a.url], {env})
  expect(bad.code).toBe(2)
  expect(bad.stderr).toContain('--prometheus-url cannot be combined with several contexts')
  const unknown = await runCli(['targets', 'check', '--context', 'a,nope'], {env})
  expect(unknown.code).toBe(2)
  expect(unknown.stderr).toContain('context "nope" not defined in the spock config')
})
