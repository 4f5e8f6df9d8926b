// `rules test`: promtool's unit-test files run with every failure of every file collected, plus coverage of
// the rules they load.
import {readFileSafe} from '../files/read.js'
import {decodeYamlBytes} from '../yaml/utf8.js'
import {compileRe2} from '../model/regex.js'
import {parseWithYamlPackage} from '../yaml/from-yaml.js'
import type {Problem} from '../findings/problem.js'
import {type CoverageEntry, coverage} from './coverage.js'
import {loadRules} from './load.js'
import {type Failure, runTestGroup} from './run-group.js'
import type {Expander, RuleGroup} from './rules.js'
import {type At, decodeTestFile} from './schema.js'
import {ruleExpander} from './template.js'

export type {Failure, AlertView, SampleView} from './run-group.js'
export type {CoverageEntry} from './coverage.js'

interface TestResult {
  /** The test group's name ('' when it has none). */
  name: string
  at: At
  ok: boolean
  failures: Failure[]
}

export interface FileResult {
  path: string
  /** Why the test file (or a rule file it loads) is invalid; its tests did not run. */
  invalid: Problem[]
  tests: TestResult[]
  /** Test groups --run left out. */
  skipped: number
  warnings: string[]
  /** Rule files loaded (for coverage). */
  ruleFiles: string[]
  groups: RuleGroup[]
  asserted: {alerts: Set<string>; exprs: string[]}
}

interface Summary {
  files: number
  invalid: number
  tests: number
  passed: number
  failed: number
  skipped: number
}

export interface TestReport {
  files: FileResult[]
  summary: Summary
  coverage?: {rules: CoverageEntry[]; covered: number; total: number; percent: number}
}

interface TestOptions {
  /** Run only test groups whose name matches (Go RE2, unanchored), as promtool's --run. */
  run?: string
  expand?: Expander
  coverage?: boolean
}

export async function testFiles(paths: readonly string[], opts: TestOptions = {}): Promise<TestReport> {
  const runRe = opts.run === undefined ? undefined : compileRe2(opts.run)
  const cache = new Map()
  const files: FileResult[] = []
  for (const path of paths) files.push(await testFile(path, {...opts, match: runRe ? (name) => runRe.matcher(name).find() : undefined}, cache))
  const summary: Summary = {files: files.length, invalid: 0, tests: 0, passed: 0, failed: 0, skipped: 0}
  for (const f of files) {
    if (f.invalid.length > 0) summary.invalid++
    summary.tests += f.tests.length
    summary.passed += f.tests.filter((t) => t.ok).length
    summary.failed += f.tests.filter((t) => !t.ok).length
    summary.skipped += f.skipped
  }
  const report: TestReport = {files, summary}
  if (opts.coverage) report.coverage = coverage(files)
  return report
}

type FileOptions = TestOptions & {match?: (name: string) => boolean}

async function testFile(path: string, opts: FileOptions, cache: Parameters<typeof loadRules>[2]): Promise<FileResult> {
  const result: FileResult = {path, invalid: [], tests: [], skipped: 0, warnings: [], ruleFiles: [], groups: [], asserted: {alerts: new Set(), exprs: []}}
  const bad = (at: At, message: string, check = 'rules-test/file'): void => {
    result.invalid.push({check, severity: 'error', file: path, line: at.line, column: at.column, message})
  }
  let text: string
  try {
    text = decodeYamlBytes(await readFileSafe(path))
  } catch (e) {
    bad({line: 0, column: 0}, e instanceof Error ? e.message : String(e), 'input/read')
    return result
  }
  const yaml = parseWithYamlPackage(text)
  const syntax = yaml.errors.find((e) => e.code !== 'DUPLICATE_KEY') ?? yaml.errors[0]
  if (syntax) {
    bad(syntax, `YAML: ${syntax.message}`, 'yaml/parse')
    return result
  }
  const {file, issues} = decodeTestFile(yaml.root)
  for (const i of issues) bad(i, i.message)
  if (issues.length > 0) return result

  const order = new Map<string, number>()
  file.groupEvalOrder.forEach((name, i) => {
    if (order.has(name)) bad({line: 0, column: 0}, `group name repeated in evaluation order: ${name}`)
    order.set(name, i)
  })
  if (result.invalid.length > 0) return result
  const rules = await loadRules(path, file.ruleFiles.map((r) => r.pattern), cache)
  result.ruleFiles = rules.files
  result.groups = rules.groups
  for (const u of rules.unmatched) result.warnings.push(`no file match pattern ${u}`)
  // promtool loads the rule files for each test group: a file without tests never reads them.
  if (rules.errors.length > 0 && file.tests.length > 0) {
    result.invalid.push(...rules.errors)
    return result
  }
  for (const tg of file.tests) {
    for (const a of tg.alertTests) result.asserted.alerts.add(a.alertname)
    for (const e of tg.exprTests) result.asserted.exprs.push(e.expr)
    if (opts.match && !opts.match(tg.name)) {
      result.skipped++
      continue
    }
    const out = runTestGroup(tg, rules.groups, {evaluationInterval: file.evaluationInterval, groupOrder: order, expand: opts.expand ?? ruleExpander})
    if (out.invalid) bad(out.invalid.at, tg.name ? `test "${tg.name}": ${out.invalid.message}` : out.invalid.message)
    result.tests.push({name: tg.name, at: tg.at, ok: out.failures.length === 0 && !out.invalid, failures: out.failures})
  }
  return result
}
