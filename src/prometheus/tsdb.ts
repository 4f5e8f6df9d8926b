// Head block cardinality as a CI gate: total series, series per metric, values per label.
import {UsageError} from '../errors.js'
import type {HttpClient} from '../http/client.js'
import {getTsdbStatus} from './api.js'
import type {TsdbStat, TsdbStatus} from './schemas.js'

export interface TsdbCheckOptions {
  /** Entries kept per top list (the server may send fewer: Prometheus < 2.45 always sends 10). */
  limit?: number
  maxSeries?: number
  maxSeriesPerMetric?: number
  /** Distinct values per label name; __name__ (the number of metric names) is not counted. */
  maxLabelValues?: number
}

type TsdbProblemKind = 'series' | 'series-per-metric' | 'label-values'

export interface TsdbProblem {
  kind: TsdbProblemKind
  /** Metric or label name; absent for the total. */
  name?: string
  value: number
  limit: number
  message: string
}

export interface TsdbReport {
  headStats: {
    numSeries: number
    numLabelPairs?: number
    chunkCount: number | null // null: the server has no head (VictoriaMetrics)
    /** Unix ms; null when the head holds no samples. */
    minTime: number | null
    maxTime: number | null
  }
  seriesCountByMetricName: TsdbStat[]
  labelValueCountByLabelName: TsdbStat[]
  memoryInBytesByLabelName: TsdbStat[]
  seriesCountByLabelValuePair: TsdbStat[]
  problems: TsdbProblem[]
  /** Notes for people, e.g. that the server sent fewer entries than asked for. */
  warnings: string[]
  ok: boolean
}

const DEFAULT_TSDB_LIMIT = 10
const OLD_SERVER_LIST = 10

interface TsdbCheckFlags {
  limit?: number
  'max-series'?: number
  'max-series-per-metric'?: number
  'max-label-values'?: number
}

export function tsdbCheckOptions(f: TsdbCheckFlags): TsdbCheckOptions {
  if (f.limit !== undefined && (f.limit < 1 || f.limit > 10_000)) {
    throw new UsageError(`invalid --limit ${f.limit}`, {hint: 'give a number from 1 to 10000'})
  }
  for (const name of ['max-series', 'max-series-per-metric', 'max-label-values'] as const) {
    const v = f[name]
    if (v !== undefined && v < 0) throw new UsageError(`invalid --${name} ${v}`, {hint: 'give a whole number, 0 or more'})
  }
  return {limit: f.limit, maxSeries: f['max-series'], maxSeriesPerMetric: f['max-series-per-metric'], maxLabelValues: f['max-label-values']}
}

export function checkTsdb(status: TsdbStatus, opts: TsdbCheckOptions): TsdbReport {
  const limit = opts.limit ?? DEFAULT_TSDB_LIMIT
  const top = (list: TsdbStat[] | null | undefined) => [...(list ?? [])].sort((a, b) => b.value - a.value).slice(0, limit)
  // No head (VictoriaMetrics): its totals stand in, times and chunks are unknown.
  const h = status.headStats ?? {numSeries: status.totalSeries ?? 0, numLabelPairs: status.totalLabelValuePairs, chunkCount: Number.NaN, minTime: 1, maxTime: 0}
  const empty = h.minTime > h.maxTime
  const report: Omit<TsdbReport, 'problems' | 'ok' | 'warnings'> = {
    headStats: {
      numSeries: h.numSeries,
      ...(h.numLabelPairs === undefined ? {} : {numLabelPairs: h.numLabelPairs}),
      chunkCount: Number.isNaN(h.chunkCount) ? null : h.chunkCount,
      minTime: empty ? null : h.minTime,
      maxTime: empty ? null : h.maxTime,
    },
    seriesCountByMetricName: top(status.seriesCountByMetricName),
    labelValueCountByLabelName: top(status.labelValueCountByLabelName),
    memoryInBytesByLabelName: top(status.memoryInBytesByLabelName),
    seriesCountByLabelValuePair: top(status.seriesCountByLabelValuePair),
  }
  const problems: TsdbProblem[] = []
  if (opts.maxSeries !== undefined && h.numSeries > opts.maxSeries) {
    problems.push({kind: 'series', value: h.numSeries, limit: opts.maxSeries, message: `head holds ${h.numSeries} series, more than --max-series ${opts.maxSeries}`})
  }
  // Each top list is sorted by value, so when its last entry is over the limit, more may hide beyond it.
  const over = (kind: TsdbProblemKind, list: TsdbStat[], max: number | undefined, what: (s: TsdbStat) => string, flag: string) => {
    if (max === undefined) return
    const bad = list.filter((s) => s.value > max)
    for (const s of bad) problems.push({kind, name: s.name, value: s.value, limit: max, message: `${what(s)}, more than ${flag} ${max}`})
    const maybeCut = list.length >= limit || list.length === OLD_SERVER_LIST
    if (bad.length > 0 && bad.length === list.length && maybeCut) {
      problems.push({kind, value: list.at(-1)!.value, limit: max, message: `every entry of the top ${list.length} is over ${flag} ${max}; raise --limit to see more`})
    }
  }
  const metrics = status.seriesCountByMetricName ?? []
  over('series-per-metric', [...metrics].sort((a, b) => b.value - a.value), opts.maxSeriesPerMetric, (s) => `metric "${s.name}" has ${s.value} series`, '--max-series-per-metric')
  const labels = (status.labelValueCountByLabelName ?? []).filter((s) => s.name !== '__name__').sort((a, b) => b.value - a.value)
  over('label-values', labels, opts.maxLabelValues, (s) => `label "${s.name}" has ${s.value} values`, '--max-label-values')
  return {...report, problems, warnings: warnings(status, opts), ok: problems.length === 0}
}

function warnings(status: TsdbStatus, opts: TsdbCheckOptions): string[] {
  const out: string[] = []
  const lists = [status.seriesCountByMetricName, status.labelValueCountByLabelName, status.memoryInBytesByLabelName, status.seriesCountByLabelValuePair]
  if ((opts.limit ?? DEFAULT_TSDB_LIMIT) > OLD_SERVER_LIST && lists.some((l) => (l?.length ?? 0) === OLD_SERVER_LIST)) {
    out.push(`asked for ${opts.limit} entries per list but the server sent at most ${OLD_SERVER_LIST}: Prometheus before 2.45 ignores --limit`)
  }
  if (!status.headStats) out.push('the server has no head block statistics (not a Prometheus?): series totals only, no chunks or time range')
  if ((status.headStats?.numSeries ?? status.totalSeries ?? 0) > 0 && lists.every((l) => (l?.length ?? 0) === 0)) {
    out.push('the server sent empty top lists although the head holds series: Prometheus caches these statistics for 30s; ask again shortly')
  }
  return out
}

/** Ask one Prometheus for its head statistics and check them. */
export async function checkServerTsdb(http: HttpClient, opts: TsdbCheckOptions): Promise<TsdbReport> {
  return checkTsdb(await getTsdbStatus(http, {limit: opts.limit}), opts)
}
