// spock targets check against a real Prometheus 2.42 scraping itself (up), an HTTP sink answering 500 (down),
// an unused port (down: connection refused) and a job whose only target is dropped by relabelling.
import {setTimeout as delay} from 'node:timers/promises'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {HttpClient} from '../../src/http/client.js'
import {checkServerTargets, type TargetsReport} from '../../src/prometheus/targets.js'
import {runCli} from '../support/run-cli.js'
import {startPrometheus, unusedUrl, type Server} from '../support/servers.js'
import {startHttpSink, type HttpSink} from '../support/sinks.js'

let prom: Server
let sink: HttpSink
let refusedUrl: string

const config = (sinkAddress: string, refusedAddress: string) => `global:
  scrape_interval: 1s
scrape_configs:
  - job_name: prometheus
    file_sd_configs:
      - files: [self.json]
        refresh_interval: 1s
  - job_name: sink-500
    metrics_path: /fail
    static_configs: [{targets: ['${sinkAddress}']}]
  - job_name: refused
    static_configs: [{targets: ['${refusedAddress}']}]
  - job_name: all-dropped
    static_configs: [{targets: ['127.0.0.1:1']}]
    relabel_configs: [{source_labels: [__address__], regex: '.*', action: drop}]
`

/** Polls through the core function until every target has been scraped once. */
async function waitForFirstScrapes(url: string, want: number): Promise<TargetsReport> {
  const http = new HttpClient({url, headers: {}, tls: {}, timeoutMs: 5_000})
  const deadline = Date.now() + 30_000
  let last: TargetsReport | undefined
  try {
    while (Date.now() < deadline) {
      last = await checkServerTargets(http, {})
      if (last.targets.length === want && last.targets.every((t) => t.health !== 'unknown')) return last
      await delay(50)
    }
  } finally {
    await http.close()
  }
  throw new Error(`targets not all scraped within 30 s: ${JSON.stringify(last?.targets.map((t) => [t.job, t.health]))}`)
}

beforeAll(async () => {
  sink = await startHttpSink()
  sink.setStatus('/fail', 500)
  refusedUrl = await unusedUrl()
  prom = await startPrometheus({config: config(new URL(sink.url).host, new URL(refusedUrl).host)})
  await waitForFirstScrapes(prom.url, 3)
})
afterAll(async () => {
  await prom?.stop()
  await sink?.stop()
})

const spock = (...args: string[]) => runCli(['targets', 'check', '--prometheus-url', prom.url, ...args])

describe('spock targets check', () => {
  test('default: two down targets fail the check (exit 1); the table shows each target and its error', async () => {
    const r = await spock()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^JOB\s+INSTANCE\s+HEALTH\s+LAST SCRAPE\s+DURATION\s+ERROR$/)
    expect(lines[1]).toMatch(new RegExp(`^prometheus\\s+127\\.0\\.0\\.1:${prom.port}\\s+up\\s+(now|\\d+s ago)\\s+[\\d.]+m?s\\s+-$`))
    expect(lines[2]).toMatch(new RegExp(`^refused\\s+${new URL(refusedUrl).host}\\s+down\\s+.*connection refused$`))
    expect(lines[3]).toMatch(new RegExp(`^sink-500\\s+${new URL(sink.url).host}\\s+down\\s+.*server returned HTTP status 500 Internal Server Error$`))
    expect(lines.slice(4)).toEqual(['3 targets: 1 up, 2 down in 2 jobs', 'warning: job "all-dropped": all 1 discovered target was dropped by relabelling'])
  })

  test.each([['-o', 'json'], ['--json']])('%s: the documented shape', async (...flag) => {
    const r = await spock(...flag)
    expect(r.code).toBe(1)
    const body = JSON.parse(r.stdout)
    expect(Object.keys(body)).toEqual(['targets', 'jobs', 'problems', 'ok'])
    expect(body.ok).toBe(false)
    expect(body.targets).toHaveLength(3)
    expect(Object.keys(body.targets[0]).sort()).toEqual(
      ['health', 'instance', 'job', 'labels', 'lastError', 'lastScrape', 'lastScrapeDuration', 'scrapeInterval', 'scrapeTimeout', 'scrapeUrl'],
    )
    expect(body.targets[0]).toMatchObject({job: 'prometheus', health: 'up', lastError: '', scrapeInterval: 1, labels: {job: 'prometheus'}})
    expect(Date.parse(body.targets[0].lastScrape)).toBeGreaterThan(0)
    expect(body.jobs).toEqual([
      {job: 'all-dropped', up: 0, down: 0, unknown: 0, dropped: 1},
      {job: 'prometheus', up: 1, down: 0, unknown: 0, dropped: 0},
      {job: 'refused', up: 0, down: 1, unknown: 0, dropped: 0},
      {job: 'sink-500', up: 0, down: 1, unknown: 0, dropped: 0},
    ])
    expect(body.problems.map((p: {kind: string; severity: string; job: string}) => [p.kind, p.severity, p.job])).toEqual([
      ['down', 'error', 'refused'],
      ['down', 'error', 'sink-500'],
      ['all-dropped', 'warning', 'all-dropped'],
    ])
  })

  test('health agrees with the `up` series Prometheus records for each target', async () => {
    const r = await spock('-o', 'json')
    const res = await fetch(`${prom.url}/api/v1/query?query=up`)
    const up = ((await res.json()) as {data: {result: Array<{metric: {job: string; instance: string}; value: [number, string]}>}}).data.result
    const fromQuery = up.map((s) => [s.metric.job, s.metric.instance, s.value[1] === '1' ? 'up' : 'down']).sort()
    const fromSpock = JSON.parse(r.stdout).targets.map((t: {job: string; instance: string; health: string}) => [t.job, t.instance, t.health]).sort()
    expect(fromSpock).toEqual(fromQuery)
  })

  test('-q prints the scrape URLs of the failing targets only', async () => {
    const r = await spock('-q')
    expect(r.code).toBe(1)
    expect(r.stdout.trimEnd().split('\n')).toEqual([`${refusedUrl}/metrics`, `${sink.url}/fail`])
  })

  test('-o yaml', async () => {
    const r = await spock('-o', 'yaml', '--job', 'prometheus')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^targets:\n {2}- job: prometheus\n/)
    expect(r.stdout).toMatch(/\nok: true\n$/)
  })

  const thresholds: Array<[string, string[], number, RegExp?]> = [
    ['--max-down 2 tolerates both', ['--max-down', '2'], 0],
    ['--max-down 1 does not', ['--max-down', '1'], 1, /error: 2 of 3 targets unhealthy, more than --max-down 1 allows/],
    ['--max-down-ratio 0.7 tolerates 2/3', ['--max-down-ratio', '0.7'], 0],
    ['--max-down-ratio 0.5 does not', ['--max-down-ratio', '0.5'], 1, /more than --max-down-ratio 0.5 allows/],
    ['--job prometheus is healthy', ['--job', 'prometheus'], 0, /^1 target: 1 up$/m],
    ['--job with a typo is named', ['--job', 'prometheus', '--job', 'promethues'], 1, /error: job "promethues": no such job; configured jobs: all-dropped, prometheus, refused, sink-500/],
    ['--job naming an all-dropped job fails', ['--job', 'all-dropped'], 1, /error: job "all-dropped": all 1 discovered target was dropped by relabelling/],
    ['--selector picks targets by label', ['--selector', 'job=~"prom.*"'], 0, /^1 target: 1 up$/m],
    ['--min-targets 4 fails', ['--min-targets', '4', '--max-down', '2'], 1, /error: 3 targets, fewer than --min-targets 4/],
    ['--max-scrape-duration 1ms flags the self-scrape', ['--job', 'prometheus', '--max-scrape-duration', '1ms'], 1, /error: prometheus 127\.0\.0\.1:\d+: last scrape took [\d.]+m?s, more than --max-scrape-duration 1ms/],
    ['--max-scrape-duration 10s passes', ['--job', 'prometheus', '--max-scrape-duration', '10s'], 0],
  ]
  test.each(thresholds)('%s', async (_name, args, code, output) => {
    const r = await spock(...args)
    expect(r.code).toBe(code)
    if (output) expect(r.stdout).toMatch(output)
  })

  test.each([
    [['--max-down-ratio', '2'], /invalid --max-down-ratio "2"/],
    [['--max-down', '1', '--max-down-ratio', '0.5'], /cannot also be provided/],
    [['--max-scrape-duration', '2 seconds'], /invalid duration "2 seconds"/],
    [['--selector', 'job=~"("'], /invalid matcher/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const r = await spock(...args)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
  })

  test('nothing listening: exit 3, one error line and a hint; -o json carries the error', async () => {
    const url = await unusedUrl()
    const r = await runCli(['targets', 'check', '--prometheus-url', url])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^spock: error: cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/v1\/targets\?state=any: connection refused\n {2}hint: /)
    const json = await runCli(['targets', 'check', '--prometheus-url', url, '-o', 'json'])
    expect(json.code).toBe(3)
    expect(JSON.parse(json.stdout).error).toMatchObject({code: 'ConnectionError', exitCode: 3})
  })
})
