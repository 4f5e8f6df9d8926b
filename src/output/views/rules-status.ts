// Rule state for people: one row per loaded rule, then a summary and the problems (unhealthy, slow, drift).
import type {RuleProblem, RuleState, RulesStatusReport} from '../../prometheus/rules-status.js'
import {formatRelative} from '../../model/time.js'
import {palette} from '../color.js'
import type {RenderOptions, View} from '../render.js'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

const health = (r: RuleState, o: RenderOptions) => {
  const c = palette(o.color)
  return r.health === 'ok' ? c.green('ok') : r.health === 'err' ? c.red('err') : c.yellow(r.health)
}

const state = (r: RuleState, o: RenderOptions) => {
  if (r.type === 'recording') return '-'
  const c = palette(o.color)
  if (r.firing > 0) return c.red(`firing (${r.firing})`)
  if (r.pending > 0) return c.yellow(`pending (${r.pending})`)
  return r.state ?? 'inactive'
}

const millis = (s: number | undefined) => (s === undefined ? '-' : s < 1 ? `${(s * 1000).toFixed(1)}ms` : `${s.toFixed(2)}s`)

function rulesSummary(r: RulesStatusReport): string {
  const bad = r.rules.filter((x) => x.health === 'err').length
  const firing = r.rules.filter((x) => x.firing > 0).length
  const pending = r.rules.filter((x) => x.pending > 0 && x.firing === 0).length
  const parts = [`${plural(r.rules.length, 'rule')} in ${plural(r.groups.length, 'group')}`, `${bad} unhealthy`]
  if (firing + pending > 0) parts.push(`${firing} firing, ${pending} pending`)
  if (r.compared) parts.push(`${plural(r.problems.filter((p) => p.kind === 'missing' || p.kind === 'unexpected' || p.kind === 'changed').length, 'difference')} from the files`)
  return `${parts.join(', ')}.`
}

function ruleProblemLine(p: RuleProblem, o: RenderOptions): string {
  const c = palette(o.color)
  const where = p.file ? `${p.file}:${p.line ?? 0}: ` : ''
  return `${c.red('error:')} ${where}${p.message}`
}

export const rulesStatusView: View<RulesStatusReport, RuleState> = {
  rows: (r) => r.rules,
  columns: [
    {header: 'GROUP', value: (r) => r.group},
    {header: 'RULE', value: (r) => r.name},
    {header: 'TYPE', value: (r) => (r.type === 'alerting' ? 'alert' : 'record')},
    {header: 'HEALTH', value: health},
    {header: 'STATE', value: state},
    {header: 'EVAL', value: (r) => millis(r.evaluationTime)},
    {header: 'LAST', value: (r, o) => (r.lastEvaluation ? formatRelative(new Date(r.lastEvaluation), o.now ?? new Date()) : 'never')},
    {header: 'ERROR', value: (r) => r.lastError ?? '-'},
  ],
  ids: (r) => r.problems.map((p) => (p.rule ? `${p.group}/${p.rule}` : p.group)),
  empty: 'No rules loaded.',
  footer: (r, o) => [rulesSummary(r), ...r.problems.filter((p) => p.kind !== 'unhealthy').map((p) => ruleProblemLine(p, o))].join('\n'),
}
