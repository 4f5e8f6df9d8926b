// promql/fragile: queries that work today and misfire when series come and go: topk/bottomk/limitk in
// alerts (a different series each evaluation: flapping alerts), arithmetic between aggregations in an alert
// without `for` (partial data after a restart), and aggregations by different labels combined without on().
import {unwrap, walk, type Expr} from './promql-ast.js'
import {semanticCheck, type Finder, type Finding} from './promql-semantic.js'
import {valueRange} from './promql-impossible.js'

const SAMPLING = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio'])
const SET_OPS = new Set(['and', 'or', 'unless'])

const isScalarLike = (e: Expr): boolean => {
  const u = unwrap(e)
  return u.kind === 'number' || (u.kind === 'call' && (u.name === 'scalar' || u.name === 'time')) || (u.kind === 'unary' && isScalarLike(u.expr)) || (u.kind === 'binary' && isScalarLike(u.left) && isScalarLike(u.right))
}

const fmt = (labels: string[]): string => `(${labels.join(', ')})`

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '^', 'atan2'])

/** Two aggregations combined by arithmetic in an alert without `for`: right after a Prometheus restart one side may hold only some targets. */
function partialData(e: Expr & {kind: 'binary'}): Finding[] {
  if (!ARITHMETIC.has(e.op) || isScalarLike(e.left) || isScalarLike(e.right)) return []
  const l = unwrap(e.left)
  const r = unwrap(e.right)
  if (l.kind !== 'agg' || r.kind !== 'agg') return []
  if (valueRange(l) !== undefined && valueRange(r) !== undefined) return []
  return [{
    at: e.opSpan,
    message: `"${e.op}" between ${l.op}() and ${r.op}() in an alert without "for": right after Prometheus starts one side may cover only some targets, and the alert fires on that partial result`,
    hint: 'add "for:" of at least one scrape interval (e.g. for: 2m)',
  }]
}

/** Aggregations by different labels combined without on()/ignoring(): they only match while the extra labels are absent. */
function mismatchedLabels(e: Expr & {kind: 'binary'}): Finding[] {
  if (e.on || e.ignoring || SET_OPS.has(e.op) || isScalarLike(e.left) || isScalarLike(e.right)) return []
  const l = unwrap(e.left)
  const r = unwrap(e.right)
  if (l.kind !== 'agg' || r.kind !== 'agg' || l.without || r.without || l.op === 'topk' || l.op === 'bottomk' || r.op === 'topk' || r.op === 'bottomk') return []
  const lb = [...new Set(l.by ?? [])].sort()
  const rb = [...new Set(r.by ?? [])].sort()
  if (lb.join(',') === rb.join(',')) return []
  return [{
    at: e.opSpan,
    message: `"${e.op}" between ${l.op} by${fmt(lb)} and ${r.op} by${fmt(rb)}: the sides have different labels, so series only match while the extra labels are missing`,
    hint: 'aggregate both sides by the same labels, or say what to match with on(...) and group_left/group_right',
  }]
}

const findFragile: Finder = (tree, {rule}) => {
  const out: Finding[] = []
  const alert = rule.alertText !== ''
  for (const e of walk(tree)) {
    if (alert && e.kind === 'agg' && SAMPLING.has(e.op)) {
      out.push({
        at: e.opSpan,
        message: `${e.op}() in an alert picks its series by value, so a different set can win each evaluation and the alert flaps`,
        hint: `alert on a condition over all series (e.g. metric > threshold) instead of picking a few with ${e.op}()`,
      })
    } else if (e.kind === 'binary') {
      const mismatch = mismatchedLabels(e)
      out.push(...mismatch)
      if (mismatch.length === 0 && alert && rule.forMs === 0) out.push(...partialData(e))
    }
  }
  return out
}

export const promqlFragile = semanticCheck('promql/fragile', findFragile)
