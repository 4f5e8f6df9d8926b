// Head cardinality for people: head statistics, then each top list, one grep-able row per entry.
import type {TsdbProblem, TsdbReport} from '../../prometheus/tsdb.js'
import {formatRfc3339} from '../../model/time.js'
import {palette} from '../color.js'
import type {RenderOptions, View} from '../render.js'
import {formatSeconds} from '../time.js'

interface TsdbRow {
  list: string
  name: string
  value: string
  share: string
}

const share = (n: number, total: number) => (total > 0 ? `${((n / total) * 100).toFixed(1)}%` : '-')

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = n
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`
}

function timeRows(r: TsdbReport): Array<[string, string]> {
  const {minTime, maxTime} = r.headStats
  if (minTime === null || maxTime === null) return [['time range', 'empty']]
  return [
    ['min time', formatRfc3339(new Date(minTime))],
    ['max time', formatRfc3339(new Date(maxTime))],
    ['time range', formatSeconds((maxTime - minTime) / 1000)],
  ]
}

function tsdbRows(r: TsdbReport): TsdbRow[] {
  const total = r.headStats.numSeries
  const head = (name: string, value: string): TsdbRow => ({list: 'head', name, value, share: '-'})
  return [
    head('series', String(total)),
    head('chunks', r.headStats.chunkCount === null ? 'unknown' : String(r.headStats.chunkCount)),
    ...(r.headStats.numLabelPairs === undefined ? [] : [head('label pairs', String(r.headStats.numLabelPairs))]),
    ...timeRows(r).map(([name, value]) => head(name, value)),
    ...r.seriesCountByMetricName.map((s) => ({list: 'series by metric', name: s.name, value: String(s.value), share: share(s.value, total)})),
    ...r.labelValueCountByLabelName.map((s) => ({list: 'values by label', name: s.name, value: String(s.value), share: '-'})),
    ...r.memoryInBytesByLabelName.map((s) => ({list: 'memory by label', name: s.name, value: formatBytes(s.value), share: '-'})),
    ...r.seriesCountByLabelValuePair.map((s) => ({list: 'series by pair', name: s.name, value: String(s.value), share: share(s.value, total)})),
  ]
}

const problemLine = (p: TsdbProblem, o: RenderOptions) => `${palette(o.color).red('error:')} ${p.message}`

export const tsdbView: View<TsdbReport, TsdbRow> = {
  rows: tsdbRows,
  columns: [
    {header: 'LIST', value: (row) => row.list},
    {header: 'NAME', value: (row) => row.name},
    {header: 'VALUE', value: (row) => row.value},
    {header: 'SHARE', value: (row) => row.share},
  ],
  footer: (r, o) => (r.problems.length > 0 ? r.problems.map((p) => problemLine(p, o)).join('\n') : undefined),
}
