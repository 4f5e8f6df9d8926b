import {describe, expect, test} from 'vitest'
import {counterByName, promqlRate} from '../../../../src/lint/checks/promql-rate.js'
import {findings} from './promql-support.js'

describe('promql/rate', () => {
  test('good: a counter over a range of several scrapes', async () => {
    expect(await findings(promqlRate, 'sum by (job) (rate(http_requests_total[5m])) > 1')).toEqual([])
    expect(await findings(promqlRate, 'deriv(node_memory_free_bytes[10m]) < 0')).toEqual([])
    expect(await findings(promqlRate, 'rate(x_total[1m]) > 0', {scrapeIntervalMs: 15_000})).toEqual([])
  })

  test('range shorter than two scrape intervals, pointed at the range', async () => {
    expect(await findings(promqlRate, 'rate(x_total[1m]) > 0')).toEqual([
      '5:24 warning rate() over a 1m range sees fewer than two samples when the scrape interval is 1m',
    ])
    expect(await findings(promqlRate, 'increase(x_total[1m]) > 0', {scrapeIntervalMs: 30_000})).toEqual([])
    expect(await findings(promqlRate, 'increase(x_total[50s]) > 0', {scrapeIntervalMs: 30_000})).toHaveLength(1)
  })

  test('rate over a gauge name or a recorded rate', async () => {
    expect(await findings(promqlRate, 'rate(cpu_usage_ratio[5m]) > 0')).toEqual([
      '5:16 warning rate() over "cpu_usage_ratio", which is named like a gauge, not a counter',
    ])
    expect(await findings(promqlRate, 'rate(job:http_requests:rate5m[5m]) > 0')).toHaveLength(1)
  })

  test('delta and deriv over a counter', async () => {
    expect(await findings(promqlRate, 'delta(errors_total[5m]) > 0')).toEqual([
      '5:17 warning delta() over "errors_total", which is named like a counter; delta() is meant for gauges and misreads counter resets',
    ])
    expect(await findings(promqlRate, 'deriv(queue_length[5m]) > 0')).toEqual([])
  })

  test('rate over a subquery of an aggregation', async () => {
    const got = await findings(promqlRate, 'rate(sum(x_total)[5m:1m]) > 0')
    expect(got).toEqual(['5:16 warning rate() over sum(...): aggregating counters first hides their resets, so the result jumps when one series restarts'])
    expect(await findings(promqlRate, 'max_over_time(sum(rate(x_total[5m]))[1h:5m]) > 0')).toEqual([])
  })

  test('names', () => {
    expect(counterByName('http_requests_total')).toBe('counter')
    expect(counterByName('job:http_requests_total:sum')).toBe('counter')
    expect(counterByName('job:http_requests:rate5m')).toBe('derived')
    expect(counterByName('pg_stat_database_xact_commit')).toBe('unknown') // a counter without the suffix: no finding offline
    expect(counterByName('disk_used_percent')).toBe('gauge')
  })
})
