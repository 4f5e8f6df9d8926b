// {"files":[{path, ok, groups, rules, problems:[{check, severity, message, line, column, group, rule}]}], "summary":{...}}
import type {Problem} from '../../findings/problem.js'
import type {ProblemReport} from '../../findings/problem-report.js'

/** One finding in the machine form: group and rule are null (not absent) when the finding has none. */
export function problemJson(p: Problem) {
  return {
    check: p.check,
    severity: p.severity,
    message: p.message,
    line: p.line,
    column: p.column,
    group: p.group ?? null,
    rule: p.rule ?? null,
    ...(p.hint !== undefined ? {hint: p.hint} : {}),
  }
}

/** The machine form of a findings report (what -o json and -o yaml print). */
export function problemsJson(report: ProblemReport) {
  const files = report.files.map((f) => ({
    path: f.path,
    ok: f.ok,
    ...(f.groups !== undefined ? {groups: f.groups} : {}),
    ...(f.rules !== undefined ? {rules: f.rules} : {}),
    problems: f.problems.map(problemJson),
  }))
  const s = report.summary
  const summary = {files: s.files, ...(s.rules !== undefined ? {rules: s.rules} : {}), errors: s.errors, warnings: s.warnings}
  return {files, summary}
}

export type ProblemsJson = ReturnType<typeof problemsJson>
