// What labels an alert query's results can carry, read from the lezer tree. Conservative: 'only' is
// claimed only when the expression fixes the label set (aggregations with by, absent(), vector(), on());
// otherwise 'some' lists just the labels certainly removed. Unknown shapes give 'some' with nothing removed.
import type {SyntaxNode, Tree} from '@lezer/common'
import {parsePromQL} from '../../promql/syntax/check.js'
import {unquotePromString} from '../../promql/syntax/string.js'

export type LabelSet =
  | {kind: 'only'; names: Set<string>; why: string} // results have at most these labels
  | {kind: 'some'; removed: Map<string, string>} // unknown labels, except these removed (label -> why)

const UNKNOWN = (): LabelSet => ({kind: 'some', removed: new Map()})
const ONLY = (names: Iterable<string>, why: string): LabelSet => ({kind: 'only', names: new Set(names), why})

// Functions whose result keeps the labels of their (only) vector argument, apart from __name__.
const KEEPS_LABELS = new Set([
  'abs', 'ceil', 'floor', 'round', 'exp', 'ln', 'log2', 'log10', 'sqrt', 'sgn', 'clamp', 'clamp_min', 'clamp_max',
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'changes', 'resets',
  'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time', 'last_over_time',
  'quantile_over_time', 'stddev_over_time', 'stdvar_over_time', 'present_over_time', 'mad_over_time',
  'holt_winters', 'double_exponential_smoothing', 'timestamp', 'sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc',
  'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year',
  'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'sin', 'sinh', 'tan', 'tanh', 'deg', 'rad',
  'histogram_count', 'histogram_sum', 'histogram_avg', 'histogram_fraction', 'histogram_stddev', 'histogram_stdvar',
])
const SCALAR_FUNCS = new Set(['scalar', 'time', 'pi'])
const SAME_AS_INPUT_AGGREGATORS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio'])
const SET_OPS = new Set(['And', 'Unless'])

/** The label set of an expression, or undefined when it does not parse. */
export function outputLabels(expr: string, tree: Tree = parsePromQL(expr)): LabelSet | undefined {
  let broken = false
  tree.iterate({enter: (n) => void (n.type.isError && (broken = true))})
  if (broken) return undefined
  const top = tree.topNode.firstChild
  return top ? labelsOf(top, expr) : undefined
}

const kids = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = []
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c)
  return out
}
const isExpr = (n: SyntaxNode): boolean => /Expr$|Selector$|Literal$|FunctionCall$/.test(n.name) && n.name !== 'DurationExpr' && n.name !== 'OffsetDurationExpr'
/** The child nodes of n that are expressions. */
export const exprKids = (n: SyntaxNode): SyntaxNode[] => kids(n).filter(isExpr)
/** Nodes whose result is their one inner expression's, as far as labels and "always fires" go. */
export const PASS_THROUGH = new Set(['ParenExpr', 'UnaryExpr', 'OffsetExpr', 'StepInvariantExpr', 'SubqueryExpr', 'MatrixSelector'])
const textOf = (n: SyntaxNode, src: string) => src.slice(n.from, n.to)

function labelName(n: SyntaxNode, src: string): string {
  const t = textOf(n, src)
  return t.startsWith('"') || t.startsWith("'") || t.startsWith('`') ? (unquotePromString(t).value ?? t) : t
}

function grouping(n: SyntaxNode | undefined, src: string): string[] {
  return n ? kids(n).filter((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName').map((c) => labelName(c, src)) : []
}

/** Is this expression a scalar (number, scalar(), time())? */
function isScalar(n: SyntaxNode, src: string): boolean {
  if (n.name === 'NumberDurationLiteral' || n.name === 'NumberLiteral') return true
  if (n.name === 'ParenExpr' || n.name === 'UnaryExpr') {
    const inner = kids(n).find(isExpr)
    return !!inner && isScalar(inner, src)
  }
  if (n.name === 'FunctionCall') return SCALAR_FUNCS.has(funcName(n, src))
  if (n.name === 'BinaryExpr') {
    const [l, r] = kids(n).filter(isExpr)
    return !!l && !!r && isScalar(l, src) && isScalar(r, src)
  }
  return false
}

export function funcName(n: SyntaxNode, src: string): string {
  const id = kids(n).find((c) => c.name === 'FunctionIdentifier')
  return id ? textOf(id, src) : ''
}

export function callArgs(n: SyntaxNode): SyntaxNode[] {
  const body = kids(n).find((c) => c.name === 'FunctionCallBody')
  return body ? kids(body).filter(isExpr) : []
}

function labelsOf(n: SyntaxNode, src: string): LabelSet {
  if (PASS_THROUGH.has(n.name)) {
    const inner = exprKids(n)[0]
    return inner ? labelsOf(inner, src) : UNKNOWN()
  }
  switch (n.name) {
    case 'NumberDurationLiteral':
    case 'NumberLiteral':
    case 'StringLiteral':
      return ONLY([], 'a literal has no labels')
    case 'AggregateExpr':
      return aggregateLabels(n, src)
    case 'FunctionCall':
      return functionLabels(n, src)
    case 'BinaryExpr':
      return binaryLabels(n, src)
    default:
      return UNKNOWN()
  }
}

function aggregateLabels(n: SyntaxNode, src: string): LabelSet {
  const op = textOf(kids(n).find((c) => c.name === 'AggregateOp')!, src).toLowerCase()
  const args = callArgs(n)
  const input = args[args.length - 1]
  if (SAME_AS_INPUT_AGGREGATORS.has(op)) return input ? labelsOf(input, src) : UNKNOWN()
  const mod = kids(n).find((c) => c.name === 'AggregateModifier')
  const extra = op === 'count_values' && args[0]?.name === 'StringLiteral' ? [unquotePromString(textOf(args[0], src)).value ?? ''] : []
  if (!mod) return ONLY(extra, `${op}() without "by" removes every label`)
  const names = grouping(kids(mod).find((c) => c.name === 'GroupingLabels'), src)
  if (kids(mod).some((c) => c.name === 'By')) return ONLY([...names, ...extra], `${op} by (${names.join(', ')}) keeps only those labels`)
  const inner = input ? labelsOf(input, src) : UNKNOWN()
  return withExtra(without(inner, names, `${op} without (${names.join(', ')}) removes it`), extra)
}

function without(set: LabelSet, names: string[], why: string): LabelSet {
  if (set.kind === 'only') return ONLY([...set.names].filter((l) => !names.includes(l)), set.why)
  const removed = new Map(set.removed)
  for (const l of names) removed.set(l, why)
  return {kind: 'some', removed}
}

function withExtra(set: LabelSet, extra: string[]): LabelSet {
  if (extra.length === 0) return set
  if (set.kind === 'only') return ONLY([...set.names, ...extra], set.why)
  const removed = new Map(set.removed)
  for (const l of extra) removed.delete(l)
  return {kind: 'some', removed}
}

function functionLabels(n: SyntaxNode, src: string): LabelSet {
  const name = funcName(n, src)
  const args = callArgs(n)
  if (name === 'vector' || SCALAR_FUNCS.has(name)) return ONLY([], `${name}() has no labels`)
  if (name === 'absent' || name === 'absent_over_time') {
    const sel = args[0]?.name === 'MatrixSelector' ? kids(args[0]).find(isExpr) : args[0]
    return ONLY(sel?.name === 'VectorSelector' ? equalityLabels(sel, src) : [], `${name}() keeps only the labels its selector matches with "="`)
  }
  if (name === 'label_replace' || name === 'label_join') {
    const dst = args[1]?.name === 'StringLiteral' ? unquotePromString(textOf(args[1], src)).value : undefined
    const inner = args[0] ? labelsOf(args[0], src) : UNKNOWN()
    return dst === undefined ? UNKNOWN() : withExtra(inner, [dst])
  }
  if (name === 'histogram_quantile') return args[1] ? without(labelsOf(args[1], src), ['le'], 'histogram_quantile() removes it') : UNKNOWN()
  if (KEEPS_LABELS.has(name)) {
    const v = args.find((a) => !isScalar(a, src) && a.name !== 'StringLiteral')
    return v ? labelsOf(v, src) : UNKNOWN()
  }
  return UNKNOWN()
}

function equalityLabels(sel: SyntaxNode, src: string): string[] {
  const matchers = kids(sel).find((c) => c.name === 'LabelMatchers')
  if (!matchers) return []
  const out: string[] = []
  for (const m of kids(matchers)) {
    const parts = kids(m)
    const name = parts.find((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName')
    const op = parts.find((c) => c.name === 'MatchOp')
    if (name && op && textOf(op, src) === '=') out.push(labelName(name, src))
  }
  return out
}

function binaryLabels(n: SyntaxNode, src: string): LabelSet {
  const parts = kids(n)
  const [lhs, rhs] = parts.filter(isExpr)
  if (!lhs || !rhs) return UNKNOWN()
  const op = parts.find((c) => !isExpr(c) && c.name !== 'MatchingModifierClause' && c.name !== 'BoolModifier' && c.name !== 'LineComment')?.name ?? ''
  if (isScalar(lhs, src)) return labelsOf(rhs, src)
  if (isScalar(rhs, src)) return labelsOf(lhs, src)
  const l = labelsOf(lhs, src)
  const r = labelsOf(rhs, src)
  if (op === 'Or') return union(l, r)
  if (SET_OPS.has(op)) return l
  const clause = parts.find((c) => c.name === 'MatchingModifierClause')
  if (!clause) return l
  const cparts = kids(clause)
  const groups = cparts.filter((c) => c.name === 'GroupingLabels')
  const matching = grouping(groups[0], src)
  const include = grouping(groups[1], src)
  const on = cparts.some((c) => c.name === 'On')
  if (cparts.some((c) => c.name === 'GroupLeft')) return withExtra(l, include)
  if (cparts.some((c) => c.name === 'GroupRight')) return withExtra(r, include)
  if (on) return l.kind === 'only' ? ONLY([...l.names].filter((x) => matching.includes(x)), l.why) : ONLY(matching, `on (${matching.join(', ')}) keeps only those labels`)
  return without(l, matching, `ignoring (${matching.join(', ')}) removes it`)
}

function union(a: LabelSet, b: LabelSet): LabelSet {
  if (a.kind === 'only' && b.kind === 'only') return ONLY([...a.names, ...b.names], a.why)
  if (a.kind === 'some' && b.kind === 'some') {
    const removed = new Map([...a.removed].filter(([k]) => b.removed.has(k)))
    return {kind: 'some', removed}
  }
  const [only, some] = a.kind === 'only' ? [a, b as Extract<LabelSet, {kind: 'some'}>] : [b as Extract<LabelSet, {kind: 'only'}>, a as Extract<LabelSet, {kind: 'some'}>]
  return {kind: 'some', removed: new Map([...some.removed].filter(([k]) => !only.names.has(k)))}
}
