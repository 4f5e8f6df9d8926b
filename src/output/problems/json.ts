// {"files":[{path, ok, groups, rules, problems:[{check, severity, message, line, column, group, rule}]}], "summary":{...}}
import type {ProblemReport} from '../../findings/problem-report.js'

/** The machine form of a findings report (what -o json and -o yaml print). */
export function problemsJson(report: ProblemReport) {
  const files = report.files.map((f) => ({
    path: f.path,
    ok: f.ok,
    ...(f.groups !== undefined ? {groups: f.groups} : {}),
    ...(f.rules !== undefined ? {rules: f.rules} : {}),
    problems: f.problems.map((p) => ({
      check: p.check,
      severity: p.severity,
      message: p.message,
      line: p.line,
      column: p.column,
      group: p.group ?? null,
      rule: p.rule ?? null,
      ...(p.hint !== undefined ? {hint: p.hint} : {}),
    })),
  }))
  const s = report.summary
  const summary = {files: s.files, ...(s.rules !== undefined ? {rules: s.rules} : {}), errors: s.errors, warnings: s.warnings}
  return {files, summary}
}

export type ProblemsJson = ReturnType<typeof problemsJson>
