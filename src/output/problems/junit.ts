// JUnit XML: one testsuite per file, one testcase per problem (or one passing case for a clean file).
import type {ProblemReport, ReporterOptions} from '../../findings/problem-report.js'
import {xmlEscape} from './xml.js'

export function renderJunit(report: ProblemReport, _opts: ReporterOptions = {}): string {
  const s = report.summary
  const tests = report.files.reduce((n, f) => n + Math.max(1, f.problems.length), 0)
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="spock" tests="${tests}" failures="${s.errors + s.warnings}" errors="0">`,
  ]
  for (const file of report.files) {
    const failures = file.problems.filter((p) => p.severity !== 'info').length
    const name = xmlEscape(file.path)
    out.push(`  <testsuite name="${name}" tests="${Math.max(1, file.problems.length)}" failures="${failures}" errors="0">`)
    if (file.problems.length === 0) out.push(`    <testcase name="${name}" classname="${name}"/>`)
    for (const p of file.problems) {
      const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file
      const title = xmlEscape(`${p.check} ${where}`)
      out.push(`    <testcase name="${title}" classname="${name}">`)
      const body = xmlEscape(`${where}: ${p.severity}: ${p.message}${p.hint ? `\nhint: ${p.hint}` : ''}`)
      if (p.severity === 'info') out.push(`      <system-out>${body}</system-out>`)
      else out.push(`      <failure message="${xmlEscape(p.message)}" type="${p.severity}">${body}</failure>`)
      out.push('    </testcase>')
    }
    out.push('  </testsuite>')
  }
  out.push('</testsuites>')
  return out.join('\n')
}
