import {describe, expect, it} from 'vitest'
import {instantQuery, rangeQuery} from '../../../src/promql/engine.js'
import {expandTemplate} from '../../../src/promql/functions.js'
import {formatLabels, labelsFrom} from '../../../src/promql/labels.js'
import {bucketQuantile, formatGoFloat, quantile} from '../../../src/promql/mathutil.js'
import {STALE, Storage} from '../../../src/promql/storage.js'
import {almostEqual, runScript} from '../../../src/promql/test-script.js'
import type {Value} from '../../../src/promql/value.js'

const m = 60_000

function store(series: Record<string, Array<number | typeof STALE | undefined>>, step = m): Storage {
  const st = new Storage()
  for (const [desc, values] of Object.entries(series)) {
    const [, name, body] = /^(\w+)(?:\{(.*)\})?$/.exec(desc)!
    const labels: Record<string, string> = {__name__: name!}
    for (const kv of (body ?? '').split(',').filter(Boolean)) {
      const [k, v] = kv.split('=')
      labels[k!.trim()] = JSON.parse(v!)
    }
    values.forEach((v, i) => v !== undefined && st.add(labelsFrom(labels), i * step, v))
  }
  return st
}

/** `{labels} value` lines of a vector result, in result order. */
function show(v: Value): string[] {
  if (v.type === 'scalar') return [String(v.v)]
  if (v.type !== 'vector') return [v.type]
  return v.samples.map((s) => `${formatLabels(s.metric)} ${s.v}`)
}

describe('selectors', () => {
  const st = store({x: [1, 2, STALE, undefined, undefined, undefined, undefined, undefined, undefined, 9]})
  it('looks back 5m for the latest sample, and a stale marker ends the series', () => {
    expect(show(instantQuery(st, 'x', 1.5 * m))).toEqual(['x 2'])
    expect(show(instantQuery(st, 'x', 2 * m))).toEqual([])
    expect(show(instantQuery(st, 'x', 9 * m))).toEqual(['x 9'])
    expect(show(instantQuery(st, 'x', 14 * m))).toEqual(['x 9'])
    expect(show(instantQuery(st, 'x', 14 * m + 1))).toEqual([])
  })
  it('leaves stale markers out of ranges (closed at both ends in 2.42)', () => {
    expect(show(instantQuery(st, 'count_over_time(x[2m])', 2 * m))).toEqual(['{} 2'])
  })
  it('timestamp() gives the sample time, not the evaluation time', () => {
    expect(show(instantQuery(st, 'timestamp(x)', 12 * m))).toEqual(['{} 540'])
    expect(show(instantQuery(st, 'timestamp(x @ 60)', 12 * m))).toEqual(['{} 60'])
  })
  it('@ start() and end() refer to the range query bounds', () => {
    const series = rangeQuery(st, 'x @ end()', 0, 9 * m, 3 * m)
    expect(series.map((s) => s.vs)).toEqual([[9, 9, 9, 9]])
  })
  it('returns series sorted by labels, whatever the load order', () => {
    const s2 = store({'y{a="2"}': [1], 'y{a="1"}': [1]})
    expect(show(instantQuery(s2, 'y', 0))).toEqual(['y{a="1"} 1', 'y{a="2"} 1'])
  })
})

describe('operators', () => {
  const st = store({'a{i="1"}': [10], 'a{i="2"}': [20], 'b{i="1"}': [1], 'b{i="2"}': [NaN]})
  it('atan2 keeps the metric name in 2.42', () => {
    expect(show(instantQuery(st, 'a atan2 a', 0))[0]).toMatch(/^a\{i="1"\} 0\.785/)
  })
  it('comparison keeps the left value; bool drops the name', () => {
    expect(show(instantQuery(st, 'a > 15', 0))).toEqual(['a{i="2"} 20'])
    expect(show(instantQuery(st, '15 < bool a', 0))).toEqual(['{i="1"} 0', '{i="2"} 1'])
    expect(show(instantQuery(st, '15 < a', 0))).toEqual(['a{i="2"} 20'])
  })
  it('refuses many-to-many and ambiguous one-to-one matches', () => {
    expect(() => instantQuery(st, 'a + on() b', 0)).toThrow(/many-to-many matching not allowed/)
    expect(() => instantQuery(st, '-{__name__=~"a|b"}', 0)).toThrow(/same labelset/)
  })
  it('bottomk and topk put NaN last', () => {
    expect(show(instantQuery(st, 'bottomk(2, b)', 0))).toEqual(['b{i="1"} 1', 'b{i="2"} NaN'])
    expect(show(instantQuery(st, 'topk(2, b)', 0))).toEqual(['b{i="1"} 1', 'b{i="2"} NaN'])
  })
  it('count_values writes values as Go prints them', () => {
    expect(show(instantQuery(st, 'count_values("v", a * 1e21)', 0))).toEqual(['{v="10000000000000000000000"} 1', '{v="20000000000000000000000"} 1'])
  })
})

describe('functions', () => {
  it('rate extrapolates and handles counter resets', () => {
    const st = store({c: [0, 10, 20, 5, 15]})
    // increase over [4m] at 4m: 0→20 (+20), reset to 5 (+5), →15 (+10) = 35 over 4m of samples, no extrapolation.
    expect(show(instantQuery(st, 'increase(c[4m])', 4 * m))).toEqual(['{} 35'])
    expect(show(instantQuery(st, 'rate(c[4m])', 4 * m))).toEqual([`{} ${35 / 240}`])
  })
  it('histogram_quantile refuses two histograms that collide once the name is dropped', () => {
    const st = store({'h_bucket{le="1"}': [1], 'h_bucket{le="+Inf"}': [2], 'g_bucket{le="1"}': [1], 'g_bucket{le="+Inf"}': [2]})
    expect(show(instantQuery(st, 'histogram_quantile(0.5, h_bucket)', 0))).toEqual(['{} 1'])
    expect(() => instantQuery(st, 'histogram_quantile(0.5, {__name__=~".*_bucket"})', 0)).toThrow(/same labelset/)
  })
  it('label_replace expands $1, ${1}, $name and $$ as Go does', () => {
    const st = store({'x{src="ab"}': [1]})
    expect(show(instantQuery(st, 'label_replace(x, "dst", "$1-${2}-$$-$1x", "src", "(a)(?P<rest>.*)")', 0))).toEqual(['x{dst="a-b-$-", src="ab"} 1'])
    expect(() => instantQuery(st, 'label_replace(x, "d", "", "src", "(")', 0)).toThrow(/invalid regular expression/)
  })
  it('expandTemplate leaves a lone $ alone', () => {
    expect(expandTemplate('a$ $1 ${x', (n) => `<${n}>`)).toBe('a$ <1> ${x')
  })
  it('sum_over_time compensates rounding as 2.42 does (Kahan-Neumaier)', () => {
    const st = store({x: [0.1, 0.2, 0.3, 0.4, 1e16, 1, -1e16, 0.7]})
    expect(show(instantQuery(st, 'sum_over_time(x[10m])', 7 * m))).toEqual(['{} 2.7'])
  })
  it('log2 and log10 are computed as Go computes them', () => {
    // promtool 2.42's results; JS's Math.log10 gives 2.0770443353298442 and 1.1583323317089809.
    const st = store({x: [119.411, 14.399]})
    expect(show(instantQuery(st, 'log10(x)', 0))).toEqual(['{} 2.077044335329844'])
    expect(show(instantQuery(st, 'log10(x)', m))).toEqual(['{} 1.1583323317089806'])
    // Math.log2(38.671) is 5.273180166688152.
    expect(show(instantQuery(store({x: [38.671]}), 'log2(x)', 0))).toEqual(['{} 5.273180166688151'])
  })
  it('^ multiplies as Go\'s math.Pow does (promtool 2.42\'s bits; JS gives -1.919434249577505e+32)', () => {
    expect(show(instantQuery(new Storage(), '(-11) ^ 31', 0))).toEqual(['-1.9194342495775046e+32'])
    expect(show(instantQuery(new Storage(), '(-38) ^ 44', 0))).toEqual(['3.239501990556567e+69'])
    expect(show(instantQuery(new Storage(), '(-1) ^ Inf', 0))).toEqual(['1'])
  })
  it('time functions of NaN, Inf or past int64 give what Prometheus on amd64 gives', () => {
    const st = new Storage()
    expect(show(instantQuery(st, 'year(vector(NaN))', 0))).toEqual(['{} 292277026596'])
    expect(show(instantQuery(st, 'minute(vector(-Inf))', 0))).toEqual(['{} 30'])
    expect(show(instantQuery(st, 'day_of_year(vector(1e19))', 0))).toEqual(['{} 339'])
    expect(show(instantQuery(st, 'hour(vector(-3601.5))', 0))).toEqual(['{} 22'])
  })
  it('count_values prints -0 as Go does', () => {
    expect(show(instantQuery(new Storage(), 'count_values("v", vector(-0 * 1))', 0))).toEqual(['{v="-0"} 1'])
  })
  it('-1 ^ 2 is -1', () => {
    expect(show(instantQuery(new Storage(), '-1 ^ 2', 0))).toEqual(['-1'])
  })
})

describe('helpers', () => {
  it('quantile and bucketQuantile', () => {
    expect(quantile(0.5, [1, 2, 3, 4])).toBe(2.5)
    expect(quantile(-1, [1])).toBe(-Infinity)
    expect(bucketQuantile(0.5, [{upperBound: 1, count: 2}, {upperBound: Infinity, count: 4}])).toBe(1)
    expect(bucketQuantile(0.5, [{upperBound: 1, count: 2}])).toBeNaN()
  })
  it('formatGoFloat', () => {
    expect([1, 0.1, 1e21, 1.5e22, 1.2345e-7, -2e-7, Infinity, NaN].map(formatGoFloat)).toEqual([
      '1', '0.1', '1000000000000000000000', '15000000000000000000000', '0.00000012345', '-0.0000002', '+Inf', 'NaN',
    ])
  })
  it('almostEqual as Prometheus\'s test', () => {
    expect(almostEqual(NaN, NaN)).toBe(true)
    expect(almostEqual(1, 1 + 1e-7)).toBe(true)
    expect(almostEqual(1, 1.00001)).toBe(false)
    expect(almostEqual(0, 1e-300)).toBe(false)
  })
})

describe('runScript', () => {
  it('runs load / eval / eval_fail / eval_ordered / clear', () => {
    const res = runScript(`
load 1m
  x{a="1"} 1+1x5
  x{a="2"} 10 _ stale

eval instant at 2m x
  x{a="1"} 3

eval instant at 1m x
  x{a="1"} 2
  x{a="2"} 10

eval_ordered instant at 0m sort_desc(x)
  x{a="2"} 10
  x{a="1"} 1

eval_fail instant at 0m x + on() x

eval instant at 0m scalar(x{a="1"})
  1

clear

eval instant at 0m x
`)
    expect(res.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined])
  })
  it('reports a wrong value, a missing series and a wrong order', () => {
    const res = runScript(`
load 1m
  x{a="1"} 1
  x{a="2"} 2

eval instant at 0m x
  x{a="1"} 5
  x{a="2"} 2

eval instant at 0m x{a="1"}
  x{a="1"} 1
  x{a="3"} 1

eval_ordered instant at 0m sort(x)
  x{a="2"} 2
  x{a="1"} 1
`)
    expect(res.map((r) => r.error)).toEqual([
      'expected 5 for x{a="1"} but got 1',
      'expected metric x{a="3"} with 1 not found',
      'expected metric x{a="1"} at position 2 but was at 1',
    ])
  })
})

describe('sample limit', () => {
  // The largest N that passes, as promtool 2.42 (MaxSamples 10,000) answered for N and N + 1 series of
  // m{i="..."} = 1+1x10 at 5m: selectors hold what they select, operators and functions over instant vectors
  // hold their arguments twice plus their result, range functions one window (6 samples here) on top of
  // their outputs.
  const limits: Array<[string, number]> = [
    ['m', 10_000],
    ['count(m)', 4999],
    ['m * 2', 3332],
    ['abs(m)', 3333],
    ['timestamp(m)', 5000],
    ['topk(1, m)', 4998],
    ['m[2m]', 3333],
    ['rate(m[5m])', 9994],
    ['sum(rate(m[5m]))', 4999],
    ['absent_over_time(m[5m])', 9994],
    ['count(count_over_time(m[5m:1m]))', 1427],
  ]
  function many(n: number): Storage {
    const st = new Storage()
    for (let i = 0; i < n; i++) {
      const s = st.series(labelsFrom({__name__: 'm', i: String(i)}))
      for (let k = 0; k <= 10; k++) s.push(k * m, 1 + k)
    }
    return st
  }
  const stores = new Map<number, Storage>()
  const at = (n: number): Storage => {
    let st = stores.get(n)
    if (!st) stores.set(n, (st = many(n)))
    return st
  }
  it.each(limits)('%s: passes with %i series, fails with one more', (q, n) => {
    expect(() => instantQuery(at(n), q, 5 * m, {maxSamples: 10_000})).not.toThrow()
    expect(() => instantQuery(at(n + 1), q, 5 * m, {maxSamples: 10_000})).toThrow('query processing would load too many samples into memory in query execution')
    // Without a limit nothing fails.
    expect(() => instantQuery(at(n + 1), q, 5 * m)).not.toThrow()
  })
})

describe('storage', () => {
  it('finds a series by content whatever label array names it, and append hands back the same series', () => {
    const st = new Storage()
    const a = st.append(labelsFrom({__name__: 'r', job: 'x'}), 0, 1)
    const b = st.append(labelsFrom({__name__: 'r', job: 'x'}), 60_000, 2)
    expect(typeof a).toBe('object')
    expect(b).toBe(a)
    expect(st.append(labelsFrom({job: 'x', __name__: 'r'}), 0, 5)).toBe('out of order sample')
    expect(st.size).toBe(1)
    expect(show(instantQuery(st, 'r', 60_000))).toEqual(['r{job="x"} 2'])
  })
})
