// The PromQL evaluator: instant evaluation of an AST at a time over a Storage, and range
// evaluation as a series of instants. Semantics follow Prometheus 2.42 (lookback 5m, closed
// range windows, stale markers end a series, subqueries aligned to their step).
import type {At, Binary, Call, Expr, MatrixSelector, Subquery, VectorSelector} from './ast.js'
import {parseExpr, typeOf} from './ast.js'
import {aggregate} from './aggregate.js'
import {scalarScalar, vectorScalar, vectorVector} from './binary.js'
import {callFunction} from './functions.js'
import {dropName, labelsKey} from './labels.js'
import {type Storage, lowerBound, upperBound} from './storage.js'
import {PromQLError, SAME_LABELSET, TOO_MANY_SAMPLES, checkUnique, type Sample, type Series, type Value} from './value.js'

export interface EngineOptions {
  /** How far back a vector selector looks for a sample (ms); Prometheus's default is 5m. */
  lookbackDelta?: number
  /** Step of subqueries without one (ms): the global evaluation interval, 1m by default. */
  defaultStep?: number
  /**
   * Most samples a query may hold at once, counted as Prometheus 2.42's engine counts them (promtool's unit
   * tests use 10,000); unlimited by default.
   */
  maxSamples?: number
}


/** A matrix argument with its window, as range functions need it. */
export interface RangeArg {
  series: Series[]
  /** Window end (ms) and length (ms). */
  end: number
  range: number
}

export class Evaluator {
  readonly lookback: number
  readonly defaultStep: number
  readonly maxSamples: number
  /**
   * Samples the query holds now, as Prometheus counts them: a selector adds what it selected, a node that
   * combines instant vectors (operators, aggregations, functions) counts its arguments' samples again while
   * it runs and keeps only its result after.
   */
  samples = 0
  /** Samples of the values the arguments of the node being evaluated gave. */
  private argSamples = 0

  constructor(
    readonly storage: Storage,
    /** The query's start and end, for `@ start()` and `@ end()`. */
    readonly start: number,
    readonly end: number,
    opts: EngineOptions = {},
  ) {
    this.lookback = opts.lookbackDelta ?? 300_000
    this.defaultStep = opts.defaultStep ?? 60_000
    this.maxSamples = opts.maxSamples ?? Infinity
  }

  /** Adds `n` samples to what the query holds; fails past the limit. */
  hold(n: number): void {
    this.samples += n
    if (this.samples > this.maxSamples) throw new PromQLError(TOO_MANY_SAMPLES)
  }

  eval(e: Expr, t: number): Value {
    const outer = this.argSamples
    this.argSamples = 0
    const before = this.samples
    const v = this.evalNode(e, t)
    const n = v.type === 'vector' ? v.samples.length : v.type === 'scalar' ? 1 : 0
    // Prometheus evaluates these with rangeEval: the arguments' samples are gathered again into the input
    // vectors, then the result is added; after the step only the result is kept.
    if (e.kind === 'number' || e.kind === 'binary' || e.kind === 'aggregate' || (e.kind === 'call' && !hasRangeArg(e))) {
      const gathered = e.kind === 'call' && e.func === 'timestamp' && unwrap(e.args[0]!).kind === 'vector' ? 0 : this.argSamples
      if (this.samples + gathered + n > this.maxSamples) throw new PromQLError(TOO_MANY_SAMPLES)
      this.samples = before + n
    }
    this.argSamples = outer + n
    return v
  }

  at(at: At | undefined, t: number): number {
    if (at === undefined) return t
    if (at === 'start') return this.start
    if (at === 'end') return this.end
    return at
  }

  private evalNode(e: Expr, t: number): Value {
    switch (e.kind) {
      case 'number':
        return {type: 'scalar', v: e.value}
      case 'string':
        return {type: 'string', v: e.value}
      case 'paren':
        return this.eval(e.expr, t)
      case 'unary': {
        const v = this.eval(e.expr, t)
        if (v.type === 'scalar') return {type: 'scalar', v: -v.v}
        if (v.type !== 'vector') throw new PromQLError('unary expression only allowed on expressions of type scalar or instant vector')
        return {type: 'vector', samples: checkUnique(v.samples.map((s) => ({metric: dropName(s.metric), t, v: -s.v})))}
      }
      case 'vector': {
        const samples = this.selectVector(e, t)
        this.hold(samples.length)
        return {type: 'vector', samples}
      }
      case 'matrix': {
        const series = this.selectMatrix(e, t).series
        let n = 0
        for (const s of series) n += s.ts.length
        this.hold(n)
        return {type: 'matrix', series}
      }
      case 'subquery':
        return {type: 'matrix', series: this.subquery(e, t).series}
      case 'binary':
        return this.binary(e, t)
      case 'aggregate': {
        let param: number | string | undefined
        if (e.param) {
          const p = this.eval(e.param, t)
          param = p.type === 'scalar' || p.type === 'string' ? p.v : undefined
        }
        return {type: 'vector', samples: aggregate(e, this.vector(e.expr, t), param, t)}
      }
      case 'call':
        return callFunction(this, e, t)
    }
  }

  /** Evaluates an expression that must give an instant vector. */
  vector(e: Expr, t: number): Sample[] {
    const v = this.eval(e, t)
    if (v.type !== 'vector') throw new PromQLError(`expected instant vector, got ${v.type}`)
    return v.samples
  }

  scalar(e: Expr, t: number): number {
    const v = this.eval(e, t)
    if (v.type !== 'scalar') throw new PromQLError(`expected scalar, got ${v.type}`)
    return v.v
  }

  /** Latest sample at or before the reference time, within the lookback window, unless stale. */
  selectVector(e: VectorSelector, t: number): Sample[] {
    const ref = this.at(e.at, t) - e.offset
    const out: Sample[] = []
    for (const s of this.storage.select(e.matchers)) {
      const i = upperBound(s.ts, ref) - 1
      if (i < 0) continue
      const st = s.ts[i]!
      if (st < ref - this.lookback || this.storage.isStale(s, i)) continue
      out.push({metric: s.labels, t: st, v: s.vs[i]!})
    }
    return out
  }

  /** Samples in [ref - range, ref] of each matching series, stale markers left out. */
  selectMatrix(e: MatrixSelector, t: number): RangeArg {
    const end = this.at(e.vector.at, t) - e.vector.offset
    const start = end - e.range
    const series: Series[] = []
    for (const s of this.storage.select(e.vector.matchers)) {
      const lo = lowerBound(s.ts, start)
      const hi = upperBound(s.ts, end)
      if (lo >= hi) continue
      if (!this.storage.hasStale(s)) {
        series.push({metric: s.labels, ts: s.ts.slice(lo, hi), vs: s.vs.slice(lo, hi)})
        continue
      }
      const ts: number[] = []
      const vs: number[] = []
      for (let i = lo; i < hi; i++) {
        if (this.storage.isStale(s, i)) continue
        ts.push(s.ts[i]!)
        vs.push(s.vs[i]!)
      }
      if (ts.length > 0) series.push({metric: s.labels, ts, vs})
    }
    return {series, end, range: e.range}
  }

  /** Evaluates the inner expression at each step in [ref - range, ref], aligned to the step. */
  subquery(e: Subquery, t: number): RangeArg {
    const end = this.at(e.at, t) - e.offset
    const step = e.step || this.defaultStep
    const from = end - e.range
    let first = step * Math.trunc(from / step)
    if (first < from) first += step
    const bySeries = new Map<string, Series>()
    const out: Series[] = []
    // Counted as instant evaluations over the samples of the earlier steps (Prometheus's range evaluation
    // also holds the arguments of all steps at once, so it can fail where this does not).
    const base = this.samples
    const outer = this.argSamples
    let total = 0
    for (let ts = first; ts <= end; ts += step) {
      this.samples = base + total
      const v = this.eval(e.expr, ts)
      total += v.type === 'vector' ? v.samples.length : 1
      if (v.type === 'scalar') {
        pushPoint(bySeries, out, [], ts, v.v)
      } else if (v.type === 'vector') {
        for (const s of v.samples) pushPoint(bySeries, out, s.metric, ts, s.v)
      } else {
        throw new PromQLError(`subquery is only allowed on instant vector, got ${v.type} instead`)
      }
    }
    this.argSamples = outer
    this.samples = base
    this.hold(total)
    return {series: out, end, range: e.range}
  }

  binary(e: Binary, t: number): Value {
    const l = this.eval(e.lhs, t)
    const r = this.eval(e.rhs, t)
    if (l.type === 'scalar' && r.type === 'scalar') return {type: 'scalar', v: scalarScalar(e, l.v, r.v)}
    if (l.type === 'vector' && r.type === 'vector') return {type: 'vector', samples: checkUnique(vectorVector(e, l.samples, r.samples, t))}
    if (l.type === 'vector' && r.type === 'scalar') return {type: 'vector', samples: checkUnique(vectorScalar(e, l.samples, r.v, false, t))}
    if (l.type === 'scalar' && r.type === 'vector') return {type: 'vector', samples: checkUnique(vectorScalar(e, r.samples, l.v, true, t))}
    throw new PromQLError(`binary expression must contain only scalar and instant vector types`)
  }
}

function unwrap(e: Expr): Expr {
  while (e.kind === 'paren') e = e.expr
  return e
}

/** Whether a call takes a range vector (a matrix selector or a subquery). */
function hasRangeArg(e: Call): boolean {
  return e.args.some((a) => {
    const u = unwrap(a)
    return u.kind === 'matrix' || u.kind === 'subquery'
  })
}

function pushPoint(by: Map<string, Series>, out: Series[], metric: Series['metric'], t: number, v: number): void {
  const k = labelsKey(metric)
  let s = by.get(k)
  if (!s) {
    s = {metric, ts: [], vs: []}
    by.set(k, s)
    out.push(s)
  } else if (s.ts[s.ts.length - 1] === t) {
    throw new PromQLError(SAME_LABELSET)
  }
  s.ts.push(t)
  s.vs.push(v)
}


type QueryResult = Value

/** Parses and evaluates `query` at time `t` (ms), as an instant query. */
export function instantQuery(storage: Storage, query: string | Expr, t: number, opts: EngineOptions = {}): Value {
  const expr = typeof query === 'string' ? parseExpr(query) : query
  const v = new Evaluator(storage, t, t, opts).eval(expr, t)
  // Operators checked their own output for duplicate label sets; selectors cannot have any.
  if (v.type === 'vector') return {type: 'vector', samples: v.samples.map((s) => (s.t === t ? s : {...s, t}))}
  if (v.type === 'matrix') {
    const keys = new Set<string>()
    for (const s of v.series) {
      const k = labelsKey(s.metric)
      if (keys.has(k)) throw new PromQLError(SAME_LABELSET)
      keys.add(k)
    }
  }
  return v
}

/** Evaluates `query` at start, start + step, ... <= end; returns one series per label set. */
export function rangeQuery(storage: Storage, query: string | Expr, start: number, end: number, step: number, opts: EngineOptions = {}): Series[] {
  const expr = typeof query === 'string' ? parseExpr(query) : query
  const type = typeOf(expr)
  if (type !== 'vector' && type !== 'scalar') throw new PromQLError(`invalid expression type ${JSON.stringify(type === 'matrix' ? 'range vector' : type)} for range query, must be Scalar or instant Vector`)
  const ev = new Evaluator(storage, start, end, opts)
  const by = new Map<string, Series>()
  const out: Series[] = []
  for (let t = start; t <= end; t += step) {
    const v = ev.eval(expr, t)
    if (v.type === 'scalar') pushPoint(by, out, [], t, v.v)
    else if (v.type === 'vector') for (const s of v.samples) pushPoint(by, out, s.metric, t, s.v)
  }
  return out
}

