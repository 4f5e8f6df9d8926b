// The Prometheus side against a real Prometheus 2.42 (one server for the file): rule state and drift,
// alerts pending then firing with the time left, instant and range queries equal to the API's answer.
import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startAlertmanager, startPrometheus, type Server} from '../support/servers.js'

const RULES = `groups:
  - name: health
    rules:
      - alert: AlwaysOn
        expr: vector(1)
        for: 4s
        labels: {severity: info}
      - record: job:up:sum
        expr: sum by (job) (up)
      # up and scrape_duration_seconds share their label sets: renamed to one name they collide.
      - record: broken:collide
        expr: '{__name__=~"up|scrape_duration_seconds"}'
`

let prom: Server
let am: Server
let dir: string
const env = () => ({SPOCK_PROMETHEUS_URL: prom.url, SPOCK_ALERTMANAGER_URL: am.url})

// Prometheus sends its alerts to a real Alertmanager, so --source both has something to join.
const config = (amAddress: string) => `global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [rules.yml]
alerting:
  alertmanagers:
    - static_configs: [{targets: ['${amAddress}']}]
scrape_configs:
  - job_name: prometheus
    file_sd_configs:
      - files: [self.json]
        refresh_interval: 1s
`

beforeAll(async () => {
  am = await startAlertmanager()
  // A short resend delay: a firing alert reaches Alertmanager again within a second, however busy the machine.
  prom = await startPrometheus({rules: {'rules.yml': RULES}, config: config(new URL(am.url).host), args: ['--rules.alert.resend-delay=1s']})
  dir = await mkdtemp(join(tmpdir(), 'spock-promside-'))
})
afterAll(async () => {
  await prom?.stop()
  await am?.stop()
})

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms
  let last: T = await get()
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last).slice(0, 500)}`)
    await delay(300)
    last = await get()
  }
  return last
}

const json = async (args: string[]) => {
  const r = await runCli([...args, '-o', 'json'], {env: env()})
  return {...r, data: r.stdout.trim() ? (JSON.parse(r.stdout) as unknown) : undefined}
}

describe('rules status', () => {
  test('a rule whose evaluation fails is unhealthy: its error is shown and the exit code is 1', async () => {
    const r = await until(
      'the colliding rule to fail (after the first scrapes)',
      () => json(['rules', 'status']),
      (x) => ((x.data as {rules?: Array<{health?: string}>})?.rules ?? []).some((rule) => rule.health === 'err'),
    )
    expect(r.code).toBe(1)
    const report = r.data as {rules: Array<{name: string; health: string; lastError?: string}>; problems: Array<{kind: string; rule: string}>}
    expect(report.rules.map((x) => x.name)).toEqual(['AlwaysOn', 'job:up:sum', 'broken:collide'])
    const broken = report.rules.find((x) => x.name === 'broken:collide')!
    expect(broken.health).toBe('err')
    expect(broken.lastError).toMatch(/same labelset/)
    expect(report.problems).toEqual([expect.objectContaining({kind: 'unhealthy', rule: 'broken:collide'})])
    const table = await runCli(['rules', 'status'], {env: env()})
    expect(table.code).toBe(1)
    expect(table.stdout).toMatch(/broken:collide\s+record\s+err/)
    expect(table.stdout).toContain('3 rules in 1 group, 1 unhealthy')
  })

  test('--compare finds a rule missing from the server and one with a changed expression; the same text in another spelling is no drift', async () => {
    const file = join(dir, 'expected.yml')
    await writeFile(
      file,
      `groups:
  - name: health
    rules:
      - alert: AlwaysOn
        expr: vector( 1 )
      - record: job:up:sum
        expr: sum by (job) (up{job!=""})
      - record: broken:collide
        expr: '{__name__=~"up|scrape_duration_seconds"}'
      - alert: NotDeployed
        expr: up == 0
`,
    )
    const r = await json(['rules', 'status', '--compare', file])
    expect(r.code).toBe(1)
    const problems = (r.data as {problems: Array<{kind: string; rule: string; line?: number}>}).problems.filter((p) => p.kind !== 'unhealthy')
    expect(problems).toEqual([
      expect.objectContaining({kind: 'changed', rule: 'job:up:sum', line: 6}),
      expect.objectContaining({kind: 'missing', rule: 'NotDeployed', line: 10}),
    ])
    const table = await runCli(['rules', 'status', '--compare', file], {env: env()})
    expect(table.stdout).toContain(`${file}:10: alert "NotDeployed" of group "health" is in ${file} but not loaded on the server`)
  })

  test('--compare reports a loaded rule that no file holds, and a file that does not decode is exit 2', async () => {
    const file = join(dir, 'partial.yml')
    await writeFile(file, 'groups:\n  - name: health\n    rules:\n      - alert: AlwaysOn\n        expr: vector(1)\n')
    const r = await json(['rules', 'status', '--type', 'alert', '--compare', file])
    expect(r.code).toBe(0)
    const all = await json(['rules', 'status', '--compare', file])
    const kinds = (all.data as {problems: Array<{kind: string; rule: string}>}).problems.map((p) => `${p.kind} ${p.rule}`)
    expect(kinds).toEqual(expect.arrayContaining(['unexpected job:up:sum', 'unexpected broken:collide']))
    await writeFile(join(dir, 'bad.yml'), 'groups:\n  - name: x\n    rulez: []\n')
    const bad = await runCli(['rules', 'status', '--compare', join(dir, 'bad.yml')], {env: env()})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/bad\.yml:3: .*rulez/)
  })
})

describe('alerts list --source prometheus', () => {
  test('an alert with `for` shows pending with the time left, then firing', async () => {
    const pending = await until(
      'a pending alert',
      () => json(['alerts', 'list', '--source', 'prometheus']),
      (x) => (x.data as Array<{state: string}>).some((a) => a.state === 'pending' || a.state === 'firing'),
    )
    const first = (pending.data as Array<{alertname: string; state: string; forLeft?: number; for: number}>)[0]!
    expect(first.alertname).toBe('AlwaysOn')
    expect(first.for).toBe(4)
    if (first.state === 'pending') {
      expect(first.forLeft).toBeGreaterThanOrEqual(0)
      expect(first.forLeft).toBeLessThanOrEqual(4)
    }
    const firing = await until(
      'firing',
      () => json(['alerts', 'list', '--source', 'prometheus', 'severity=info']),
      (x) => (x.data as Array<{state: string}>).some((a) => a.state === 'firing'),
    )
    expect((firing.data as Array<{forLeft?: number; value?: string}>)[0]).toMatchObject({value: '1e+00'})
    expect((firing.data as Array<{forLeft?: number}>)[0]!.forLeft).toBeUndefined()
    const none = await json(['alerts', 'list', '--source', 'prometheus', 'severity=critical'])
    expect(none.data).toEqual([])
    const table = await runCli(['alerts', 'list', '--source', 'prometheus'], {env: env()})
    expect(table.stdout).toMatch(/AlwaysOn\s+firing\s+1e\+00/)
  })

  test('--source both joins each alert with its state in Alertmanager: active, then silenced', async () => {
    type Joined = Array<{alertname: string; state: string; alertmanager: string; receivers: string[]}>
    const held = await until(
      'Alertmanager to hold the alert',
      () => json(['alerts', 'list', '--source', 'both']),
      (x) => (x.data as Joined).some((a) => a.alertmanager === 'active'),
    )
    expect((held.data as Joined)[0]).toMatchObject({alertname: 'AlwaysOn', state: 'firing', alertmanager: 'active', receivers: ['null']})
    const silence = await runCli(['silences', 'create', 'alertname=AlwaysOn', '-c', 'test', '-q'], {env: env()})
    expect(silence.code).toBe(0)
    const silenced = await until(
      'the silence to apply',
      () => json(['alerts', 'list', '--source', 'both']),
      (x) => (x.data as Joined).some((a) => a.alertmanager === 'silenced'),
    )
    expect((silenced.data as Joined)[0]!.alertmanager).toBe('silenced')
    const table = await runCli(['alerts', 'list', '--source', 'both'], {env: env()})
    expect(table.stdout).toMatch(/AlwaysOn\s+firing.*silenced/)
  }, 150_000)

  test('--source both says so when Alertmanager cannot be reached (exit 3)', async () => {
    const r = await runCli(['alerts', 'list', '--source', 'both', '-o', 'json'], {env: {...env(), SPOCK_ALERTMANAGER_URL: 'http://127.0.0.1:1'}})
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/cannot reach/)
  })
})

describe('query', () => {
  test('an instant query returns what the API returns', async () => {
    const r = await json(['query', 'sum by (job) (up)', '--time', String(Math.floor(Date.now() / 1000))])
    expect(r.code).toBe(0)
    const report = r.data as {resultType: string; result: Array<{metric: Record<string, string>; value: [number, string]}>}
    expect(report.resultType).toBe('vector')
    expect(report.result).toEqual([{metric: {job: 'prometheus'}, value: [expect.any(Number), '1']}])
    const table = await runCli(['query', 'sum by (job) (up)'], {env: env()})
    expect(table.stdout).toMatch(/\{job="prometheus"\}\s+1\s/)
  })

  test('a range query returns the same points as /api/v1/query_range', async () => {
    const end = Math.floor(Date.now() / 1000)
    const start = end - 20
    const r = await json(['query', 'up', '--start', String(start), '--end', String(end), '--step', '2s'])
    expect(r.code).toBe(0)
    const api = (await (await fetch(`${prom.url}/api/v1/query_range?query=up&start=${start}&end=${end}&step=2`)).json()) as {data: unknown}
    expect(r.data).toMatchObject(api.data as object)
    expect((r.data as {range: {step: number}}).range.step).toBe(2)
  })

  test("a bad expression is exit 2 with Prometheus's message and a caret under its column", async () => {
    const r = await runCli(['query', 'sum(rate(up[5m])'], {env: env()})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('query failed: 1:')
    expect(r.stderr).toMatch(/unclosed left parenthesis/)
    expect(r.stderr).toContain('sum(rate(up[5m])\n')
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/)
  })

  test('too many points is refused before asking the server', async () => {
    const r = await runCli(['query', 'up', '--range', '30d', '--step', '1s'], {env: env()})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('more than the 11,000 Prometheus allows')
  })
})
