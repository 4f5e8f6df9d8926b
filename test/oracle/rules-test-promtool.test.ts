// Differential test of `spock rules test` against `promtool test rules` 2.42 on generated cases (random
// series, recording and alerting rules, eval times). For each case: a probe file expecting nothing (both
// tools must fail on the same items and report the same firing alerts, labels, annotations and samples),
// then a passing variant built from promtool's "got" and a failing variant with one expectation changed
// (both tools must give the same verdict). SPOCK_RULES_TEST_CASES sets the count (the full run: 500).
import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, expect, it} from 'vitest'
import {testFiles, type FileResult} from '../../src/rules-test/run.js'
import {type GeneratedCase, generateCase, testFileText} from '../support/generate-rules-tests.js'

const CASES = Number(process.env.SPOCK_RULES_TEST_CASES ?? 20)
const SEED = Number(process.env.SPOCK_RULES_TEST_SEED ?? 1000)
const dir = mkdtempSync(join(tmpdir(), 'spock-rules-test-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

type Pairs = Array<[string, string]>
interface Got {
  alerts: Map<string, string[]> // "alertname@ms" -> sorted alert texts
  exprs: Map<string, string[]> // "expr@ms" -> sorted sample texts
  ruleErrors: string[] // "rule@ms"
  ok: boolean
  raw: string
}

/** Runs promtool on many files at once (stderr merged in order) and splits its report per file. */
function promtool(files: string[]): Map<string, Got> {
  let out: string
  try {
    out = execFileSync('sh', ['-c', 'promtool test rules "$@" 2>&1', 'sh', ...files], {encoding: 'utf8', maxBuffer: 1 << 28})
  } catch (e) {
    out = (e as {stdout: string}).stdout
  }
  const byFile = new Map<string, Got>()
  for (const chunk of out.split(/^Unit Testing: {2}/m).slice(1)) {
    const file = chunk.slice(0, chunk.indexOf('\n'))
    byFile.set(file, parsePromtool(chunk))
  }
  return byFile
}

function parsePromtool(text: string): Got {
  const got: Got = {alerts: new Map(), exprs: new Map(), ruleErrors: [], ok: /^\s+SUCCESS$/m.test(text), raw: text}
  for (const block of text.split(/\n(?=\s+(?:alertname|expr|rule|name): )/)) {
    let m = /^\s+alertname: (\S+), time: (\S+), \n\s+exp:[\s\S]*?got:([\s\S]*)$/.exec(block)
    if (m) {
      const alerts = [...m[3]!.matchAll(/Labels:(\{.*\})\n\s*Annotations:(\{.*\})/g)].map((a) => alertText(parseLabels(a[1]!), parseLabels(a[2]!)))
      got.alerts.set(`${m[1]}@${goDuration(m[2]!)}`, alerts.sort())
      continue
    }
    m = /^\s+expr: ("(?:[^"\\]|\\.)*"), time: (\S+),\n\s+exp: .*\n\s+got: (.*)/.exec(block)
    if (m) {
      got.exprs.set(`${JSON.parse(m[1]!) as string}@${goDuration(m[2]!)}`, parseSamples(m[3]!).sort())
      continue
    }
    m = /^\s+expr: ("(?:[^"\\]|\\.)*"), time: (\S+), err: /.exec(block)
    if (m) {
      got.exprs.set(`${JSON.parse(m[1]!) as string}@${goDuration(m[2]!)}`, ['error'])
      continue
    }
    m = /^\s+rule: (\S+), time: (\S+), err: /.exec(block)
    if (m) got.ruleErrors.push(`${m[1]}@${goDuration(m[2]!)}`)
  }
  return got
}

function parseLabels(text: string): Pairs {
  return [...text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, JSON.parse(`"${m[2]}"`) as string])
}

function parseSamples(text: string): string[] {
  if (text.trim() === 'nil') return []
  return [...text.matchAll(/(\{(?:[^"}]|"(?:[^"\\]|\\.)*")*\}) (\S+?)(?:,|$)/g)].map((m) => sampleText(parseLabels(m[1]!), goFloat(m[2]!)))
}

const goFloat = (s: string): number => (s === '+Inf' ? Infinity : s === '-Inf' ? -Infinity : s === 'NaN' ? NaN : Number(s))
const alertText = (labels: Pairs, annotations: Pairs): string => JSON.stringify([labels, annotations])
const sampleText = (labels: Pairs, value: number): string => JSON.stringify([labels, String(value)])

/** Milliseconds of a Go duration (`1m30s`, `90s`, `0s`, `1h0m0s`). */
function goDuration(s: string): number {
  let total = 0
  for (const [, n, u] of s.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(n) * (u === 'h' ? 3_600_000 : u === 'm' ? 60_000 : u === 's' ? 1000 : 1)
  return total
}

/** spock's failures in the same shape. */
function spockGot(f: FileResult): Got {
  const got: Got = {alerts: new Map(), exprs: new Map(), ruleErrors: [], ok: f.invalid.length === 0 && f.tests.every((t) => t.ok), raw: ''}
  for (const t of f.tests) {
    for (const x of t.failures) {
      if (x.kind === 'alert') got.alerts.set(`${x.alertname}@${x.evalTime}`, x.got.map((a) => alertText(a.labels, a.annotations)).sort())
      else if (x.kind === 'expr') got.exprs.set(`${x.expr}@${x.evalTime}`, x.got.map((s) => sampleText(s.labels, s.value)).sort())
      else if (x.kind === 'expr-error') got.exprs.set(`${x.expr}@${x.evalTime}`, ['error'])
      else got.ruleErrors.push(`${x.rule}@${x.evalTime}`)
    }
  }
  return got
}

const ms = (d: string): number => goDuration(d)
const lbl = (p: Pairs): string => `{${p.map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(', ')}}`

/** The case with promtool's "got" as its expectations (undefined when a NaN makes that impossible). */
function passing(c: GeneratedCase, p: Got): GeneratedCase | undefined {
  const alertTests = c.alertTests.map((a) => {
    const got = p.alerts.get(`${a.alertname}@${ms(a.evalTime)}`) ?? []
    return {...a, alerts: got.map((g) => JSON.parse(g) as [Pairs, Pairs]).map(([l, an]) => ({labels: Object.fromEntries(l.filter(([n]) => n !== 'alertname')), annotations: Object.fromEntries(an)}))}
  })
  const exprTests = []
  for (const e of c.exprTests) {
    const got = p.exprs.get(`${e.expr}@${ms(e.evalTime)}`) ?? []
    if (got[0] === 'error') continue
    const samples = got.map((g) => JSON.parse(g) as [Pairs, string]).map(([l, v]) => ({labels: lbl(l), value: Number(v)}))
    if (samples.some((s) => Number.isNaN(s.value))) return undefined
    exprTests.push({...e, samples})
  }
  return {...c, alertTests, exprTests}
}

/** One expectation changed: a label value, an annotation, a sample value, or an alert dropped or added. */
function failing(c: GeneratedCase, seed: number): GeneratedCase {
  const out = structuredClone(c)
  const withAlerts = out.alertTests.filter((a) => a.alerts.length > 0)
  const k = seed % 4
  if (k === 0 && withAlerts.length > 0) withAlerts[seed % withAlerts.length]!.alerts[0]!.labels.severity = 'changed'
  else if (k === 1 && withAlerts.length > 0) withAlerts[seed % withAlerts.length]!.alerts[0]!.annotations.extra = 'x'
  else if (k === 2 && out.exprTests.some((e) => e.samples.length > 0)) out.exprTests.find((e) => e.samples.length > 0)!.samples[0]!.value += 1
  else if (out.alertTests.length > 0) {
    const a = out.alertTests[seed % out.alertTests.length]!
    if (a.alerts.length > 0) a.alerts.pop()
    else a.alerts.push({labels: {}, annotations: {}})
  } else out.exprTests.push({evalTime: '0m', expr: 'vector(1)', samples: []})
  return out
}

function write(c: GeneratedCase, variant: string): string {
  const rules = `${c.name}.rules.yml`
  writeFileSync(join(dir, rules), c.rules)
  const path = join(dir, `${c.name}.${variant}.yml`)
  writeFileSync(path, testFileText(c, rules))
  return path
}

it(`agrees with promtool test rules on ${CASES * 3} generated test files`, {timeout: 600_000}, async () => {
  const cases = Array.from({length: CASES}, (_, i) => generateCase(SEED + i))
  const probes = cases.map((c) => write(c, 'probe'))
  const fromPromtool = promtool(probes)
  const mismatches: string[] = []
  const spockProbes = await testFiles(probes)
  const variants: string[] = []
  cases.forEach((c, i) => {
    const p = fromPromtool.get(probes[i]!)
    if (!p) throw new Error(`promtool said nothing about ${probes[i]}`)
    const s = spockGot(spockProbes.files[i]!)
    const same = p.ok === s.ok && JSON.stringify([...p.alerts].sort()) === JSON.stringify([...s.alerts].sort()) && JSON.stringify([...p.exprs].sort()) === JSON.stringify([...s.exprs].sort()) && JSON.stringify(p.ruleErrors.sort()) === JSON.stringify(s.ruleErrors.sort())
    if (!same) mismatches.push(`${probes[i]}:\npromtool: ${JSON.stringify({ok: p.ok, alerts: [...p.alerts], exprs: [...p.exprs], errors: p.ruleErrors})}\nspock:    ${JSON.stringify({ok: s.ok, alerts: [...s.alerts], exprs: [...s.exprs], errors: s.ruleErrors})}`)
    const pass = p.ruleErrors.length === 0 ? passing(c, p) : undefined
    if (pass) variants.push(write(pass, 'pass'), write(failing(pass, SEED + i), 'fail'))
  })
  // The probes must exercise something: firing alerts with labels and annotations, samples, rule errors.
  const firing = [...fromPromtool.values()].flatMap((p) => [...p.alerts.values()]).filter((a) => a.length > 0).length
  const samples = [...fromPromtool.values()].flatMap((p) => [...p.exprs.values()]).filter((a) => a.length > 0).length
  const ruleErrors = [...fromPromtool.values()].filter((p) => p.ruleErrors.length > 0).length
  expect(firing).toBeGreaterThan(CASES / 2)
  expect(samples).toBeGreaterThan(CASES / 2)
  const promVariants = promtool(variants)
  const spockVariants = await testFiles(variants)
  variants.forEach((v, i) => {
    const p = promVariants.get(v)!
    const s = spockGot(spockVariants.files[i]!)
    if (p.ok !== s.ok) mismatches.push(`${v}: promtool ${p.ok ? 'passes' : 'fails'}, spock ${s.ok ? 'passes' : 'fails'}\n${p.raw}`)
    if (v.endsWith('.pass.yml') && !p.ok) mismatches.push(`${v}: promtool fails its own expectations\n${p.raw}`)
  })
  console.log(`rules test differential: ${probes.length} probes (${firing} alert checks with firing alerts, ${samples} with samples, ${ruleErrors} with rule errors), ${variants.length} variants, ${mismatches.length} mismatches`)
  expect(mismatches.slice(0, 5)).toEqual([])
  expect(variants.length).toBeGreaterThan(CASES)
})
