// `spock metrics check`: an exposition (a file, stdin, or an app's /metrics) parsed and linted as
// `promtool check metrics` does, plus series per metric and the naming policy, as one findings report.
import {fileReport, type FileReport} from '../../findings/report.js'
import type {Problem, Severity} from '../../findings/problem.js'
import {lintFamilies} from './lint.js'
import {ExpositionError, parseExposition, type MetricFamily} from './parse.js'

export interface MetricCardinality {
  name: string
  type: string
  series: number
  /** Share of all series, 0..100. */
  percentage: number
}

interface MetricsCheck {
  report: FileReport
  metrics: MetricCardinality[]
}

interface MetricsCheckOptions {
  /** Metric names must match it (the policy's checks.metrics/name.pattern). */
  namePattern?: RegExp
  nameSeverity?: Severity
}

export function checkExposition(source: string, bytes: Uint8Array, opts: MetricsCheckOptions = {}): MetricsCheck {
  let families: MetricFamily[]
  try {
    families = parseExposition(bytes)
  } catch (e) {
    if (!(e instanceof ExpositionError)) throw e
    const p: Problem = {check: 'metrics/syntax', severity: 'error', file: source, line: e.line, column: 1, message: e.reason, hint: 'every line is `# HELP name text`, `# TYPE name type`, or `name{label="value"} value [timestamp]`, and the input ends with a newline'}
    return {report: fileReport(source, [p], {groups: 0, rules: 0}), metrics: []}
  }
  const lineOf = new Map(families.map((f) => [f.name, f.line]))
  const problems: Problem[] = lintFamilies(families).map((p) => ({
    check: 'metrics/lint',
    severity: 'error',
    file: source,
    line: lineOf.get(p.metric) ?? 0,
    column: 1,
    message: `${p.metric}: ${p.text}`,
  }))
  if (opts.namePattern) {
    for (const f of families) {
      if (!opts.namePattern.test(f.name)) {
        problems.push({check: 'metrics/name', severity: opts.nameSeverity ?? 'warning', file: source, line: f.line, column: 1, message: `${f.name}: the name does not match the naming policy ${opts.namePattern.source}`})
      }
    }
  }
  const total = families.reduce((n, f) => n + f.metrics.length, 0)
  const metrics = families
    .map((f) => ({name: f.name, type: f.type, series: f.metrics.length, percentage: total ? Math.round((f.metrics.length / total) * 10000) / 100 : 0}))
    .sort((a, b) => b.series - a.series || (a.name < b.name ? -1 : 1))
  return {report: fileReport(source, problems, {groups: 0, rules: 0}), metrics}
}
