// The rule files a test file names: globs resolved against the test file's directory (Go's filepath.Glob),
// each file read and checked as Prometheus loads it, its groups compiled for evaluation.
import {dirname, isAbsolute, join} from 'node:path'
import {expandGlob} from '../files/glob.js'
import type {Problem} from '../findings/problem.js'
import {loadRuleFile as loadChecked, type RuleFile} from '../lint/run.js'
import {parseExpr} from '../promql/index.js'
import type {Rule, RuleGroup} from './rules.js'

interface LoadedRules {
  groups: RuleGroup[]
  /** Paths the patterns matched, in order. */
  files: string[]
  /** Patterns that matched nothing (promtool warns and goes on). */
  unmatched: string[]
  /** Why Prometheus would refuse a rule file (the test file then fails). */
  errors: Problem[]
}

/** Resolves and loads; `cache` keeps each rule file's result for the run (many test files share rule files). */
export async function loadRules(testFile: string, patterns: readonly string[], cache: Map<string, Promise<{groups: RuleGroup[]; errors: Problem[]}>>): Promise<LoadedRules> {
  const base = dirname(testFile)
  const out: LoadedRules = {groups: [], files: [], unmatched: [], errors: []}
  for (const p of patterns) {
    const pattern = p !== '' && !isAbsolute(p) ? join(base, p) : p
    const matches = pattern === '' ? [] : expandGlob(pattern).map((m) => m.path)
    if (matches.length === 0) out.unmatched.push(pattern)
    out.files.push(...matches)
  }
  for (const f of out.files) {
    let loaded = cache.get(f)
    if (!loaded) {
      loaded = loadRuleFile(f)
      cache.set(f, loaded)
    }
    const {groups, errors} = await loaded
    out.errors.push(...errors)
    out.groups.push(...groups)
  }
  return out
}

async function loadRuleFile(path: string): Promise<{groups: RuleGroup[]; errors: Problem[]}> {
  const {file, errors} = await loadChecked(path)
  if (!file) return {groups: [], errors}
  try {
    return {groups: compile(file, path), errors: []}
  } catch (e) {
    return {groups: [], errors: [{check: 'promql/syntax', severity: 'error', file: path, line: 1, column: 1, message: e instanceof Error ? e.message : String(e)}]}
  }
}

function compile(file: RuleFile, path: string): RuleGroup[] {
  return file.groups.map((g) => {
    const limitNode = g.node.kind === 'map' ? g.node.pairs.find((p) => p.key.value === 'limit')?.value : undefined
    const limit = limitNode?.kind === 'scalar' ? Number(limitNode.value) || 0 : 0
    const rules = g.rules.map((r): Rule => {
      const expr = parseExpr(r.exprText)
      const labels = r.labels.map((e): [string, string] => [e.key.value, e.value.value])
      if (r.alertText !== '') {
        const annotations = r.annotations.map((e): [string, string] => [e.key.value, e.value.value]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        return {kind: 'alert', name: r.alertText, expr, forMs: r.forMs, keepFiringForMs: r.keepFiringForMs, labels, annotations}
      }
      return {kind: 'record', name: r.recordText, expr, labels}
    })
    return {file: path, name: g.name, limit, rules}
  })
}
