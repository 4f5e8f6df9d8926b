// Binary operators: scalar/scalar, vector/scalar and vector/vector with matching (on, ignoring,
// group_left, group_right), comparison filters and `bool`, and the set operators.
import type {Binary, BinaryOp, VectorMatching} from './ast.js'
import {METRIC_NAME, deleteLabels, dropName, labelsString, keepLabels, labelsKey, setLabel, signature, getLabel, type Labels} from './labels.js'
import {PromQLError, type Sample} from './value.js'
import {goPow} from './mathutil.js'

// atan2 keeps the metric name in 2.42 (shouldDropMetricName lists the other six only).
const ARITHMETIC = new Set<BinaryOp>(['+', '-', '*', '/', '%', '^'])
const isComparison = (op: BinaryOp): boolean => ['==', '!=', '>', '<', '>=', '<='].includes(op)

/** Go's math.Mod: result has the sign of x. */
function goMod(x: number, y: number): number {
  return x % y
}

/** The value of `lhs op rhs`, and whether a comparison keeps the sample. */
function scalarBinop(op: BinaryOp, l: number, r: number): [number, boolean] {
  switch (op) {
    case '+':
      return [l + r, true]
    case '-':
      return [l - r, true]
    case '*':
      return [l * r, true]
    case '/':
      return [l / r, true]
    case '%':
      return [goMod(l, r), true]
    case '^':
      return [goPow(l, r), true]
    case 'atan2':
      return [Math.atan2(l, r), true]
    case '==':
      return [l, l === r]
    case '!=':
      return [l, l !== r]
    case '>':
      return [l, l > r]
    case '<':
      return [l, l < r]
    case '>=':
      return [l, l >= r]
    case '<=':
      return [l, l <= r]
    default:
      throw new PromQLError(`operator ${JSON.stringify(op)} not allowed for scalar operations`)
  }
}

/** Scalar op scalar (only comparisons with bool reach here as comparisons). */
export function scalarScalar(e: Binary, l: number, r: number): number {
  const [v, keep] = scalarBinop(e.op, l, r)
  return isComparison(e.op) ? (keep ? 1 : 0) : v
}

/** Vector op scalar (swap: the scalar is on the left). */
export function vectorScalar(e: Binary, vec: Sample[], s: number, swap: boolean, t: number): Sample[] {
  const out: Sample[] = []
  const cmp = isComparison(e.op)
  for (const smp of vec) {
    const [l, r] = swap ? [s, smp.v] : [smp.v, s]
    let [v, keep] = scalarBinop(e.op, l, r)
    if (cmp && swap) v = r
    if (e.bool) {
      v = keep ? 1 : 0
      keep = true
    }
    if (!keep) continue
    out.push({metric: ARITHMETIC.has(e.op) || e.bool ? dropName(smp.metric) : smp.metric, t, v})
  }
  return out
}

export function vectorVector(e: Binary, lhs: Sample[], rhs: Sample[], t: number): Sample[] {
  const m = e.matching
  switch (e.op) {
    case 'and':
      return andOp(m, lhs, rhs)
    case 'or':
      return orOp(m, lhs, rhs)
    case 'unless':
      return unlessOp(m, lhs, rhs)
  }
  const sig = (ls: Labels): string => signature(ls, m.labels, m.on)
  const oneToMany = m.card === 'one-to-many'
  const [many, one] = oneToMany ? [rhs, lhs] : [lhs, rhs]
  const oneBySig = new Map<string, Sample>()
  for (const s of one) {
    const k = sig(s.metric)
    const dup = oneBySig.get(k)
    if (dup) {
      const matched = m.on ? keepLabels(s.metric, m.labels) : deleteLabels(s.metric, [...m.labels, METRIC_NAME])
      throw new PromQLError(
        `found duplicate series for the match group ${labelsString(matched)} on the ${oneToMany ? 'left' : 'right'} hand-side of the operation: ` +
          `[${labelsString(s.metric)}, ${labelsString(dup.metric)}];many-to-many matching not allowed: matching labels must be unique on one side`,
      )
    }
    oneBySig.set(k, s)
  }
  const matched = new Map<string, Set<string> | null>()
  const out: Sample[] = []
  for (const ms of many) {
    const k = sig(ms.metric)
    const os = oneBySig.get(k)
    if (!os) continue
    const [l, r] = oneToMany ? [os.v, ms.v] : [ms.v, os.v]
    let [v, keep] = scalarBinop(e.op, l, r)
    if (e.bool) v = keep ? 1 : 0
    else if (!keep) continue
    let metric = resultMetric(ms.metric, os.metric, e.op, m)
    if (e.bool) metric = dropName(metric)
    if (m.card === 'one-to-one') {
      if (matched.has(k)) throw new PromQLError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)')
      matched.set(k, null)
    } else {
      let inserted = matched.get(k)
      if (!inserted) matched.set(k, (inserted = new Set()))
      const mk = labelsKey(metric)
      if (inserted.has(mk)) throw new PromQLError('multiple matches for labels: grouping labels must ensure unique matches')
      inserted.add(mk)
    }
    out.push({metric, t, v})
  }
  return out
}

function resultMetric(many: Labels, one: Labels, op: BinaryOp, m: VectorMatching): Labels {
  let ls = many
  if (ARITHMETIC.has(op)) ls = dropName(ls)
  if (m.card === 'one-to-one') ls = m.on ? keepLabels(ls, m.labels) : deleteLabels(ls, m.labels)
  for (const name of m.include) ls = setLabel(ls, name, getLabel(one, name))
  return ls
}

function andOp(m: VectorMatching, lhs: Sample[], rhs: Sample[]): Sample[] {
  const right = new Set(rhs.map((s) => signature(s.metric, m.labels, m.on)))
  return lhs.filter((s) => right.has(signature(s.metric, m.labels, m.on)))
}

function orOp(m: VectorMatching, lhs: Sample[], rhs: Sample[]): Sample[] {
  const left = new Set(lhs.map((s) => signature(s.metric, m.labels, m.on)))
  return [...lhs, ...rhs.filter((s) => !left.has(signature(s.metric, m.labels, m.on)))]
}

function unlessOp(m: VectorMatching, lhs: Sample[], rhs: Sample[]): Sample[] {
  const right = new Set(rhs.map((s) => signature(s.metric, m.labels, m.on)))
  return lhs.filter((s) => !right.has(signature(s.metric, m.labels, m.on)))
}
