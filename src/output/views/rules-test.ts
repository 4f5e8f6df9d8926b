// `rules test` results: failures with expected/got diffs and a summary (table), the documented machine form
// (json, yaml), and the findings formats for CI (junit, github, sarif, checkstyle).
import type {TestReport} from '../../rules-test/run.js'
import {diffLines, headline} from '../../rules-test/diff.js'
import {testProblems} from '../../rules-test/problems.js'
import {palette} from '../color.js'
import type {RenderOptions, View} from '../render.js'
import {renderCheckstyle} from '../problems/checkstyle.js'
import {renderGithub} from '../problems/github.js'
import {renderJunit} from '../problems/junit.js'
import {renderSarif} from '../problems/sarif.js'
import type {ReporterOptions} from '../problems/render.js'

export function rulesTestView(opts: Omit<ReporterOptions, 'color'> = {}): View<TestReport, never, ReturnType<typeof testJson>> {
  const ci = (f: typeof renderGithub) => (r: TestReport, ro: RenderOptions) => f(testProblems(r), {...opts, color: ro.color})
  return {
    text: renderTestText,
    data: testJson,
    formats: {github: ci(renderGithub), sarif: ci(renderSarif), junit: ci(renderJunit), checkstyle: ci(renderCheckstyle)},
  }
}

function renderTestText(report: TestReport, ro: RenderOptions): string {
  const c = palette(ro.color)
  const blocks: string[] = []
  for (const f of report.files) {
    for (const p of f.invalid) {
      const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file
      blocks.push(`${c.bold(where)}: ${c.red('invalid')}: ${p.message}`)
    }
    for (const t of f.tests) {
      for (const fail of t.failures) {
        const name = t.name ? `test ${JSON.stringify(t.name)}` : 'test'
        const lines = [`${c.bold(`${f.path}:${fail.at.line}`)}: ${c.red('FAIL')} ${name}: ${headline(fail)}`]
        for (const d of diffLines(fail)) {
          const text = `  ${d.sign} ${d.text}`
          lines.push(d.sign === '-' ? c.red(text) : d.sign === '+' ? c.green(text) : c.dim(text))
        }
        blocks.push(lines.join('\n'))
      }
    }
  }
  if (report.files.some((f) => f.tests.some((t) => t.failures.some((x) => x.kind === 'alert' || x.kind === 'expr')))) {
    blocks.push(c.dim(`(${c.red('- expected')}, ${c.green('+ got')}; labels sorted, only differences shown)`))
  }
  if (report.coverage) blocks.push(renderCoverage(report, ro))
  blocks.push(summaryLine(report, ro))
  return blocks.join('\n\n')
}

function renderCoverage(report: TestReport, ro: RenderOptions): string {
  const c = palette(ro.color)
  const cov = report.coverage!
  const lines = ['Coverage:']
  for (const r of cov.rules) {
    const mark = r.covered ? c.green('covered    ') : c.yellow('not covered')
    lines.push(`  ${mark}  ${r.kind === 'alert' ? 'alert ' : 'record'}  ${r.name}  ${c.dim(`${r.file} (group ${r.group})${r.by ? `, by ${r.by}` : ''}`)}`)
  }
  lines.push(`${cov.covered} of ${cov.total} rules asserted by a test (${cov.percent}%)`)
  return lines.join('\n')
}

function summaryLine(report: TestReport, ro: RenderOptions): string {
  const c = palette(ro.color)
  const s = report.summary
  const parts = [`${s.passed} passed`, `${s.failed} failed`]
  if (s.skipped > 0) parts.push(`${s.skipped} skipped`)
  if (s.invalid > 0) parts.push(`${s.invalid} invalid ${s.invalid === 1 ? 'file' : 'files'}`)
  const text = `${s.files} test ${s.files === 1 ? 'file' : 'files'}, ${s.tests} ${s.tests === 1 ? 'test' : 'tests'}: ${parts.join(', ')}`
  return s.failed > 0 || s.invalid > 0 ? c.red(text) : c.green(text)
}

/** The machine form: per file its tests and failures (evalTime in seconds, lines 1-based), plus coverage. */
export function testJson(report: TestReport) {
  return {
    files: report.files.map((f) => ({
      path: f.path,
      ok: f.invalid.length === 0 && f.tests.every((t) => t.ok),
      invalid: f.invalid.map((p) => ({message: p.message, file: p.file, line: p.line, column: p.column})),
      warnings: f.warnings,
      skipped: f.skipped,
      tests: f.tests.map((t) => ({
        name: t.name,
        line: t.at.line,
        ok: t.ok,
        failures: t.failures.map((fail) => ({
          ...withoutAt(fail),
          line: fail.at.line,
          evalTime: fail.evalTime / 1000,
          message: headline(fail),
          ...('expected' in fail ? {expected: fail.expected.map(plainItem), got: fail.got.map(plainItem)} : {}),
        })),
      })),
    })),
    summary: report.summary,
    ...(report.coverage ? {coverage: report.coverage} : {}),
  }
}

function plainItem(x: {labels: Array<[string, string]>; annotations?: Array<[string, string]>; value?: number}) {
  const out: Record<string, unknown> = {labels: Object.fromEntries(x.labels)}
  if (x.annotations) out.annotations = Object.fromEntries(x.annotations)
  if (x.value !== undefined) out.value = Number.isFinite(x.value) ? x.value : String(x.value)
  return out
}

function withoutAt<T extends {at: unknown}>(x: T): Omit<T, 'at'> {
  const {at: _at, ...rest} = x
  return rest
}
