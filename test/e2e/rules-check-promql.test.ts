// `spock rules check` with the semantic PromQL checks, through the built CLI: a file with the classic
// mistakes gets each finding on its line, warnings keep exit 0, --scrape-interval moves the rate verdict.
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'

const FILE = `groups:
  - name: g
    rules:
      - alert: RateOverGauge
        expr: rate(cpu_usage_ratio[5m]) > 0.5
        for: 5m
      - alert: ShortRange
        expr: rate(http_requests_total[1m]) > 10
        for: 5m
      - alert: NoBrokers
        expr: count(kafka_brokers{job="kafka"}) == 0
        for: 5m
      - alert: RegexString
        expr: up{job=~"api"} == 0
        for: 5m
      - alert: TopErrors
        expr: topk(3, rate(errors_total[5m])) > 1
        for: 5m
`

describe('rules check: semantic PromQL checks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spock-promql-'))
  const path = join(dir, 'rules.yml')
  writeFileSync(path, FILE)

  test('each mistake on its line, as warnings (exit 0)', async () => {
    const r = await runCli(['rules', 'check', path])
    expect(r.code).toBe(0)
    const found = [...r.stdout.matchAll(/rules\.yml:(\d+):\d+: warning: .*\[(promql\/\w+)\]/g)].map((m) => `${m[1]} ${m[2]}`)
    expect(found).toEqual(['5 promql/rate', '8 promql/rate', '11 promql/impossible', '14 promql/regexp', '17 promql/fragile'])
    expect((await runCli(['rules', 'check', path, '--fail-on', 'warning'])).code).toBe(1)
  })

  test('--scrape-interval 15s accepts [1m]; a bad value is a usage error', async () => {
    const r = await runCli(['rules', 'check', path, '--scrape-interval', '15s'])
    expect(r.stdout).not.toMatch(/:8:\d+: warning/)
    const bad = await runCli(['rules', 'check', path, '--scrape-interval', 'soon'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^spock: error: invalid duration "soon"/)
  })
})
