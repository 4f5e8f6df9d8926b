// Query results for people: one row per series (value, or points/min/max/last for a range), and on a
// terminal a chart of each series of a range query under the table.
import type {Labels, Point, QueryReport} from '../../prometheus/query.js'
import {formatLabelObject} from '../../promql/labels.js'
import {chartLines} from '../chart.js'
import {palette} from '../color.js'
import type {View} from '../render.js'

interface QueryRow {
  series: string
  value: string
  points?: number
  min?: string
  max?: string
  at?: string
}

const MAX_CHARTS = 10

/** `up{instance="a", job="b"}`, as Prometheus prints a series. */
export function seriesName(metric: Labels): string {
  return formatLabelObject(metric)
}

const numbers = (points: readonly Point[]) => points.map((p) => Number(p[1]))
const fmt = (n: number) => (Number.isNaN(n) ? 'NaN' : n === Infinity ? '+Inf' : n === -Infinity ? '-Inf' : String(n))
/** The time of a point; an instant vector's points share one, so the last one is kept. */
let lastAt: [number, string] | undefined
const at = (p: Point) => (lastAt?.[0] === p[0] ? lastAt[1] : (lastAt = [p[0], new Date(p[0] * 1000).toISOString()])[1])

function queryRows(r: QueryReport): QueryRow[] {
  switch (r.resultType) {
    case 'scalar':
    case 'string': {
      const p = r.result as Point
      return [{series: r.resultType, value: p[1], at: at(p)}]
    }
    case 'vector':
      return (r.result as Array<{metric: Labels; value: Point}>).map((s) => ({series: seriesName(s.metric), value: s.value[1], at: at(s.value)}))
    case 'matrix':
      return (r.result as Array<{metric: Labels; values: Point[]}>).map((s) => {
        const v = numbers(s.values).filter((x) => !Number.isNaN(x))
        const last = s.values[s.values.length - 1]
        return {
          series: seriesName(s.metric),
          value: last ? last[1] : '-',
          points: s.values.length,
          min: v.length ? fmt(v.reduce((a, b) => (b < a ? b : a))) : '-',
          max: v.length ? fmt(v.reduce((a, b) => (b > a ? b : a))) : '-',
          at: last ? at(last) : '-',
        }
      })
  }
}

/** `chart`: draw charts under the table (range queries on a terminal); `width`: the terminal's columns. */
export function queryView(opts: {chart: boolean; width: number}): View<QueryReport, QueryRow> {
  return {
    rows: queryRows,
    columns: [
      {header: 'SERIES', value: (row) => row.series},
      {header: 'VALUE', value: (row) => row.value},
      {header: 'POINTS', value: (row) => (row.points === undefined ? '-' : String(row.points))},
      {header: 'MIN', value: (row) => row.min ?? '-'},
      {header: 'MAX', value: (row) => row.max ?? '-'},
      {header: 'AT', value: (row) => row.at ?? '-'},
    ],
    ids: (r) => queryRows(r).map((row) => row.series),
    empty: 'The query returned no series.',
    footer: (r, o) => {
      const c = palette(o.color)
      const lines = r.warnings.map((w) => `${c.yellow('warning:')} ${w}`)
      if (opts.chart && o.tty && r.resultType === 'matrix') lines.push(...charts(r, opts.width))
      return lines.length ? lines.join('\n') : undefined
    },
  }
}

function charts(r: QueryReport, width: number): string[] {
  const all = r.result as Array<{metric: Labels; values: Point[]}>
  const out: string[] = []
  for (const s of all.slice(0, MAX_CHARTS)) {
    const lines = chartLines(numbers(s.values), {width})
    if (lines.length === 0) continue
    out.push('', seriesName(s.metric), ...lines)
  }
  if (all.length > MAX_CHARTS) out.push('', `Charts for the first ${MAX_CHARTS} of ${all.length} series; --no-chart hides them.`)
  return out
}
