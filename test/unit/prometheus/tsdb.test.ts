// checkTsdb over the real Prometheus 2.42 /api/v1/status/tsdb sample and variants.
import {readFileSync} from 'node:fs'
import {describe, expect, test} from 'vitest'
import {UsageError} from '../../../src/errors.js'
import {envelope, tsdbStatus, type TsdbStatus} from '../../../src/prometheus/schemas.js'
import {checkTsdb, tsdbCheckOptions, type TsdbCheckOptions} from '../../../src/prometheus/tsdb.js'

const SAMPLE = envelope(tsdbStatus).parse(JSON.parse(readFileSync(new URL('../../fixtures/api/prometheus-2.42-api-v1-status-tsdb.json', import.meta.url), 'utf8'))).data

describe('checkTsdb on the 2.42 sample (771 series)', () => {
  test('no limits: ok, the data as the API gave it', () => {
    const r = checkTsdb(SAMPLE, {})
    expect(r.ok).toBe(true)
    expect(r.problems).toEqual([])
    expect(r.warnings).toEqual([])
    expect(r.headStats).toEqual({numSeries: 771, numLabelPairs: 437, chunkCount: 771, minTime: 1795332041562, maxTime: 1795332176890})
    expect(r.seriesCountByMetricName).toEqual(SAMPLE.seriesCountByMetricName)
    expect(r.seriesCountByLabelValuePair[0]).toEqual({name: 'job=prometheus', value: 482})
  })

  test('--limit 3 keeps the top 3 of each list', () => {
    const r = checkTsdb(SAMPLE, {limit: 3})
    expect([r.seriesCountByMetricName, r.labelValueCountByLabelName, r.memoryInBytesByLabelName, r.seriesCountByLabelValuePair].map((l) => l.length)).toEqual([3, 3, 3, 3])
    expect(r.labelValueCountByLabelName.map((s) => s.name)).toEqual(['__name__', 'le', 'integration'])
  })

  const cases: Array<{name: string; opts: TsdbCheckOptions; messages: string[]}> = [
    {name: '--max-series 800 passes', opts: {maxSeries: 800}, messages: []},
    {name: '--max-series 771 passes (not more than)', opts: {maxSeries: 771}, messages: []},
    {name: '--max-series 700 fails', opts: {maxSeries: 700}, messages: ['head holds 771 series, more than --max-series 700']},
    {name: '--max-series-per-metric 30', opts: {maxSeriesPerMetric: 30}, messages: [
      'metric "alertmanager_notification_latency_seconds_bucket" has 60 series, more than --max-series-per-metric 30',
      'metric "prometheus_http_request_duration_seconds_bucket" has 40 series, more than --max-series-per-metric 30',
      'metric "prometheus_http_response_size_bytes_bucket" has 36 series, more than --max-series-per-metric 30',
    ]},
    {name: '--max-series-per-metric 60 passes', opts: {maxSeriesPerMetric: 60}, messages: []},
    {name: '--max-label-values 9 skips __name__', opts: {maxLabelValues: 9}, messages: [
      'label "le" has 72 values, more than --max-label-values 9',
      'label "integration" has 10 values, more than --max-label-values 9',
    ]},
    {name: 'every listed metric over the limit: more may be hidden', opts: {maxSeriesPerMetric: 11, limit: 10}, messages: [
      ...['alertmanager_notification_latency_seconds_bucket 60', 'prometheus_http_request_duration_seconds_bucket 40', 'prometheus_http_response_size_bytes_bucket 36',
        'net_conntrack_dialer_conn_failed_total 24', 'prometheus_tsdb_compaction_duration_seconds_bucket 15', 'prometheus_target_sync_length_seconds 15',
        'prometheus_tsdb_compaction_chunk_samples_bucket 13', 'prometheus_tsdb_compaction_chunk_size_bytes_bucket 13',
        'alertmanager_nflog_query_duration_seconds_bucket 12', 'alertmanager_silences_query_duration_seconds_bucket 12'].map((s) => {
        const [name, n] = s.split(' ')
        return `metric "${name}" has ${n} series, more than --max-series-per-metric 11`
      }),
      'every entry of the top 10 is over --max-series-per-metric 11; raise --limit to see more',
    ]},
  ]
  test.each(cases)('$name', ({opts, messages}) => {
    const r = checkTsdb(SAMPLE, opts)
    expect(r.problems.map((p) => p.message)).toEqual(messages)
    expect(r.ok).toBe(messages.length === 0)
  })

  test('a problem names the metric, its value and the limit', () => {
    expect(checkTsdb(SAMPLE, {maxSeriesPerMetric: 50}).problems).toEqual([
      {kind: 'series-per-metric', name: 'alertmanager_notification_latency_seconds_bucket', value: 60, limit: 50,
        message: 'metric "alertmanager_notification_latency_seconds_bucket" has 60 series, more than --max-series-per-metric 50'},
    ])
  })
})

describe('server quirks', () => {
  const empty: TsdbStatus = {
    headStats: {numSeries: 0, numLabelPairs: 0, chunkCount: 0, minTime: 9223372036854775807, maxTime: -9223372036854775808},
    seriesCountByMetricName: [], labelValueCountByLabelName: [], memoryInBytesByLabelName: [], seriesCountByLabelValuePair: [],
  }
  test('an empty head has no time range (null, not MaxInt64)', () => {
    const r = checkTsdb(empty, {maxSeries: 0})
    expect(r.headStats).toMatchObject({minTime: null, maxTime: null})
    expect(r.ok).toBe(true)
    expect(r.warnings).toEqual([])
  })
  test('series but empty lists (2.42 caches the lists for 30s): a warning', () => {
    const r = checkTsdb({...empty, headStats: {...empty.headStats!, numSeries: 453}}, {})
    expect(r.warnings).toEqual(['the server sent empty top lists although the head holds series: Prometheus caches these statistics for 30s; ask again shortly'])
  })
  test('no head (VictoriaMetrics): its totals stand in, chunks and times unknown, and a warning says so', () => {
    const r = checkTsdb({totalSeries: 866, totalLabelValuePairs: 3730, seriesCountByMetricName: [{name: 'flag', value: 155}]}, {maxSeries: 800})
    expect(r.headStats).toEqual({numSeries: 866, numLabelPairs: 3730, chunkCount: null, minTime: null, maxTime: null})
    expect(r.ok).toBe(false)
    expect(r.warnings).toEqual(['the server has no head block statistics (not a Prometheus?): series totals only, no chunks or time range'])
  })
  test('--limit 20 answered with 10 entries (Prometheus < 2.45): a warning', () => {
    expect(checkTsdb(SAMPLE, {limit: 20}).warnings[0]).toMatch(/asked for 20 entries per list but the server sent at most 10/)
  })
  test('null lists (older or other servers) read as empty', () => {
    const r = checkTsdb({headStats: SAMPLE.headStats, seriesCountByMetricName: null}, {maxSeriesPerMetric: 1})
    expect(r.seriesCountByMetricName).toEqual([])
    expect(r.ok).toBe(true)
  })
})

describe('tsdbCheckOptions', () => {
  test.each([[{limit: 0}, /invalid --limit 0/], [{limit: 10_001}, /invalid --limit 10001/], [{'max-series': -5}, /invalid --max-series -5/]])('%j is a usage error', (flags, message) => {
    expect(() => tsdbCheckOptions(flags)).toThrow(UsageError)
    expect(() => tsdbCheckOptions(flags)).toThrow(message)
  })
  test('maps flags', () => {
    expect(tsdbCheckOptions({limit: 5, 'max-series': 1, 'max-series-per-metric': 2, 'max-label-values': 3})).toEqual({limit: 5, maxSeries: 1, maxSeriesPerMetric: 2, maxLabelValues: 3})
  })
})
