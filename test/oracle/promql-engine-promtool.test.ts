// Differential test of the PromQL engine against promtool 2.42: generated series and expressions,
// spock's results written as promtool unit-test expectations; promtool must agree on every one
// (same labels, bit-identical values) and fail exactly the queries spock fails.
// Left out on purpose: topk/bottomk over ties and float sums over several series (promtool adds them in a random order, so
// its own last bits vary run to run) and trig/exp functions (Go's and V8's libm differ in the
// last bit now and then).
import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {expect, it} from 'vitest'
import {instantQuery} from '../../src/promql/engine.js'
import {labelsString} from '../../src/promql/labels.js'
import {splitSeriesLine} from '../../src/promql/load.js'
import {STALE, Storage} from '../../src/promql/storage.js'

let seed = Number(process.env.SPOCK_PROMQL_SEED ?? 42)
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!
const int = (n: number): number => Math.floor(rnd() * n)

/** Integer-valued series (sums then do not depend on order), with gaps and stale markers. */
function values(): string {
  const parts: string[] = []
  for (let n = 0; n < 40; ) {
    const k = 1 + int(8)
    const r = rnd()
    if (r < 0.1) parts.push(`_x${k}`)
    else if (r < 0.15) parts.push('stale')
    else if (r < 0.55) parts.push(`${int(50)}+${int(10)}x${k}`)
    else if (r < 0.8) parts.push(`${int(100) - 50}-${int(5)}x${k}`)
    else parts.push(`${int(200)}`)
    n += k
  }
  return parts.join(' ')
}

function seriesLines(): string[] {
  const out: string[] = []
  for (const name of ['m1', 'm2', 'c_total']) {
    for (const job of ['a', 'b']) for (const inst of ['1', '2', '3']) if (rnd() < 0.8) out.push(`${name}{job="${job}", instance="${inst}"} ${values()}`)
  }
  const le = {'0.1': 0, '0.5': 2, '1': 4, '+Inf': 6}
  for (const [b, base] of Object.entries(le)) for (const job of ['a', 'b']) out.push(`h_bucket{job="${job}", le="${b}"} 0+${base + int(3)}x40`)
  return out
}

const V = (): string => pick(['m1', 'm2', 'c_total', 'm1{job="a"}', 'm2{instance!="2"}', '{__name__=~"m.*"}', 'm1 offset 2m', 'm2 @ 600', 'c_total{job=~"a|b"}'])
const R = (): string => `${pick(['m1', 'm2', 'c_total', 'm1{job="b"}', 'c_total{instance="1"}'])}[${pick(['1m', '2m', '5m', '150s', '10m'])}]${pick(['', '', ' offset 1m', ' @ 900'])}`
const S = (): string => pick(['1', '2', '0.5', '-3', 'scalar(m1{job="a",instance="1"})', 'time()', '0'])
const GENERATORS: Array<() => string> = [
  () => `${pick(['rate', 'increase', 'delta', 'irate', 'idelta', 'deriv', 'changes', 'resets', 'avg_over_time', 'sum_over_time', 'min_over_time', 'max_over_time', 'count_over_time', 'last_over_time', 'stddev_over_time', 'stdvar_over_time', 'present_over_time'])}(${R()})`,
  () => `predict_linear(${R()}, ${pick(['60', '-30', '600'])})`,
  () => `holt_winters(${R()}, ${pick(['0.1', '0.5', '0.9'])}, ${pick(['0.1', '0.5', '0.9'])})`,
  () => `quantile_over_time(${pick(['0', '0.25', '0.5', '0.9', '1'])}, ${R()})`,
  () => `${pick(['sum', 'min', 'max', 'count', 'group'])} ${pick(['', 'by (job)', 'without (instance)', 'by (instance, job)'])} (${V()})`,
  () => `${pick(['topk', 'bottomk'])}(${pick(['1', '2', '3'])}, ${V()})`,
  () => `quantile ${pick(['', 'by (job)'])} (${pick(['0.1', '0.5', '0.99'])}, ${V()})`,
  () => `count_values ${pick(['', 'by (job)'])} ("val", ${V()})`,
  () => `${V()} ${pick(['+', '-', '*', '/', '%', '^', '==', '!=', '>', '<', '>=', '<=', '> bool', '== bool'])} ${pick([S(), V()])}`,
  () => `${S()} ${pick(['+', '-', '*', '/', '> bool', '<= bool'])} ${V()}`,
  () => `m1 ${pick(['+', '*', '>', 'and', 'or', 'unless', '> bool'])} ${pick(['on (job, instance)', 'ignoring (instance)', 'on (instance)', ''])} m2`,
  () => `m1 ${pick(['+', '-', '>'])} on (job) group_left ${pick(['', '(instance)'])} sum by (job) (m2)`,
  () => `sum by (job) (m2) ${pick(['+', '/'])} on (job) group_right m1`,
  () => `${pick(['abs', 'ceil', 'floor', 'sqrt', 'log2', 'log10', 'sgn', 'timestamp', 'absent', 'sort', 'sort_desc'])}(${V()})`,
  () => `${pick(['clamp_min', 'clamp_max', 'round'])}(${V()}, ${pick(['2', '10', '0.5'])})`,
  () => `clamp(${V()}, ${pick(['-5', '0', '5'])}, ${pick(['10', '50', '3'])})`,
  () => `histogram_quantile(${pick(['0.1', '0.5', '0.9', '0.99'])}, ${pick(['h_bucket', 'rate(h_bucket[5m])', 'sum by (le) (h_bucket)'])})`,
  () => `label_replace(${V()}, "x", "$1-$2", "instance", "(.)(.*)")`,
  () => `label_join(${V()}, "x", "-", "job", "instance")`,
  () => `${pick(['minute', 'hour', 'day_of_week', 'day_of_month', 'days_in_month', 'month', 'year', 'day_of_year'])}(${pick(['', 'm1', 'vector(time() * 1000)'])})`,
  () => `absent_over_time(${R()})`,
  () => `${pick(['sum_over_time', 'max_over_time', 'rate', 'count_over_time'])}((${pick([V(), 'max by (job) (m1)', 'rate(c_total[2m])'])})[${pick(['5m', '10m'])}:${pick(['', '1m', '30s', '2m'])}]${pick(['', ' offset 1m', ' @ 1200'])})`,
  () => `scalar(${V()}) * ${pick(['2', 'time()'])}`,
  () => `vector(${S()}) ${pick(['+', 'or'])} ${pick(['vector(1)', V()])}`,
]

const yamlFloat = (v: number): string => (v === Infinity ? '.inf' : v === -Infinity ? '-.inf' : String(v))
const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`

it('agrees with promtool test rules on generated queries', () => {
  const lines = seriesLines()
  const storage = new Storage()
  for (const l of lines) {
    const {labels, values: vs} = splitSeriesLine(l)
    const s = storage.series(labels)
    vs.forEach((v, i) => v !== 'omit' && s.push(i * 60_000, v === 'stale' ? STALE : v))
  }
  const tests: string[] = []
  const failing = new Set<string>()
  for (let i = 0; i < 250; i++) {
    const expr = pick(GENERATORS)()
    const t = int(41) * 60_000 + pick([0, 0, 15_000, 30_000])
    if (hasTies(storage, expr, t)) continue
    const head = `      - expr: ${quote(expr)}\n        eval_time: ${t / 1000}s\n        exp_samples:`
    try {
      const res = instantQuery(storage, expr, t)
      const samples = res.type === 'scalar' ? [{metric: [], v: res.v}] : res.type === 'vector' ? res.samples : []
      // promtool compares with reflect.DeepEqual, where NaN never equals NaN.
      if (samples.some((s) => Number.isNaN(s.v))) continue
      const exp = samples.map((s) => `\n          - labels: ${quote(labelsString(s.metric))}\n            value: ${yamlFloat(s.v)}`).join('')
      tests.push(head + (exp || ' []'))
    } catch {
      failing.add(`${expr}@${t / 1000}`)
      tests.push(`${head} []`)
    }
  }
  const inputs = lines.map((l) => {
    const i = l.lastIndexOf('}')
    return `      - series: ${quote(l.slice(0, i + 1))}\n        values: ${quote(l.slice(i + 2))}`
  })
  const yml = `rule_files: []\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n${inputs.join('\n')}\n    promql_expr_test:\n${tests.join('\n')}\n`
  const dir = mkdtempSync(join(tmpdir(), 'spock-promql-'))
  let out = ''
  try {
    writeFileSync(join(dir, 't.yml'), yml)
    out = execFileSync('promtool', ['test', 'rules', join(dir, 't.yml')], {encoding: 'utf8', stdio: 'pipe'})
  } catch (err) {
    const e = err as {stdout?: string; stderr?: string}
    out = `${e.stdout ?? ''}${e.stderr ?? ''}`
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
  // promtool's failures: `expr: "<expr>", time: <t>, err: ...` for errors, exp/got lines for wrong results.
  const promErrors = new Set<string>()
  const wrong: string[] = []
  const blocks = out.split(/\n(?=\s+expr: )/)
  for (const b of blocks) {
    const m = /^\s+expr: ("(?:[^"\\]|\\.)*"), time: (\S+?),(.*)/s.exec(b)
    if (!m) continue
    const t = goDuration(m[2]!)
    const key = `${JSON.parse(m[1]!) as string}@${t}`
    if (/^\s*err:/.test(m[3]!)) promErrors.add(key)
    else wrong.push(b.trim())
  }
  expect(tests.length).toBeGreaterThan(200)
  expect(wrong).toEqual([])
  expect([...promErrors].sort()).toEqual([...failing].sort())
})

/** topk/bottomk over equal values: which sample wins depends on series order, random in promtool. */
function hasTies(storage: Storage, expr: string, t: number): boolean {
  const inner = /^(?:topk|bottomk)\(\d, (.*)\)$/.exec(expr)?.[1]
  if (inner === undefined) return false
  const v = instantQuery(storage, inner, t)
  if (v.type !== 'vector') return false
  return new Set(v.samples.map((s) => s.v)).size !== v.samples.length
}

/** Seconds of a Go duration string as promtool prints eval times (`1m30s`, `0s`). */
function goDuration(s: string): number {
  let total = 0
  for (const [, n, u] of s.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)) total += Number(n) * (u === 'h' ? 3600 : u === 'm' ? 60 : 1)
  return total
}
