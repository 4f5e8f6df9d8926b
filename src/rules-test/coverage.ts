// Which rules of the tested rule files some test asserts: an alert by an alert_rule_test naming it; a
// recording rule by a promql_expr_test reading its series, or by an asserted rule that reads it.
import {type Expr, parseExpr} from '../promql/index.js'
import type {Rule} from './rules.js'

export interface CoverageEntry {
  file: string
  group: string
  kind: 'alert' | 'record'
  name: string
  covered: boolean
  /** How it is asserted: 'alert_rule_test', 'promql_expr_test', or 'via <rule>'. */
  by?: string
}

interface Tested {
  ruleFiles: string[]
  groups: Array<{file: string; name: string; rules: Rule[]}>
  asserted: {alerts: Set<string>; exprs: string[]}
}

export function coverage(files: readonly Tested[]): {rules: CoverageEntry[]; covered: number; total: number; percent: number} {
  const alerts = new Set<string>()
  const read = new Map<string, string>() // metric name -> what reads it
  for (const f of files) {
    for (const a of f.asserted.alerts) alerts.add(a)
    for (const e of f.asserted.exprs) {
      let expr: Expr
      try {
        expr = parseExpr(e)
      } catch {
        continue
      }
      for (const name of metricNames(expr)) if (!read.has(name)) read.set(name, 'promql_expr_test')
    }
  }
  // Each rule once, even when several test files load its file.
  const entries: Array<CoverageEntry & {rule: Rule}> = []
  const seen = new Set<string>()
  for (const f of files) {
    for (const g of f.groups) {
      g.rules.forEach((rule, i) => {
        const k = `${g.file}\0${g.name}\0${i}`
        if (seen.has(k)) return
        seen.add(k)
        entries.push({file: g.file, group: g.name, kind: rule.kind, name: rule.name, covered: false, rule})
      })
    }
  }
  for (const e of entries) {
    if (e.kind === 'alert' && alerts.has(e.name)) {
      e.covered = true
      e.by = 'alert_rule_test'
    }
  }
  // Asserted rules vouch for the recording rules they read, transitively.
  for (let changed = true; changed; ) {
    changed = false
    for (const e of entries) {
      if (!e.covered) continue
      for (const name of metricNames(e.rule.expr)) if (!read.has(name)) read.set(name, `via ${e.name}`)
    }
    for (const e of entries) {
      if (e.covered || e.kind !== 'record') continue
      const by = read.get(e.name)
      if (by) {
        e.covered = true
        e.by = by
        changed = true
      }
    }
  }
  const rules = entries.map(({rule: _rule, ...rest}) => rest)
  const covered = rules.filter((r) => r.covered).length
  const total = rules.length
  return {rules, covered, total, percent: total === 0 ? 100 : Math.floor((covered * 1000) / total) / 10}
}

/** Metric names an expression selects by name. */
function metricNames(e: Expr, out = new Set<string>()): Set<string> {
  switch (e.kind) {
    case 'vector':
      for (const m of e.matchers) if (m.name === '__name__' && m.type === '=') out.add(m.value)
      break
    case 'matrix':
      metricNames(e.vector, out)
      break
    case 'subquery':
    case 'paren':
    case 'unary':
      metricNames(e.expr, out)
      break
    case 'binary':
      metricNames(e.lhs, out)
      metricNames(e.rhs, out)
      break
    case 'aggregate':
      metricNames(e.expr, out)
      if (e.param) metricNames(e.param, out)
      break
    case 'call':
      for (const a of e.args) metricNames(a, out)
      break
    default:
      break
  }
  return out
}
