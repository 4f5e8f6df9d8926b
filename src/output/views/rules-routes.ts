// `spock rules routes`: one row per alerting rule (where it goes), then the findings as file:line:col lines.
import type {RoutedAlert} from '../../rules-routes/analyze.js'
import type {RulesRoutesReport} from '../../rules-routes/run.js'
import {renderTable, type View} from '../render.js'
import {problemJson} from '../problems/json.js'
import {renderText} from '../problems/text.js'

const list = (xs: readonly string[]) => (xs.length === 0 ? '-' : xs.join(','))

const table: View<RulesRoutesReport, RoutedAlert> = {
  rows: (r) => r.alerts,
  columns: [
    {header: 'ALERT', value: (a) => a.alert},
    {header: 'SEVERITY', value: (a) => a.severity ?? (a.unknown.severity ? '?' : '-')},
    {header: 'RECEIVERS', value: (a) => list(a.receivers)},
    {header: 'MAY ALSO REACH', value: (a) => list(a.mayReach.filter((x) => !a.receivers.includes(x)))},
    {header: 'INHIBITED BY', value: (a) => list(a.inhibitedBy.map((i) => `#${i.rule}${i.sure ? '' : '?'}`))},
    {header: 'UNKNOWN LABELS', value: (a) => list(Object.entries(a.unknown).map(([l, why]) => `${l} (${why === 'from the query' ? 'query' : 'template'})`))},
    {header: 'RULE', value: (a) => `${a.file}:${a.line}`},
  ],
  empty: 'No alerting rules in the given files.',
}

/** The machine form: the report, each finding with its file and the keys of `rules check` findings. */
export function rulesRoutesJson(r: RulesRoutesReport) {
  return {alerts: r.alerts, receivers: r.receivers, problems: r.problems.map((p) => ({file: p.file, ...problemJson(p)})), summary: r.summary}
}

export const rulesRoutesView: View<RulesRoutesReport, RoutedAlert, ReturnType<typeof rulesRoutesJson>> = {
  data: rulesRoutesJson,
  text: (r, opts) => {
    const findings = renderText({files: [{path: '', ok: r.problems.length === 0, problems: r.problems}], summary: {files: r.summary.files, errors: r.summary.errors, warnings: r.summary.warnings}}, {color: opts.color})
    const legend = r.alerts.some((a) => a.inhibitedBy.length > 0) ? '\nINHIBITED BY: #N is the Nth entry of inhibit_rules (counting from 1); "?" when it depends on a label not known before the alert fires.' : ''
    return `${renderTable(r, table, opts)}${legend}\n\n${findings}`
  },
}
