// rules check --prometheus-url against a real Prometheus that scrapes itself every second: promql/series
// (missing metric with "did you mean", unknown label value, recorded names), promql/rate with the job's
// real scrape interval, and one warning (no crash) when the server cannot be reached.
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startPrometheus, unusedUrl, type Server} from '../support/servers.js'
import {makeTempDir} from '../support/tmp.js'

let prom: Server
let rules: string

const RULES = `groups:
  - name: live
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: Down
        expr: up{job="prometheus"} == 0
      - alert: Typo
        expr: prometheus_http_requests_totl > 0
      - alert: WrongJob
        expr: up{job="nodes"} == 0
      - alert: RateRange
        expr: rate(prometheus_http_requests_total[90s]) > 100
      - alert: Recorded
        expr: job:up:sum == 0
`

beforeAll(async () => {
  prom = await startPrometheus()
  rules = join(await makeTempDir('spock-live-'), 'rules.yml')
  writeFileSync(rules, RULES)
  // Wait for the first scrapes: up and the HTTP counter must be there
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${prom.url}/api/v1/label/__name__/values`).then((r) => r.json() as Promise<{data: string[]}>)
    if (res.data.includes('up') && res.data.includes('prometheus_http_requests_total')) break
    await delay(100)
  }
}, 60_000)

afterAll(async () => {
  await prom?.stop()
})

const only = (ids: string[]) => ['--disable', 'alerts/comparison,rule/label,alerts/annotation,rule/name,promql/fragile', ...ids]

describe('rules check --prometheus-url', () => {
  test('offline (no URL): no promql/series, and promql/rate assumes 1m', async () => {
    const r = await runCli(['rules', 'check', rules, '-o', 'json', ...only([])])
    const checks = JSON.parse(r.stdout).files[0].problems.map((p: {check: string; line: number}) => `${p.line} ${p.check}`)
    expect(checks).toEqual(['13 promql/rate'])
  })

  test('online: missing metric with a suggestion, unknown label value, recorded names pass, real scrape interval', async () => {
    const r = await runCli(['rules', 'check', rules, '--prometheus-url', prom.url, '-o', 'json', ...only([])])
    expect(r.code, r.stderr).toBe(0)
    const problems = JSON.parse(r.stdout).files[0].problems as {check: string; line: number; message: string}[]
    expect(problems.map((p) => `${p.line} ${p.check}`)).toEqual(['9 promql/series', '11 promql/series'])
    expect(problems[0]!.message).toMatch(/^metric "prometheus_http_requests_totl" has no series on http:\/\/127\.0\.0\.1:\d+ \(nor in the last 1w\); did you mean "prometheus_http_requests_total"\?$/)
    expect(problems[1]!.message).toMatch(/no series of "up" has job="nodes" .*; it has "prometheus"$/)
  })

  test('an unreachable server is one warning; the offline checks still run', async () => {
    const r = await runCli(['rules', 'check', rules, '--prometheus-url', await unusedUrl(), ...only([])])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.match(/live checks skipped: cannot query Prometheus/g)).toHaveLength(1)
    expect(r.stdout).toContain('[promql/rate]')
    expect(r.stderr).toBe('')
  })
})
