// Checkstyle XML (as pint -c and many CI tools read it).
import type {ProblemReport, ReporterOptions} from '../../findings/problem-report.js'
import {xmlEscape} from './xml.js'

export function renderCheckstyle(report: ProblemReport, _opts: ReporterOptions = {}): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">']
  for (const file of report.files) {
    out.push(`  <file name="${xmlEscape(file.path)}">`)
    for (const p of file.problems) {
      const message = p.hint ? `${p.message} (${p.hint})` : p.message
      out.push(
        `    <error line="${p.line}" column="${p.column}" severity="${p.severity}" message="${xmlEscape(message)}" source="${xmlEscape(p.check)}"/>`,
      )
    }
    out.push('  </file>')
  }
  out.push('</checkstyle>')
  return out.join('\n')
}
