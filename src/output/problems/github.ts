// GitHub Actions workflow commands: ::error file=F,line=L,col=C,title=ID::message
// Escaping as @actions/core does: data escapes % \r \n; properties also escape : and ,.
import {relativeTo} from './paths.js'
import type {ProblemReport, ReporterOptions} from '../../findings/problem-report.js'

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

export function renderGithub(report: ProblemReport, opts: ReporterOptions = {}): string {
  const out: string[] = []
  for (const file of report.files) {
    for (const p of file.problems) {
      const cmd = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice'
      const props = [`file=${escapeProperty(relativeTo(p.file, opts.cwd))}`]
      if (p.line > 0) props.push(`line=${p.line}`, `col=${p.column}`)
      if (p.endLine !== undefined && p.endLine > 0) props.push(`endLine=${p.endLine}`)
      if (p.endColumn !== undefined && p.endLine === p.line) props.push(`endColumn=${p.endColumn}`)
      props.push(`title=${escapeProperty(p.check)}`)
      const message = p.hint ? `${p.message} (${p.hint})` : p.message
      out.push(`::${cmd} ${props.join(',')}::${escapeData(message)}`)
    }
  }
  return out.join('\n')
}
