// Seeded PromQL expression generator for tests and benchmarks: valid 2.42 expressions,
// optionally with injected faults. No dependencies; deterministic for a given seed.

export interface SampleExpr {
  expr: string
  /** The injected fault, if any (a hint only: promtool is the judge). */
  fault?: string
}

type Rand = () => number

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): Rand {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const METRICS = ['up', 'http_requests_total', 'node_cpu_seconds_total', 'job:errors:rate5m', 'process_open_fds', 'apiserver_request_duration_seconds_bucket']
const LABELS = ['job', 'instance', 'code', 'mode', 'le', 'namespace', 'pod']
const VALUES = ['api', 'node', '5..', 'idle', 'a-b', 'x\\"y', '']
const REGEXES = ['.+', 'api|web', '5..', '(?i)idle', 'prod-[0-9]+', '\\\\d+', '[a-z]*']
const DURS = ['5m', '1h', '30s', '1d', '2w', '1h30m', '500ms', '1y']
const RANGE_FNS = ['rate', 'irate', 'increase', 'delta', 'deriv', 'changes', 'resets', 'avg_over_time', 'max_over_time', 'min_over_time', 'sum_over_time', 'count_over_time', 'stddev_over_time', 'last_over_time', 'present_over_time', 'absent_over_time']
const VEC_FNS = ['abs', 'ceil', 'floor', 'exp', 'ln', 'sqrt', 'sgn', 'sort', 'sort_desc', 'timestamp', 'log2', 'hour', 'month', 'histogram_count', 'histogram_sum']
const AGGS = ['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar']
const ARITH = ['+', '-', '*', '/', '%', '^', 'atan2']
const CMP = ['==', '!=', '>', '<', '>=', '<=']
const SETS = ['and', 'or', 'unless']

class Gen {
  constructor(readonly r: Rand) {}
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)] as T
  }
  chance(p: number): boolean {
    return this.r() < p
  }
  num(): string {
    return this.pick(['1', '0.5', '100', '1e3', '0x10', '.25', '2', '60'])
  }
  matchers(): string {
    const n = Math.floor(this.r() * 3)
    const ms: string[] = []
    for (let i = 0; i < n; i++) {
      const op = this.pick(['=', '!=', '=~', '!~'])
      const v = op.includes('~') ? this.pick(REGEXES) : this.pick(VALUES)
      ms.push(`${this.pick(LABELS)}${op}"${v}"`)
    }
    return ms.length ? `{${ms.join(', ')}}` : this.chance(0.1) ? '{}' : ''
  }
  selector(): string {
    let s = `${this.pick(METRICS)}${this.matchers()}`
    if (this.chance(0.1)) s += ` offset ${this.chance(0.2) ? '-' : ''}${this.pick(DURS)}`
    if (this.chance(0.05)) s += ` @ ${this.pick(['1700000000', 'start()', 'end()'])}`
    return s
  }
  range(): string {
    return `${this.pick(METRICS)}${this.matchers()}[${this.pick(DURS)}]`
  }
  grouping(): string {
    const ls = this.pick([[], ['job'], ['job', 'instance'], ['le']])
    return `${this.pick(['by', 'without'])} (${ls.join(', ')})`
  }
  vector(depth: number): string {
    if (depth <= 0) return this.selector()
    const d = depth - 1
    switch (Math.floor(this.r() * 11)) {
      case 0:
        return this.selector()
      case 1:
        return `${this.pick(RANGE_FNS)}(${this.range()})`
      case 2: {
        const agg = this.pick(AGGS)
        return this.chance(0.5) ? `${agg} ${this.grouping()} (${this.vector(d)})` : `${agg}(${this.vector(d)}) ${this.grouping()}`
      }
      case 3:
        return `${this.pick(['topk', 'bottomk'])}(${this.pick(['5', '1'])}, ${this.vector(d)})`
      case 4:
        // Parenthesized: a trailing number would otherwise bind to a following `* on(…)`.
        return `(${this.vector(d)} ${this.pick(ARITH)} ${this.chance(0.5) ? this.num() : this.vector(d)})`
      case 5:
        return `(${this.vector(d)} ${this.pick(CMP)}${this.chance(0.3) ? ' bool' : ''} ${this.chance(0.5) ? this.num() : this.vector(d)})`
      case 6:
        return `${this.vector(d)} ${this.pick(SETS)} ${this.pick(['on(job) ', 'ignoring(code) ', ''])}${this.vector(d)}`
      case 7:
        return `${this.vector(d)} ${this.pick(['*', '/', '+'])} ${this.pick(['on(job) group_left(mode) ', 'ignoring(code) group_right() ', 'on() '])}${this.vector(d)}`
      case 8:
        return `${this.pick(VEC_FNS)}(${this.vector(d)})`
      case 9:
        return this.special(d)
      default: {
        const inner = `(${this.vector(d)})[${this.pick(DURS)}:${this.pick(['', '1m'])}]`
        return this.chance(0.5) ? `max_over_time(${inner})` : `quantile_over_time(0.9, ${inner})`
      }
    }
  }
  special(d: number): string {
    switch (Math.floor(this.r() * 9)) {
      case 0:
        return `histogram_quantile(0.9, sum by (le) (rate(apiserver_request_duration_seconds_bucket[5m])))`
      case 1:
        return `label_replace(${this.vector(d)}, "dst", "$1", "instance", "(.*):.*")`
      case 2:
        return `clamp_min(${this.vector(d)}, ${this.num()})`
      case 3:
        return `-${this.vector(d)}`
      case 4:
        return `quantile(0.95, ${this.vector(d)})`
      case 5:
        return `count_values("value", ${this.vector(d)})`
      case 6:
        return `(predict_linear(${this.range()}, 3600) < 0)`
      case 7:
        return `absent(${this.selector()})`
      default:
        return `((${this.vector(d)}) * ${this.pick(['scalar(up)', 'time()', 'vector(1)', '2'])})`
    }
  }
}

type Fault = [string, (g: Gen, e: string) => string]

const FAULTS: Fault[] = [
  ['unclosed paren', (g, e) => (e.includes(')') ? e.slice(0, e.lastIndexOf(')')) + e.slice(e.lastIndexOf(')') + 1) : `(${e}`)],
  ['unknown function', (g, e) => g.pick([`ratee(${e})`, `limitk(2, ${e})`, `sort_by_label(${e}, "job")`, `mad_over_time(${g.range()})`, `histogram_avg(${e})`, `info(${e})`, `holt_winter(${g.range()}, 0.5, 0.5)`, `start()`])],
  ['instant to range function', (g) => `${g.pick(RANGE_FNS)}(${g.selector()})`],
  ['range to instant function', (g) => `${g.pick(VEC_FNS)}(${g.range()})`],
  ['arg count', (g, e) => g.pick([`clamp_min(${e})`, `round(${e}, 1, 2)`, `histogram_quantile(${e})`, `time(${e})`, `sum(${e}, ${e})`, `topk(${e})`])],
  ['bad duration', (g) => `rate(up[${g.pick(['5', '0s', '5mm', '1m1h', '-5m', '5m*2', '1.5m', '99999999999y'])}])`],
  ['bad offset', (g, e) => g.pick([`up offset 5`, `sum(${e}) offset 5m`, `up offset 5m offset 1m`, `up offset 5m [5m]`, `up offset +5m`, `up offset 0s`])],
  ['bad @', (g, e) => g.pick([`up @ 1 @ 2`, `rate(up[5m]) @ 1`, `(${e}) @ 100`, `up @ 5m`, `up @ 1e20`, `up @ 1 [5m]`])],
  ['bad regex', (g) => `up{job=~"${g.pick(['(.*', 'a(?=b)', 'a**', '[z-a]', '\\\\1', '(?<n>x)', 'x{1001}'])}"}`],
  ['set op on scalar', (g, e) => `${g.pick(['1', 'time()'])} ${g.pick(SETS)} ${g.chance(0.5) ? e : '2'}`],
  ['bool misuse', (g, e) => g.pick([`${e} + bool ${e}`, `1 > 2`, `${e} and bool ${e}`])],
  ['grouping misuse', (g, e) => g.pick([`1 + on(job) ${e}`, `${e} and on(job) group_left ${e}`, `${e} + on(job) group_left(job) ${e}`])],
  ['3.x syntax', (g, e) => g.pick([`{"foo.bar"}`, `up{"a.b"="c"}`, `up[5m*2]`, `${e} + 5m`, `rate(up[5m] anchored)`, `${e} </ 1`, `sum by ("job") (${e})`])],
  ['empty selector', (g) => `${g.pick(['{}', '{job=~".*"}', '{job=""}', '{job!~".+"}'])}`],
  ['bad string', (g) => g.pick([`up{job="\\q"}`, `up{job="x}`, `label_replace(up, "a", "\\x4", "b", "c")`, `count_values("\\400", up)`])],
  ['type mismatch', (g, e) => g.pick([`-${g.range()}`, `${g.range()} + 1`, `${g.range()}[5m:1m]`, `(${e})[5m]`, `"a" * ${e}`, `sum("x")`, `topk("5", ${e})`, `count_values(5, ${e})`])],
  ['bad number', (g) => g.pick(['1_000', '1e', '0x', 'up * 1.5.5', '08.5e'])],
]

/** Deterministic expressions: `faultRatio` of them have an injected fault. */
export function samplePromQL(count: number, seed: number, faultRatio = 0): SampleExpr[] {
  const r = rng(seed)
  const g = new Gen(r)
  const out: SampleExpr[] = []
  for (let i = 0; i < count; i++) {
    const expr = g.vector(1 + Math.floor(r() * 3))
    if (r() < faultRatio) {
      const [name, inject] = g.pick(FAULTS)
      out.push({expr: inject(g, expr), fault: name})
    } else {
      out.push({expr})
    }
  }
  return out
}

// Tokens for syntax fuzzing: PromQL pieces that Prometheus 2.42 and lezer-promql disagree on
// easily (keywords as names, number and duration spellings, escapes, comments, 3.x syntax).
const SOUP = [
  '(', ')', '{', '}', '[', ']', ',', '"a"', "'b'", '`c`', '=', '!=', '=~', '!~', '@', ':', '5m', '1', '0.5', '-', '+',
  '*', '/', '^', '%', '<', '>=', '==', 'by', 'on', 'offset', 'bool', 'and', 'or', 'unless', 'sum', 'topk',
  'count_values', 'quantile', 'rate', 'abs', 'time', 'vector', 'scalar', 'label_replace', 'foo', 'bar', 'inf', 'nan',
  'start', 'end', '()', 'group_left', 'group_right', 'without', 'ignoring', 'le', '__name__', 'atan2', 'limitk',
  'holt_winters', 'x:y', '"(.*"', '".*"', '""', '1h', '0s', '-5m', '1e3', '0x1F', '.5', 'Inf', 'offset 5m', '[5m]',
  '[5m:1m]', '[5m:]', '{a="b"}', 'foo{}', '@ 100', '@ start()', '"\\x41"', "'\\''", '"\\u00e9"', '"a**"', '"(?i)x"',
  '"\\\\d"', '"\\d"', 'é', '# c\n', 'SUM', 'BY', 'OFFSET', 'AND', 'Rate', '1h30m', '5M', '1.5m', '1e', '08', '0755',
  '1_0', '5.', '.', '-1', '-inf', 'NaN', '+Inf', 'offset -5m', '[1m1h]', '[0s]', '[5]', '\\', 'sort_by_label',
  '{"a.b"}', 'anchored', '</', 'fill(0)', 'step()', '[min_of(1m,2m)]', 'count', 'histogram_quantile', '0.9', 'a=~"x"',
  '{a!~".*"}', '{__name__="x"}', 'group', 'bottomk', '"\\400"', '`\n`', '\u00a0', '(without)', 'on(offset)',
  '{offset="x"}', 'by (bool)', '1e400', '0x8000000000000000', 'ignoring(nan)',
]

/** Random sequences of 1–7 PromQL tokens: mostly invalid, exercising the syntax corners. */
export function tokenSoupPromQL(count: number, seed: number): string[] {
  const g = new Gen(rng(seed))
  const out: string[] = []
  while (out.length < count) {
    const len = 1 + Math.floor(g.r() * 7)
    let expr = ''
    for (let j = 0; j < len; j++) expr += (g.chance(0.6) ? ' ' : '') + g.pick(SOUP)
    if (expr.trim() !== '') out.push(expr.trim())
  }
  return out
}

/** Each expression with 1–3 random edits (delete a char, insert or overwrite with a token). */
export function mutatePromQL(exprs: readonly string[], seed: number): string[] {
  const g = new Gen(rng(seed))
  return exprs.map((expr) => {
    let e = expr
    for (let k = 1 + Math.floor(g.r() * 3); k > 0; k--) {
      const at = Math.floor(g.r() * (e.length + 1))
      const tok = g.pick(SOUP)
      const op = g.r()
      if (op < 0.33) e = e.slice(0, at) + e.slice(at + 1)
      else if (op < 0.66) e = e.slice(0, at) + tok + e.slice(at)
      else e = e.slice(0, at) + tok + e.slice(at + tok.length)
    }
    return e.trim() === '' ? 'up' : e
  })
}

/** Valid generated expressions with 1–3 random edits. */
export function mutatedPromQL(count: number, seed: number): string[] {
  return mutatePromQL(
    samplePromQL(count, seed, 0).map((s) => s.expr),
    seed,
  )
}
