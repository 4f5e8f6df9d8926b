// A finding in a checked file (rule file, alertmanager.yml, prometheus.yml).

export type Severity = 'error' | 'warning' | 'info'

export interface Problem {
  check: string // 'area/name', e.g. 'promql/syntax'; also the disable key
  severity: Severity
  file: string
  line: number // 1-based; 0 when the problem concerns the whole file
  column: number // 1-based
  endLine?: number
  endColumn?: number
  message: string // what is wrong, one sentence
  hint?: string // what to do
  group?: string
  rule?: string // alert or record name
}

const ORDER: Record<Severity, number> = {error: 0, warning: 1, info: 2}

function compareProblems(a: Problem, b: Problem): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    ORDER[a.severity] - ORDER[b.severity] ||
    a.check.localeCompare(b.check) ||
    a.message.localeCompare(b.message)
  )
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>()
  const out: Problem[] = []
  for (const p of [...problems].sort(compareProblems)) {
    const key = `${p.file}\0${p.line}\0${p.column}\0${p.check}\0${p.message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(p)
  }
  return out
}

export function countBySeverity(problems: readonly Problem[]): Record<Severity, number> {
  const counts: Record<Severity, number> = {error: 0, warning: 0, info: 0}
  for (const p of problems) counts[p.severity]++
  return counts
}
