// promql/fragile: queries that work today and break quietly when labels or series change:
// topk/bottomk/limitk in alerts (a different series each evaluation: flapping alerts), and binary
// operations between aggregations whose label sets differ or depend on what labels series carry.
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

function binaryFindings(e: Expr & {kind: 'binary'}): Finding[] {
  if (e.on || e.ignoring || SET_OPS.has(e.op) || isScalarLike(e.left) || isScalarLike(e.right)) return []
  const l = unwrap(e.left)
  const r = unwrap(e.right)
  if (l.kind !== 'agg' || r.kind !== 'agg') return []
  if (valueRange(l) !== undefined && valueRange(r) !== undefined) return [] // constants such as vector(1) are left to promql/impossible
  for (const side of [l, r]) {
    if (side.without) {
      return [{
        at: side.opSpan,
        message: `${side.op} without${fmt(side.without)} inside a "${e.op}" keeps whatever other labels series carry: both sides must end up with identical label sets, which breaks when a label is added or removed`,
        hint: `aggregate with by(...) on both sides, or match with on(...)`,
      }]
    }
  }
  const lb = [...(l.by ?? [])].sort()
  const rb = [...(r.by ?? [])].sort()
  if (lb.join(',') !== rb.join(',')) {
    return [{
      at: e.opSpan,
      message: `"${e.op}" between ${l.op} by${fmt(lb)} and ${r.op} by${fmt(rb)}: the sides have different labels, so they only match while the extra labels are missing`,
      hint: `aggregate both sides by the same labels, or say which to match with on(...) and group_left/group_right`,
    }]
  }
  return []
}

export const findFragile: Finder = (tree, {rule}) => {
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
      out.push(...binaryFindings(e))
    }
  }
  return out
}

export const promqlFragile = semanticCheck('promql/fragile', findFragile)
