// Building Problems from positioned nodes.
import type {Problem, Severity} from './problem.js'

export interface At {
  line: number
  column: number
}

interface ProblemExtras {
  hint?: string
  group?: string
  rule?: string
  endLine?: number
  endColumn?: number
}

export function problemAt(
  file: string,
  at: At | undefined,
  check: string,
  severity: Severity,
  message: string,
  extras: ProblemExtras = {},
): Problem {
  const p: Problem = {check, severity, file, line: at?.line ?? 0, column: at?.column ?? (at ? 1 : 0), message}
  if (extras.hint !== undefined) p.hint = extras.hint
  if (extras.group !== undefined) p.group = extras.group
  if (extras.rule !== undefined) p.rule = extras.rule
  if (extras.endLine !== undefined) p.endLine = extras.endLine
  if (extras.endColumn !== undefined) p.endColumn = extras.endColumn
  return p
}
