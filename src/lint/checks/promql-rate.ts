// promql/rate: rate() and friends over a range too short to hold two samples, over something that is
// named like a gauge or a recorded rate, over an aggregation (rate(sum(...)[5m:])); delta() and deriv() over counters.
import {formatDuration} from '../../model/duration.js'
import {unwrap, walk, type Expr} from './promql-ast.js'
import {semanticCheck, type Finder, type Finding} from './promql-semantic.js'

const COUNTER_FUNCS = new Set(['rate', 'irate', 'increase'])
const GAUGE_FUNCS = new Set(['delta', 'idelta', 'deriv', 'predict_linear'])
const TWO_SAMPLE_FUNCS = new Set([...COUNTER_FUNCS, ...GAUGE_FUNCS, 'resets', 'changes'])
const COUNTER_SUFFIX = /(_total|_count|_sum|_bucket)$/
// The operations part of a recording rule name (level:metric:operations) that says "already a rate".
const DERIVED_OPS = /(^|_)(i?rate\d*\w*|increase\w*|ratio|percent\w*|avg\w*|mean|quantile\w*|p\d\d\w*|deriv\w*|delta\w*)$/

// Suffixes that only gauges carry (Prometheus naming conventions); other names say nothing offline.
const GAUGE_SUFFIX = /(_ratio|_percent|_percentage|_pct|_average|_avg|_info|_timestamp|_timestamp_seconds|_celsius|_temperature)$|^up$/

type CounterGuess = 'counter' | 'derived' | 'gauge' | 'unknown'

/** What a metric name says about its type: counters end in _total/_count/_sum/_bucket. */
export function counterByName(name: string): CounterGuess {
  const parts = name.split(':')
  if (parts.length >= 3) {
    const ops = parts.slice(2).join(':')
    if (ops !== '' && DERIVED_OPS.test(ops)) return 'derived'
    return COUNTER_SUFFIX.test(parts[1]!) ? 'counter' : 'unknown'
  }
  return COUNTER_SUFFIX.test(name) ? 'counter' : GAUGE_SUFFIX.test(name) ? 'gauge' : 'unknown'
}

function selectorOf(e: Expr): Expr | undefined {
  const u = unwrap(e)
  return u.kind === 'matrix' ? unwrap(u.expr) : undefined
}

const findRate: Finder = (tree, {scrapeIntervalMs: assumed, live}) => {
  const out: Finding[] = []
  for (const e of walk(tree)) {
    if (e.kind !== 'call' || !TWO_SAMPLE_FUNCS.has(e.name) || e.args.length === 0) continue
    const arg = unwrap(e.args[0]!)
    const fn = e.name
    // Online, the interval of the job that exports the metric; else --scrape-interval
    const inner = arg.kind === 'matrix' ? unwrap(arg.expr) : undefined
    const real = inner?.kind === 'selector' ? live?.intervals.get(inner.name) : undefined
    const scrapeIntervalMs = real?.ms ?? assumed
    if (arg.kind === 'matrix' && arg.rangeMs !== undefined && arg.rangeMs < 2 * scrapeIntervalMs) {
      const source = real ? ` (of job ${real.jobs.map((j) => `"${j}"`).join(', ')} on ${live!.server})` : ''
      out.push({
        at: arg.range,
        message: `${fn}() over a ${formatDuration(arg.rangeMs)} range sees fewer than two samples when the scrape interval is ${formatDuration(scrapeIntervalMs)}${source}`,
        hint: `use a range of at least ${formatDuration(2 * scrapeIntervalMs)} (4x the scrape interval is safer)${real ? '' : ', or set --scrape-interval to the real one'}`,
      })
    }
    const sel = selectorOf(arg)
    if (sel?.kind === 'selector' && sel.name !== '') {
      const guess = counterByName(sel.name)
      if (COUNTER_FUNCS.has(fn) && guess === 'derived') {
        out.push({
          at: sel,
          message: `${fn}() over "${sel.name}", which is named like a recording rule of a rate or ratio, not a counter`,
          hint: `${fn}() only makes sense over a counter: use the counter it was recorded from, or avg_over_time() / deriv() over this gauge`,
        })
      } else if (COUNTER_FUNCS.has(fn) && guess === 'gauge') {
        out.push({
          at: sel,
          message: `${fn}() over "${sel.name}", which is named like a gauge, not a counter`,
          hint: `if it is a gauge, use deriv() or delta() (or avg_over_time()); if it is a counter, name it with a _total suffix`,
        })
      } else if (GAUGE_FUNCS.has(fn) && /_total$/.test(sel.name)) {
        out.push({
          at: sel,
          message: `${fn}() over "${sel.name}", which is named like a counter; ${fn}() is meant for gauges and misreads counter resets`,
          hint: 'use rate() or increase() over a counter',
        })
      }
    }
    if (COUNTER_FUNCS.has(fn) && arg.kind === 'subquery') {
      const inner = unwrap(arg.expr)
      if (inner.kind === 'agg') {
        out.push({
          at: inner,
          message: `${fn}() over ${inner.op}(...): aggregating counters first hides their resets, so the result jumps when one series restarts`,
          hint: `take ${fn}() of each series first, then aggregate: ${inner.op}(${fn}(metric[5m]))`,
        })
      }
    }
  }
  return out
}

export const promqlRate = semanticCheck('promql/rate', findRate)
