// alerts/comparison: an alert fires for every series its query returns, so a query without a condition
// (a comparison, and/unless, absent()) fires whenever the metric exists.
import type {SyntaxNode, Tree} from '@lezer/common'
import type {Check} from '../check.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'
import {parsePromQL} from '../../promql/syntax/check.js'
import {positionInScalar} from '../../yaml/scalar-position.js'
import {alertRules, cachedTree} from './alert-rules.js'
import {callArgs, exprKids, funcName, PASS_THROUGH} from './output-labels.js'

const COMPARISONS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte', 'EqlSingle'])
const FILTER_FUNCS = new Set(['absent', 'absent_over_time'])

type Verdict =
  | {kind: 'ok'}
  | {kind: 'always'; from: number; to: number} // this part always returns something
  | {kind: 'bool'; from: number; to: number} // a comparison with bool: returns 0 or 1, never nothing

const OK: Verdict = {kind: 'ok'}

/** Does this alert query always return something? Undefined when the query does not parse. */
function alwaysFires(expr: string, tree: Tree = parsePromQL(expr)): Verdict | undefined {
  let broken = false
  tree.iterate({enter: (n) => void (n.type.isError && (broken = true))})
  const top = tree.topNode.firstChild
  if (broken || !top) return undefined
  if (isWatchdog(top, expr)) return OK
  return verdict(top, expr)
}

/** vector(<number>) alone: an always-firing alert on purpose (Watchdog, DeadMansSwitch). */
export function isWatchdog(n: SyntaxNode, src: string): boolean {
  while (n.name === 'ParenExpr' && n.firstChild?.nextSibling) n = n.firstChild.nextSibling
  if (n.name !== 'FunctionCall' || funcName(n, src) !== 'vector') return false
  const args = callArgs(n)
  return args.length === 1 && args[0]!.name === 'NumberDurationLiteral'
}


function verdict(n: SyntaxNode, src: string): Verdict {
  const always: Verdict = {kind: 'always', from: n.from, to: n.to}
  if (PASS_THROUGH.has(n.name)) {
    const inner = exprKids(n)[0]
    return inner ? verdict(inner, src) : OK
  }
  switch (n.name) {
    case 'BinaryExpr': {
      const [l, r] = exprKids(n)
      if (!l || !r) return OK
      let op = ''
      let bool = false
      for (let c = n.firstChild; c; c = c.nextSibling) {
        if (c.name === 'BoolModifier') bool = true
        else if (c.from >= l.to && c.to <= r.from && c.name !== 'MatchingModifierClause' && c.name !== 'LineComment') op ||= c.name
      }
      if (COMPARISONS.has(op)) return bool ? {kind: 'bool', from: n.from, to: n.to} : OK
      if (op === 'And' || op === 'Unless') return OK
      const lv = verdict(l, src)
      const rv = verdict(r, src)
      if (op === 'Or') return lv.kind !== 'ok' ? lv : rv
      // arithmetic: a filtered side filters the result (one-to-one matching needs both sides)
      return lv.kind === 'ok' || rv.kind === 'ok' ? OK : lv.kind === 'bool' ? lv : rv.kind === 'bool' ? rv : always
    }
    case 'FunctionCall': {
      const name = funcName(n, src)
      if (FILTER_FUNCS.has(name)) return OK
      const args = exprKids(n.getChild('FunctionCallBody') ?? n)
      if (name === 'vector' || args.length === 0) return always
      return args.some((a) => verdict(a, src).kind === 'ok') ? OK : always
    }
    case 'AggregateExpr': {
      const args = exprKids(n.getChild('FunctionCallBody') ?? n)
      const input = args[args.length - 1]
      if (!input) return OK
      const v = verdict(input, src)
      return v.kind === 'ok' ? OK : v.kind === 'bool' ? v : always
    }
    case 'VectorSelector':
    case 'NumberDurationLiteral':
    case 'NumberLiteral':
      return always
    default:
      return OK
  }
}

export const alertsComparison: Check = {
  id: 'alerts/comparison',
  run(ctx) {
    const out: Problem[] = []
    for (const {group, rule, validExpr} of alertRules(ctx)) {
      if (!validExpr || !rule.expr) continue
      const v = alwaysFires(rule.exprText, cachedTree(ctx.cache, rule.exprText))
      if (!v || v.kind === 'ok') continue
      const at = positionInScalar(ctx.source, rule.expr, v.from)
      const end = positionInScalar(ctx.source, rule.expr, v.to)
      const extras = {group: group.name, rule: rule.alertText, endLine: end.line, endColumn: end.column}
      out.push(
        v.kind === 'bool'
          ? problemAt(ctx.path, at, this.id, 'warning', 'the alert query compares with "bool", which returns 0 or 1 for every series: the alert always fires', {...extras, hint: 'drop "bool" so that only series that pass the comparison are returned'})
          : v.from === 0 && v.to >= rule.exprText.trimEnd().length
            ? problemAt(ctx.path, at, this.id, 'warning', 'the alert query has no condition: it fires for every series it returns, whenever the metric exists', {...extras, hint: 'add a comparison such as "> 0" (or use absent() to alert on missing series)'})
            : problemAt(ctx.path, at, this.id, 'warning', `this part of the alert query has no condition ("${rule.exprText.slice(v.from, v.to)}"): it always returns something, so the alert always fires`, {...extras, hint: 'add a comparison to this part, or remove it'}),
      )
    }
    return out
  },
}
