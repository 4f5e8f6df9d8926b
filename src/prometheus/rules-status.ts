// Rule state on a server (/api/v1/rules): health, evaluation time against the group interval, and drift
// between the rules loaded and the rule files given (missing, unexpected, changed).
import {sameExpr} from '../promql/same-expr.js'
import type {HttpClient} from '../http/client.js'
import {getRules} from './api.js'
import type {RulesData} from './schemas.js'

type RuleType = 'alerting' | 'recording'

export interface RuleState {
  group: string
  file: string
  type: RuleType
  name: string
  query: string
  health: string // ok | err | unknown
  lastError?: string
  /** Seconds the last evaluation took. */
  evaluationTime?: number
  lastEvaluation?: string
  /** Alerting rules: inactive | pending | firing. */
  state?: string
  pending: number
  firing: number
}

interface GroupState {
  name: string
  file: string
  /** Seconds. */
  interval?: number
  evaluationTime?: number
  lastEvaluation?: string
  rules: number
}

/** A rule as written in a rule file, for --compare. */
interface RuleDef {
  file: string
  line: number
  group: string
  type: RuleType
  name: string
  expr: string
}

type RuleProblemKind = 'unhealthy' | 'slow' | 'missing' | 'unexpected' | 'changed'

export interface RuleProblem {
  kind: RuleProblemKind
  group: string
  /** Empty for a group-level problem. */
  rule: string
  message: string
  /** Where the rule is written (missing, changed). */
  file?: string
  line?: number
}

export interface RulesStatusReport {
  groups: GroupState[]
  rules: RuleState[]
  problems: RuleProblem[]
  /** True when --compare was given. */
  compared: boolean
  ok: boolean
}

const isZeroTime = (t: string | undefined) => !t || t.startsWith('0001-01-01')

function rulesState(data: RulesData): {groups: GroupState[]; rules: RuleState[]} {
  const groups: GroupState[] = []
  const rules: RuleState[] = []
  for (const g of data.groups) {
    const file = g.file ?? ''
    const list = g.rules ?? []
    groups.push({name: g.name, file, interval: g.interval, evaluationTime: g.evaluationTime, lastEvaluation: isZeroTime(g.lastEvaluation) ? undefined : g.lastEvaluation, rules: list.length})
    for (const r of list) {
      const alerts = r.alerts ?? []
      rules.push({
        group: g.name,
        file,
        type: r.type === 'recording' ? 'recording' : 'alerting',
        name: r.name,
        query: r.query,
        health: r.health ?? 'unknown',
        lastError: r.lastError || undefined,
        evaluationTime: r.evaluationTime,
        lastEvaluation: isZeroTime(r.lastEvaluation) ? undefined : r.lastEvaluation,
        state: r.type === 'recording' ? undefined : (r.state ?? (alerts.some((a) => a.state === 'firing') ? 'firing' : alerts.length > 0 ? 'pending' : 'inactive')),
        pending: alerts.filter((a) => a.state === 'pending').length,
        firing: alerts.filter((a) => a.state === 'firing').length,
      })
    }
  }
  return {groups, rules}
}

function healthProblems(groups: GroupState[], rules: RuleState[]): RuleProblem[] {
  const out: RuleProblem[] = []
  for (const r of rules) {
    if (r.health === 'err') out.push({kind: 'unhealthy', group: r.group, rule: r.name, message: `last evaluation failed: ${r.lastError ?? 'no error text'}`})
  }
  for (const g of groups) {
    if (g.interval !== undefined && g.interval > 0 && g.evaluationTime !== undefined && g.evaluationTime > g.interval) {
      out.push({kind: 'slow', group: g.name, rule: '', message: `evaluation took ${g.evaluationTime.toFixed(3)}s, longer than the group's ${g.interval}s interval: iterations are being missed`})
    }
  }
  return out
}

const keyOf = (group: string, type: RuleType, name: string, nth: number) => `${group}\u0000${type}\u0000${name}\u0000${nth}`

/** Rules written in the files against rules loaded: matched by group, type, name and order of appearance. */
function compareRules(defs: readonly RuleDef[], loaded: readonly RuleState[]): RuleProblem[] {
  const seen = new Map<string, number>()
  const nth = (group: string, type: RuleType, name: string) => {
    const k = `${group}\u0000${type}\u0000${name}`
    const n = seen.get(k) ?? 0
    seen.set(k, n + 1)
    return keyOf(group, type, name, n)
  }
  const onServer = new Map<string, RuleState>()
  for (const r of loaded) onServer.set(nth(r.group, r.type, r.name), r)
  seen.clear()
  const out: RuleProblem[] = []
  const written = new Set<string>()
  for (const d of defs) {
    const k = nth(d.group, d.type, d.name)
    written.add(k)
    const r = onServer.get(k)
    const what = d.type === 'alerting' ? 'alert' : 'recording rule'
    if (!r) out.push({kind: 'missing', group: d.group, rule: d.name, file: d.file, line: d.line, message: `${what} "${d.name}" of group "${d.group}" is in ${d.file} but not loaded on the server`})
    else if (!sameExpr(d.expr, r.query)) {
      out.push({kind: 'changed', group: d.group, rule: d.name, file: d.file, line: d.line, message: `${what} "${d.name}" runs a different expression on the server: ${r.query}`})
    }
  }
  for (const [k, r] of onServer) {
    if (!written.has(k)) out.push({kind: 'unexpected', group: r.group, rule: r.name, message: `${r.type === 'alerting' ? 'alert' : 'recording rule'} "${r.name}" of group "${r.group}" is loaded (${r.file}) but in none of the files given`})
  }
  return out
}

export async function rulesStatus(http: HttpClient, opts: {compare?: readonly RuleDef[]; type?: 'alert' | 'record'} = {}): Promise<RulesStatusReport> {
  const {groups, rules} = rulesState(await getRules(http, {type: opts.type}))
  const problems = healthProblems(groups, rules)
  if (opts.compare) problems.push(...compareRules(opts.compare, rules))
  return {groups, rules, problems, compared: opts.compare !== undefined, ok: problems.length === 0}
}
