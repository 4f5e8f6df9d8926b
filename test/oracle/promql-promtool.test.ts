// Differential test: checkPromQL(expr, {version: '2.42'}) must reject exactly the expressions
// that the real `promtool check rules` (Prometheus 2.42) rejects.
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {parseAllDocuments} from 'yaml'
import {checkPromQL} from '../../src/promql/syntax/check.js'
import {mutatePromQL, mutatedPromQL, samplePromQL, tokenSoupPromQL} from '../support/promql-sample.js'
import {CORPUS as SHARED_CORPUS} from '../support/corpus.js'

const run = promisify(execFile)
const CORPUS = join(SHARED_CORPUS, 'rules')
const RULES_PER_FILE = 1000
const dir = mkdtempSync(join(tmpdir(), 'spock-promql-oracle-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

/** Writes the expressions as recording rules r_<i> and returns promtool's error per index. */
async function promtoolVerdicts(name: string, exprs: string[]): Promise<Map<number, string>> {
  const files: string[] = []
  for (let start = 0; start < exprs.length; start += RULES_PER_FILE) {
    let yaml = `groups:\n- name: ${name}-${start}\n  rules:\n`
    exprs.slice(start, start + RULES_PER_FILE).forEach((expr, k) => {
      yaml += `  - record: r_${start + k}\n    expr: ${JSON.stringify(expr)}\n`
    })
    const file = join(dir, `${name}-${start}.yml`)
    writeFileSync(file, yaml)
    files.push(file)
  }
  let output: string
  try {
    const res = await run('promtool', ['check', 'rules', ...files], {maxBuffer: 64 * 1024 * 1024})
    output = res.stdout + res.stderr
  } catch (error) {
    const e = error as {stdout?: string; stderr?: string; code?: number}
    if (e.code !== 1) throw error
    output = `${e.stdout ?? ''}${e.stderr ?? ''}`
  }
  const verdicts = new Map<number, string>()
  for (const line of output.split('\n')) {
    // <file>: L:C: group "g", rule N, "r_<i>": could not parse expression: <error>
    const m = /, "r_(\d+)": (.*)$/.exec(line)
    if (m) verdicts.set(Number(m[1]), m[2] as string)
  }
  return verdicts
}

interface Disagreement {
  expr: string
  promtool: string
  spock: string
}

async function compare(name: string, exprs: string[]): Promise<{disagreements: Disagreement[]; rejected: number}> {
  const verdicts = await promtoolVerdicts(name, exprs)
  const disagreements: Disagreement[] = []
  exprs.forEach((expr, i) => {
    const issues = checkPromQL(expr, {version: '2.42'}).filter((x) => x.severity === 'error')
    const theirs = verdicts.get(i)
    if ((issues.length > 0) !== (theirs !== undefined)) {
      disagreements.push({expr, promtool: theirs ?? 'OK', spock: issues.map((x) => x.message).join('; ') || 'OK'})
    }
  })
  return {disagreements, rejected: verdicts.size}
}

function corpusExprs(): string[] {
  const exprs: string[] = []
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f)
      if (statSync(p).isDirectory()) walk(p)
      else if (!f.endsWith('.tsv')) collect(p)
    }
  }
  const collect = (file: string): void => {
    let docs
    try {
      docs = parseAllDocuments(readFileSync(file, 'utf8'))
    } catch {
      return
    }
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      if (doc.errors.length > 0) continue
      const value = doc.toJS() as {groups?: Array<{rules?: Array<{expr?: unknown}>}>} | null
      for (const group of value?.groups ?? []) {
        for (const rule of group?.rules ?? []) {
          const expr = rule?.expr
          // An empty expr is a rule-level error ("field 'expr' must be set"), not PromQL.
          if ((typeof expr === 'string' && expr.trim() !== '') || typeof expr === 'number') exprs.push(String(expr))
        }
      }
    }
  }
  walk(CORPUS)
  return exprs
}

describe('checkPromQL agrees with promtool check rules 2.42', () => {
  const corpus = corpusExprs()

  it('on 3,000 generated expressions, ~25% with injected faults', async () => {
    // Given a seeded mix of valid and broken expressions
    const samples = samplePromQL(3000, 20261122, 0.25)
    // When both judge them
    const {disagreements, rejected} = await compare('gen', samples.map((s) => s.expr))
    // Then every verdict agrees, and the faults really were faults
    expect(disagreements).toEqual([])
    expect(rejected).toBeGreaterThan(samples.filter((s) => s.fault).length * 0.8)
    expect(rejected).toBeLessThan(samples.length * 0.5)
  })

  it('on 3,000 random token sequences (syntax corners)', async () => {
    const exprs = tokenSoupPromQL(3000, 7)
    const {disagreements, rejected} = await compare('soup', exprs)
    expect(disagreements).toEqual([])
    // Mostly invalid, but not only: both verdicts must be exercised
    expect(rejected).toBeGreaterThan(exprs.length * 0.6)
    expect(rejected).toBeLessThan(exprs.length * 0.97)
  })

  it('on 3,000 randomly edited valid expressions', async () => {
    const exprs = mutatedPromQL(3000, 11)
    const {disagreements, rejected} = await compare('mutant', exprs)
    expect(disagreements).toEqual([])
    expect(rejected).toBeGreaterThan(exprs.length * 0.3)
    expect(rejected).toBeLessThan(exprs.length * 0.95)
  })

  it('on every expr of the real-world rule corpus', async () => {
    const {disagreements, rejected} = await compare('corpus', corpus)
    expect(corpus.length).toBeGreaterThan(2000)
    expect(disagreements).toEqual([])
    expect(rejected).toBeGreaterThan(0)
  })

  it('on every corpus expr after random edits', async () => {
    const exprs = mutatePromQL(corpus, 5)
    const {disagreements, rejected} = await compare('corpus-mutant', exprs)
    expect(disagreements).toEqual([])
    expect(rejected).toBeGreaterThan(exprs.length * 0.3)
    expect(rejected).toBeLessThan(exprs.length * 0.95)
  })
})
