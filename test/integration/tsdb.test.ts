// spock tsdb status against a real Prometheus 2.42 scraping itself every second.
import {setTimeout as delay} from 'node:timers/promises'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {HttpClient} from '../../src/http/client.js'
import {checkServerTargets} from '../../src/prometheus/targets.js'
import {checkServerTsdb, type TsdbReport} from '../../src/prometheus/tsdb.js'
import {runCli} from '../support/run-cli.js'
import {startPrometheus, unusedUrl, type Server} from '../support/servers.js'

let prom: Server
let first: TsdbReport

beforeAll(async () => {
  prom = await startPrometheus()
  const http = new HttpClient({url: prom.url, headers: {}, tls: {}, timeoutMs: 5_000})
  try {
    // Poll through the core until the self-scrape has landed: 2.42 caches the top lists for 30 s,
    // so the first /status/tsdb call must come after the head holds series.
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      const targets = await checkServerTargets(http, {})
      if (targets.targets.some((t) => t.health === 'up')) break
      await delay(50)
    }
    first = await checkServerTsdb(http, {})
  } finally {
    await http.close()
  }
})
afterAll(async () => {
  await prom?.stop()
})

const spock = (...args: string[]) => runCli(['tsdb', 'status', '--prometheus-url', prom.url, ...args])
const top = (r: TsdbReport) => r.seriesCountByMetricName[0]!

describe('spock tsdb status', () => {
  test('core: the head holds series and every top list is filled', () => {
    expect(first.headStats.numSeries).toBeGreaterThan(100)
    expect(first.headStats.minTime).toBeLessThanOrEqual(first.headStats.maxTime!)
    expect(first.seriesCountByMetricName.length).toBe(10)
    expect(first.labelValueCountByLabelName.map((s) => s.name)).toContain('__name__')
    expect(first.seriesCountByLabelValuePair.map((s) => s.name)).toContain('job=prometheus')
  })

  test('table: head statistics then the top lists; exit 0', async () => {
    const r = await spock()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^LIST\s+NAME\s+VALUE\s+SHARE\n/)
    expect(r.stdout).toMatch(/^head\s+series\s+\d+\s+-$/m)
    expect(r.stdout).toMatch(/^head\s+min time\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s+-$/m)
    expect(r.stdout).toMatch(/^series by metric\s+\w+\s+\d+\s+\d+\.\d%$/m)
    expect(r.stdout).toMatch(/^values by label\s+__name__\s+\d+\s+-$/m)
    expect(r.stdout).toMatch(/^memory by label\s+__name__\s+[\d.]+ (B|KiB|MiB)\s+-$/m)
    expect(r.stdout).toMatch(/^series by pair\s+job=prometheus\s+\d+\s+\d+\.\d%$/m)
  })

  test('-o json: the API data plus problems, warnings and ok; --limit 3 trims every list (2.42 ignores the parameter)', async () => {
    const r = await spock('-o', 'json', '--limit', '3')
    expect(r.code).toBe(0)
    const body = JSON.parse(r.stdout)
    expect(Object.keys(body)).toEqual([
      'headStats', 'seriesCountByMetricName', 'labelValueCountByLabelName', 'memoryInBytesByLabelName', 'seriesCountByLabelValuePair', 'problems', 'warnings', 'ok',
    ])
    expect(Object.keys(body.headStats)).toEqual(['numSeries', 'numLabelPairs', 'chunkCount', 'minTime', 'maxTime'])
    for (const list of ['seriesCountByMetricName', 'labelValueCountByLabelName', 'memoryInBytesByLabelName', 'seriesCountByLabelValuePair']) {
      expect(body[list]).toHaveLength(3)
      expect(Object.keys(body[list][0])).toEqual(['name', 'value'])
    }
    expect(body).toMatchObject({problems: [], warnings: [], ok: true})
  })

  test('--limit 20 on 2.42: a warning on stderr that the server ignored it', async () => {
    const r = await spock('--limit', '20', '--json')
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('spock: warning: asked for 20 entries per list but the server sent at most 10: Prometheus before 2.45 ignores --limit')
    expect(JSON.parse(r.stdout).seriesCountByMetricName).toHaveLength(10)
  })

  test('--max-series below the head: exit 1 with one line naming the limit', async () => {
    const r = await spock('--max-series', '10')
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^error: head holds \d+ series, more than --max-series 10$/m)
  })

  test('--max-series-per-metric just below the biggest metric: exit 1 naming it; at its size: exit 0', async () => {
    const biggest = top(first)
    const over = await spock('--max-series-per-metric', String(biggest.value - 1), '-o', 'json')
    expect(over.code).toBe(1)
    const body = JSON.parse(over.stdout)
    expect(body.ok).toBe(false)
    expect(body.problems[0]).toMatchObject({kind: 'series-per-metric', name: biggest.name, value: biggest.value, limit: biggest.value - 1})
    const at = await spock('--max-series-per-metric', String(biggest.value))
    expect(at.code).toBe(0)
  })

  test('--max-label-values 5: exit 1 naming a label other than __name__', async () => {
    const r = await spock('--max-label-values', '5')
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^error: label "le" has \d+ values, more than --max-label-values 5$/m)
    expect(r.stdout).not.toContain('label "__name__"')
  })

  test.each([[['--limit', '0']], [['--max-series', '-1']]])('usage error %j: exit 2', async (args) => {
    const r = await spock(...args)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
  })

  test('nothing listening: exit 3', async () => {
    const r = await runCli(['tsdb', 'status', '--prometheus-url', await unusedUrl()])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^spock: error: cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/v1\/status\/tsdb: connection refused/)
  })
})
