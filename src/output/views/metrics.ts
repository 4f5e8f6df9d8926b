// `metrics check`: the findings (file:line lines, CI formats) and, with --extended, series per metric.
import type {ProblemReport, ReporterOptions} from '../../findings/problem-report.js'
import type {MetricCardinality} from '../../prometheus/exposition/check.js'
import {findingsView, type ProblemsJson} from '../problems/render.js'
import {render, type View} from '../render.js'

interface MetricsCheckResult extends ProblemReport {
  metrics: MetricCardinality[]
}

export type MetricsCheckJson = ProblemsJson & {metrics?: MetricCardinality[]}

const cardinalityView: View<MetricCardinality[], MetricCardinality> = {
  rows: (r) => r,
  columns: [
    {header: 'METRIC', value: (m) => m.name},
    {header: 'TYPE', value: (m) => m.type},
    {header: 'SERIES', value: (m) => String(m.series)},
    {header: 'SHARE', value: (m) => `${m.percentage}%`},
  ],
  empty: 'No series.',
  footer: (r) => `${r.reduce((n, m) => n + m.series, 0)} series in ${r.length} metrics.`,
}

export function metricsCheckView(opts: Omit<ReporterOptions, 'color'> & {extended?: boolean}): View<MetricsCheckResult, never, MetricsCheckJson> {
  const base = findingsView(opts)
  return {
    ...base,
    text: (r, ro) => {
      const findings = base.text!(r, ro)
      return opts.extended ? `${render(r.metrics, cardinalityView, 'table', ro)}\n\n${findings}` : findings
    },
    data: (r) => (opts.extended ? {...base.data!(r), metrics: r.metrics} : base.data!(r)),
  }
}
