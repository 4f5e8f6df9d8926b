// Aggregation operators (sum, avg, min, max, count, group, stddev, stdvar, topk, bottomk,
// quantile, count_values) with by/without, as Prometheus 2.42's aggregation().
import type {Aggregate} from './ast.js'
import {METRIC_NAME, deleteLabels, keepLabels, setLabel, signature, type Labels} from './labels.js'
import {isValidClassicLabelName} from '../model/labels.js'
import {PromQLError, type Sample} from './value.js'
import {formatGoFloat, quantile} from './mathutil.js'

interface Group {
  labels: Labels
  value: number
  mean: number
  count: number
  items: Sample[]
}

export function aggregate(e: Aggregate, vec: Sample[], param: number | string | undefined, t: number): Sample[] {
  const op = e.op
  let k = 0
  if (op === 'topk' || op === 'bottomk') {
    const f = param as number
    if (!(f >= -9.223372036854776e18 && f <= 9.223372036854776e18)) throw new PromQLError(`Scalar value ${formatGoFloat(f)} overflows int64`)
    k = Math.trunc(f)
    if (k < 1) return []
  }
  let grouping = e.grouping
  let valueLabel = ''
  if (op === 'count_values') {
    valueLabel = param as string
    if (!isValidClassicLabelName(valueLabel)) throw new PromQLError(`invalid label name ${JSON.stringify(valueLabel)}`)
    if (!e.without) grouping = [...grouping, valueLabel]
  }
  const groups = new Map<string, Group>()
  const ordered: Group[] = []
  for (const s of vec) {
    let metric = s.metric
    if (op === 'count_values') metric = setLabel(metric, valueLabel, formatGoFloat(s.v))
    const key = e.without ? signature(metric, grouping, false) : signature(metric, grouping, true)
    const g = groups.get(key)
    if (!g) {
      const labels = e.without ? deleteLabels(metric, [...grouping, METRIC_NAME]) : keepLabels(metric, grouping)
      const ng: Group = {labels, value: s.v, mean: s.v, count: 1, items: [{metric: s.metric, t, v: s.v}]}
      if (op === 'stddev' || op === 'stdvar') ng.value = 0
      if (op === 'group') ng.value = 1
      groups.set(key, ng)
      ordered.push(ng)
      continue
    }
    add(op, g, s, k, t)
  }
  const out: Sample[] = []
  for (const g of ordered) {
    let v = g.value
    switch (op) {
      case 'avg':
        v = g.mean
        break
      case 'count':
      case 'count_values':
        v = g.count
        break
      case 'stdvar':
        v = g.value / g.count
        break
      case 'stddev':
        v = Math.sqrt(g.value / g.count)
        break
      case 'topk':
        for (const s of g.items.sort((a, b) => byValueDesc(a.v, b.v))) out.push(s)
        continue
      case 'bottomk':
        for (const s of g.items.sort((a, b) => byValueAsc(a.v, b.v))) out.push(s)
        continue
      case 'quantile':
        v = quantile(param as number, g.items.map((s) => s.v))
        break
    }
    out.push({metric: g.labels, t, v})
  }
  return out
}

/** Descending order with NaN last (topk). */
function byValueDesc(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1
  if (Number.isNaN(b)) return -1
  return b - a || 0
}

/** Ascending order with NaN last (bottomk). */
function byValueAsc(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1
  if (Number.isNaN(b)) return -1
  return a - b || 0
}

function add(op: string, g: Group, s: Sample, k: number, t: number): void {
  const v = s.v
  switch (op) {
    case 'sum':
      g.value += v
      break
    case 'avg':
      g.count++
      if (Number.isFinite(g.mean) || Number.isNaN(g.mean)) {
        g.mean += v / g.count - g.mean / g.count
      } else if (!(Math.abs(v) === Infinity && g.mean > 0 === v > 0) && (Math.abs(v) === Infinity || Number.isNaN(v))) {
        g.mean += v / g.count - g.mean / g.count
      }
      break
    case 'max':
      if (g.value < v || Number.isNaN(g.value)) g.value = v
      break
    case 'min':
      if (g.value > v || Number.isNaN(g.value)) g.value = v
      break
    case 'count':
    case 'count_values':
      g.count++
      break
    case 'stddev':
    case 'stdvar': {
      g.count++
      const delta = v - g.mean
      g.mean += delta / g.count
      g.value += delta * (v - g.mean)
      break
    }
    case 'topk':
      keepK(g.items, {metric: s.metric, t, v}, k, (a, b) => a < b || Number.isNaN(a))
      break
    case 'bottomk':
      keepK(g.items, {metric: s.metric, t, v}, k, (a, b) => a > b || Number.isNaN(a))
      break
    case 'quantile':
      g.items.push({metric: s.metric, t, v})
      break
    case 'group':
      break
    default:
      throw new PromQLError(`expected aggregation operator but got ${JSON.stringify(op)}`)
  }
}

/** Keeps the k best samples; `worse(a, b)`: a ranks below b. */
function keepK(items: Sample[], s: Sample, k: number, worse: (a: number, b: number) => boolean): void {
  if (items.length < k) {
    items.push(s)
    return
  }
  let wi = 0
  for (let i = 1; i < items.length; i++) if (worse(items[i]!.v, items[wi]!.v)) wi = i
  if (worse(items[wi]!.v, s.v)) items[wi] = s
}
