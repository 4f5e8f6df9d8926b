// PromQL functions of Prometheus 2.42 over float samples.
import type {Call, Expr, LabelMatcher} from './ast.js'
import {typeOf} from './ast.js'
import type {Evaluator, RangeArg} from './engine.js'
import {METRIC_NAME, dropName, getLabel, labelsFrom, setLabel, type Labels, deleteLabels, labelsKey} from './labels.js'
import {bucketQuantile, type Bucket, kahanInc, parseGoFloat, quantile} from './mathutil.js'
import {compileRe2} from '../model/regex.js'
import {isValidClassicLabelName} from '../model/labels.js'
import {PromQLError, TOO_MANY_SAMPLES, checkUnique, type Sample, type Series, type Value} from './value.js'

type RangeFn = (s: Series, arg: RangeArg, t: number, params: number[]) => number | undefined

const MATH: Record<string, (v: number) => number> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: Math.log,
  log2: goLog2,
  log10: (v) => Math.log(v) * Math.LOG10E, // Go: Log(x) * (1/Ln10)
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  deg: (v) => (v * 180) / Math.PI,
  rad: (v) => (v * Math.PI) / 180,
  sgn: (v) => (v > 0 ? 1 : v < 0 ? -1 : v),
}

/** Go's math.Log2: exact for powers of two, else Log(frac)/Ln2 + exp. */
function goLog2(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log2(x)
  let exp = Math.floor(Math.log2(x)) + 1
  let frac = x / 2 ** exp
  // Frexp: frac in [0.5, 1).
  if (frac >= 1) {
    frac /= 2
    exp++
  } else if (frac < 0.5) {
    frac *= 2
    exp--
  }
  if (frac === 0.5) return exp - 1
  return Math.log(frac) * Math.LOG2E + exp
}

const DATE: Record<string, (d: Date) => number> = {
  day_of_month: (d) => d.getUTCDate(),
  day_of_week: (d) => d.getUTCDay(),
  day_of_year: (d) => Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1,
  days_in_month: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  month: (d) => d.getUTCMonth() + 1,
  year: (d) => d.getUTCFullYear(),
}

/** What Prometheus 2.42 (amd64) answers for a timestamp of NaN, ±Inf or beyond int64 (promtool's output). */
const MIN_INT64_DATE: Record<string, number> = {
  year: 292277026596,
  month: 12,
  day_of_month: 4,
  day_of_week: 0,
  day_of_year: 339,
  days_in_month: 31,
  hour: 15,
  minute: 30,
}

const RANGE: Record<string, RangeFn> = {
  rate: (s, a) => extrapolatedRate(s, a, true, true),
  increase: (s, a) => extrapolatedRate(s, a, true, false),
  delta: (s, a) => extrapolatedRate(s, a, false, false),
  irate: (s) => instantValue(s, true),
  idelta: (s) => instantValue(s, false),
  avg_over_time: (s) => avgOverTime(s.vs),
  count_over_time: (s) => s.vs.length,
  sum_over_time: (s) => kahanSum(s.vs),
  min_over_time: (s) => s.vs.reduce((m, v) => (v < m || Number.isNaN(m) ? v : m)),
  max_over_time: (s) => s.vs.reduce((m, v) => (v > m || Number.isNaN(m) ? v : m)),
  last_over_time: (s) => s.vs[s.vs.length - 1],
  present_over_time: () => 1,
  quantile_over_time: (s, _a, _t, [q]) => quantile(q!, s.vs),
  stddev_over_time: (s) => Math.sqrt(variance(s.vs)),
  stdvar_over_time: (s) => variance(s.vs),
  changes: (s) => {
    let n = 0
    for (let i = 1; i < s.vs.length; i++) {
      const [p, c] = [s.vs[i - 1]!, s.vs[i]!]
      if (p !== c && !(Number.isNaN(p) && Number.isNaN(c))) n++
    }
    return n
  },
  resets: (s) => {
    let n = 0
    for (let i = 1; i < s.vs.length; i++) if (s.vs[i]! < s.vs[i - 1]!) n++
    return n
  },
  deriv: (s) => (s.ts.length < 2 ? undefined : linearRegression(s, s.ts[0]!)[0]),
  predict_linear: (s, _a, t, [d]) => {
    if (s.ts.length < 2) return undefined
    const [slope, intercept] = linearRegression(s, t)
    return slope * d! + intercept
  },
  holt_winters: (s, _a, _t, [sf, tf]) => holtWinters(s.vs, sf!, tf!),
  absent_over_time: () => undefined,
}

/** Evaluates a function call at time t. */
export function callFunction(ev: Evaluator, e: Call, t: number): Value {
  const f = e.func
  const args = e.args
  const idx = args.findIndex((a) => typeOf(a) === 'matrix')
  if (idx >= 0) return {type: 'vector', samples: rangeFunction(ev, e, idx, t)}
  const vec = (i: number): Sample[] => ev.vector(args[i]!, t)
  const num = (i: number): number => ev.scalar(args[i]!, t)
  const str = (i: number): string => {
    const v = ev.eval(args[i]!, t)
    if (v.type !== 'string') throw new PromQLError(`expected string, got ${v.type}`)
    return v.v
  }
  const mapped = (fn: (v: number) => number): Value => ({
    type: 'vector',
    samples: checkUnique(vec(0).map((s) => ({metric: dropName(s.metric), t, v: fn(s.v)}))),
  })
  if (f in MATH) return mapped(MATH[f]!)
  if (f in DATE) {
    const fn = DATE[f]!
    if (args.length === 0) return {type: 'vector', samples: [{metric: [], t, v: fn(new Date(Math.trunc(t / 1000) * 1000))}]}
    return mapped((v) => {
      // Go's int64(v) of NaN, ±Inf or anything past int64 is MinInt64 on amd64; time.Unix then wraps.
      if (!(Math.abs(v) < 2 ** 63)) return MIN_INT64_DATE[f]!
      const d = new Date(Math.trunc(v) * 1000)
      return Number.isNaN(d.getTime()) ? NaN : fn(d)
    })
  }
  switch (f) {
    case 'time':
      return {type: 'scalar', v: t / 1000}
    case 'pi':
      return {type: 'scalar', v: Math.PI}
    case 'scalar': {
      const v = vec(0)
      return {type: 'scalar', v: v.length === 1 ? v[0]!.v : NaN}
    }
    case 'vector':
      return {type: 'vector', samples: [{metric: [], t, v: num(0)}]}
    case 'timestamp':
      return {type: 'vector', samples: checkUnique(vec(0).map((s) => ({metric: dropName(s.metric), t, v: s.t / 1000})))}
    case 'round': {
      const inv = 1 / (args.length > 1 ? num(1) : 1)
      return mapped((v) => Math.floor(v * inv + 0.5) / inv)
    }
    case 'clamp': {
      const v = vec(0)
      const [min, max] = [num(1), num(2)]
      if (max < min) return {type: 'vector', samples: []}
      return {type: 'vector', samples: checkUnique(v.map((s) => ({metric: dropName(s.metric), t, v: goMax(min, goMin(max, s.v))})))}
    }
    case 'clamp_max': {
      const max = num(1)
      return mapped((v) => goMin(v, max))
    }
    case 'clamp_min': {
      const min = num(1)
      return mapped((v) => goMax(v, min))
    }
    case 'absent': {
      if (vec(0).length > 0) return {type: 'vector', samples: []}
      return {type: 'vector', samples: [{metric: absentLabels(args[0]!), t, v: 1}]}
    }
    case 'sort':
    case 'sort_desc': {
      const desc = f === 'sort_desc'
      const v = [...vec(0)].sort((a, b) => {
        if (Number.isNaN(a.v)) return Number.isNaN(b.v) ? 0 : 1
        if (Number.isNaN(b.v)) return -1
        return desc ? b.v - a.v : a.v - b.v
      })
      return {type: 'vector', samples: v}
    }
    case 'label_replace':
      return {type: 'vector', samples: checkUnique(labelReplace(vec(0), str(1), str(2), str(3), str(4), t))}
    case 'label_join': {
      const v = vec(0)
      const dst = str(1)
      const sep = str(2)
      const srcs = args.slice(3).map((_, i) => str(i + 3))
      if (!isValidClassicLabelName(dst)) throw new PromQLError(`invalid destination label name in label_join(): ${dst}`)
      for (const s of srcs) if (!isValidClassicLabelName(s)) throw new PromQLError(`invalid source label name in label_join(): ${s}`)
      const out = v.map((s) => ({metric: setLabel(s.metric, dst, srcs.map((n) => getLabel(s.metric, n)).join(sep)), t, v: s.v}))
      return {type: 'vector', samples: checkUnique(out)}
    }
    case 'histogram_quantile':
      return {type: 'vector', samples: checkUnique(histogramQuantile(num(0), vec(1), t))}
    case 'histogram_count':
    case 'histogram_sum':
    case 'histogram_fraction':
      // Native histograms only; float samples give nothing.
      for (let i = 0; i < args.length; i++) ev.eval(args[i]!, t)
      return {type: 'vector', samples: []}
    default:
      throw new PromQLError(`unknown function with name ${JSON.stringify(f)}`)
  }
}

function goMax(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN
  return Math.max(a, b)
}
function goMin(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN
  return Math.min(a, b)
}

function unwrap(e: Expr): Expr {
  while (e.kind === 'paren') e = e.expr
  return e
}

function rangeFunction(ev: Evaluator, e: Call, idx: number, t: number): Sample[] {
  const argExpr = unwrap(e.args[idx]!)
  let arg: RangeArg
  // A subquery's result is held while the function runs (selectors' windows are counted below).
  const before = ev.samples
  if (argExpr.kind === 'matrix') arg = ev.selectMatrix(argExpr, t)
  else if (argExpr.kind === 'subquery') arg = ev.subquery(argExpr, t)
  else throw new PromQLError(`expected type range vector in call to function ${JSON.stringify(e.func)}`)
  const held = ev.samples - before
  const params = e.args.filter((_, i) => i !== idx).map((a) => ev.scalar(a, t))
  // As Prometheus: one series' window at a time is held, on top of the outputs so far, and still held
  // when that series' output is added.
  const hold = (outputs: number, s: Series, output: boolean): void => {
    if (ev.samples + outputs + s.ts.length + (output ? 1 : 0) > ev.maxSamples) throw new PromQLError(TOO_MANY_SAMPLES)
  }
  if (e.func === 'holt_winters') {
    const [sf, tf] = params as [number, number]
    if (!(sf > 0 && sf < 1)) throw new PromQLError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`)
    if (!(tf > 0 && tf < 1)) throw new PromQLError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`)
  }
  if (e.func === 'absent_over_time') {
    arg.series.forEach((s, i) => hold(i, s, true))
    ev.samples += arg.series.length - held
    if (arg.series.length > 0) return []
    return [{metric: argExpr.kind === 'matrix' ? absentLabels(argExpr.vector) : [], t, v: 1}]
  }
  const fn = RANGE[e.func]
  if (!fn) throw new PromQLError(`unknown function with name ${JSON.stringify(e.func)}`)
  const out: Sample[] = []
  for (const s of arg.series) {
    hold(out.length, s, false)
    const v = fn(s, arg, t, params)
    if (v === undefined) continue
    hold(out.length, s, true)
    out.push({metric: e.func === 'last_over_time' ? s.metric : dropName(s.metric), t, v})
  }
  ev.samples += out.length - held
  return checkUnique(out)
}

/** Labels of absent()'s output: the selector's equality matchers, unless a name is matched twice. */
function absentLabels(e: Expr): Labels {
  const sel = unwrap(e)
  const matchers: LabelMatcher[] = sel.kind === 'vector' ? sel.matchers : sel.kind === 'matrix' ? sel.vector.matchers : []
  const set: Record<string, string> = {}
  const drop = new Set<string>()
  for (const m of matchers) {
    if (m.name === METRIC_NAME) continue
    if (m.type === '=' && !(m.name in set)) set[m.name] = m.value
    else drop.add(m.name)
  }
  for (const d of drop) delete set[d]
  return labelsFrom(set)
}

function extrapolatedRate(s: Series, arg: RangeArg, isCounter: boolean, isRate: boolean): number | undefined {
  const n = s.ts.length
  if (n < 2) return undefined
  const rangeStart = arg.end - arg.range
  const rangeEnd = arg.end
  let result = s.vs[n - 1]! - s.vs[0]!
  if (isCounter) {
    let prev = s.vs[0]!
    for (let i = 1; i < n; i++) {
      const cur = s.vs[i]!
      if (cur < prev) result += prev
      prev = cur
    }
  }
  let durationToStart = (s.ts[0]! - rangeStart) / 1000
  const durationToEnd = (rangeEnd - s.ts[n - 1]!) / 1000
  const sampled = (s.ts[n - 1]! - s.ts[0]!) / 1000
  const avgBetween = sampled / (n - 1)
  if (isCounter && result > 0 && s.vs[0]! >= 0) {
    const durationToZero = sampled * (s.vs[0]! / result)
    if (durationToZero < durationToStart) durationToStart = durationToZero
  }
  const threshold = avgBetween * 1.1
  let interval = sampled
  interval += durationToStart < threshold ? durationToStart : avgBetween / 2
  interval += durationToEnd < threshold ? durationToEnd : avgBetween / 2
  let factor = interval / sampled
  if (isRate) factor /= arg.range / 1000
  return result * factor
}

function instantValue(s: Series, isRate: boolean): number | undefined {
  const n = s.ts.length
  if (n < 2) return undefined
  const last = s.vs[n - 1]!
  const prev = s.vs[n - 2]!
  let result = isRate && last < prev ? last : last - prev
  const interval = s.ts[n - 1]! - s.ts[n - 2]!
  if (interval === 0) return undefined
  if (isRate) result /= interval / 1000
  return result
}

function kahanSum(vs: number[]): number {
  let sum = 0
  let c = 0
  for (const v of vs) [sum, c] = kahanInc(v, sum, c)
  return Math.abs(sum) === Infinity ? sum : sum + c
}

/** Incremental mean with Kahan compensation; Infs kept as Prometheus keeps them. */
function avgOverTime(vs: number[]): number {
  let mean = 0
  let c = 0
  let count = 0
  for (const v of vs) {
    count++
    if (Math.abs(mean) === Infinity) {
      if (Math.abs(v) === Infinity && mean > 0 === v > 0) continue
      if (Number.isFinite(v)) continue
    }
    ;[mean, c] = kahanInc(v / count - mean / count, mean, c)
  }
  return Math.abs(mean) === Infinity ? mean : mean + c
}

function variance(vs: number[]): number {
  let count = 0
  let mean = 0
  let cMean = 0
  let aux = 0
  let cAux = 0
  for (const v of vs) {
    count++
    const delta = v - (mean + cMean)
    ;[mean, cMean] = kahanInc(delta / count, mean, cMean)
    ;[aux, cAux] = kahanInc(delta * (v - (mean + cMean)), aux, cAux)
  }
  return (aux + cAux) / count
}

/** Least-squares slope and intercept (at interceptTime) of the samples. */
function linearRegression(s: Series, interceptTime: number): [number, number] {
  let n = 0
  let sumX = 0
  let cX = 0
  let sumY = 0
  let cY = 0
  let sumXY = 0
  let cXY = 0
  let sumX2 = 0
  let cX2 = 0
  const initY = s.vs[0]!
  let constY = true
  for (let i = 0; i < s.ts.length; i++) {
    const y = s.vs[i]!
    if (constY && i > 0 && y !== initY) constY = false
    n++
    const x = (s.ts[i]! - interceptTime) / 1000
    ;[sumX, cX] = kahanInc(x, sumX, cX)
    ;[sumY, cY] = kahanInc(y, sumY, cY)
    ;[sumXY, cXY] = kahanInc(x * y, sumXY, cXY)
    ;[sumX2, cX2] = kahanInc(x * x, sumX2, cX2)
  }
  if (constY) {
    if (Math.abs(initY) === Infinity) return [NaN, NaN]
    return [0, initY]
  }
  sumX += cX
  sumY += cY
  sumXY += cXY
  sumX2 += cX2
  const covXY = sumXY - (sumX * sumY) / n
  const varX = sumX2 - (sumX * sumX) / n
  const slope = covXY / varX
  return [slope, sumY / n - (slope * sumX) / n]
}

function holtWinters(vs: number[], sf: number, tf: number): number | undefined {
  const l = vs.length
  if (l < 2) return undefined
  let s0 = 0
  let s1 = vs[0]!
  let b = vs[1]! - vs[0]!
  for (let i = 1; i < l; i++) {
    const x = sf * vs[i]!
    if (i - 1 !== 0) b = tf * (s1 - s0) + (1 - tf) * b
    const y = (1 - sf) * (s1 + b)
    s0 = s1
    s1 = x + y
  }
  return s1
}

function labelReplace(v: Sample[], dst: string, repl: string, src: string, regex: string, t: number): Sample[] {
  let re
  try {
    re = compileRe2(`^(?:${regex})$`)
  } catch (err) {
    throw new PromQLError(`invalid regular expression in label_replace(): ${regex}`, {cause: err})
  }
  if (!isValidClassicLabelName(dst)) throw new PromQLError(`invalid destination label name in label_replace(): ${dst}`)
  const named = re.namedGroups()
  return v.map((s) => {
    const m = re.matcher(getLabel(s.metric, src))
    if (!m.matches()) return {metric: s.metric, t, v: s.v}
    const res = expandTemplate(repl, (name) => {
      const g = /^\d+$/.test(name) ? Number(name) : named[name]
      if (g === undefined || g > m.groupCount()) return ''
      return m.group(g) ?? ''
    })
    return {metric: setLabel(s.metric, dst, res), t, v: s.v}
  })
}

/** Go's Regexp.Expand: $1, ${1}, $name, ${name}, $$. */
export function expandTemplate(tpl: string, group: (name: string) => string): string {
  let out = ''
  for (let i = 0; i < tpl.length; ) {
    const c = tpl[i]!
    if (c !== '$') {
      out += c
      i++
      continue
    }
    if (tpl[i + 1] === '$') {
      out += '$'
      i += 2
      continue
    }
    let m = /^\{([A-Za-z0-9_]+)\}/.exec(tpl.slice(i + 1))
    if (!m) m = /^([A-Za-z0-9_]+)/.exec(tpl.slice(i + 1))
    if (!m) {
      out += '$'
      i++
      continue
    }
    out += group(m[1]!)
    i += 1 + m[0].length
  }
  return out
}

function histogramQuantile(q: number, v: Sample[], t: number): Sample[] {
  const groups = new Map<string, {metric: Labels; buckets: Bucket[]}>()
  for (const s of v) {
    const le = getLabel(s.metric, 'le')
    const ub = parseLe(le)
    if (ub === undefined) continue
    // Grouped with __name__ (as 2.42 does), so two histograms named apart collide after the name is dropped.
    const k = labelsKey(deleteLabels(s.metric, ['le']))
    let g = groups.get(k)
    if (!g) groups.set(k, (g = {metric: dropName(deleteLabels(s.metric, ['le'])), buckets: []}))
    g.buckets.push({upperBound: ub, count: s.v})
  }
  return [...groups.values()].map((g) => ({metric: g.metric, t, v: bucketQuantile(q, g.buckets)}))
}

/** strconv.ParseFloat of an `le` value; undefined when it is not a number (then the bucket is ignored). */
function parseLe(le: string): number | undefined {
  return parseGoFloat(le)
}
