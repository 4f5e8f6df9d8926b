// `file:line:col: error: message [check-id]`, grouped by file, then one summary line.
import {palette} from '../color.js'
import type {ProblemReport, ReporterOptions} from '../../findings/problem-report.js'

export function renderText(report: ProblemReport, opts: ReporterOptions = {}): string {
  const c = palette(opts.color ?? false)
  const blocks: string[] = []
  for (const file of report.files) {
    if (file.problems.length === 0) continue
    const lines = file.problems.map((p) => {
      const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file
      const sev = p.severity === 'error' ? c.red('error') : p.severity === 'warning' ? c.yellow('warning') : c.blue('info')
      const head = `${c.bold(where)}: ${sev}: ${p.message} ${c.dim(`[${p.check}]`)}`
      return opts.hints !== false && p.hint ? `${head}\n  ${c.dim(`hint: ${p.hint}`)}` : head
    })
    blocks.push(lines.join('\n'))
  }
  const {files, errors, warnings, rules} = report.summary
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
  const scope = `${plural(files, 'file')}${rules !== undefined ? `, ${plural(rules, 'rule')}` : ''}`
  const verdict = errors > 0 ? c.red(counts) : warnings > 0 ? c.yellow(counts) : c.green(counts)
  blocks.push(`${scope} checked: ${verdict}`)
  return blocks.join('\n\n')
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
