// What a lint run returns; shared with `config check` (any file kind with problems).
import {plainSystemText} from '../errors.js'
import type {Problem} from './problem.js'
import {countBySeverity} from './problem.js'
import {withoutDisabled} from '../findings/disable.js'

export interface FileReport {
  path: string
  ok: boolean // false exactly when the file has an error-severity problem
  groups: number
  rules: number
  errors: number
  warnings: number
  problems: Problem[]
}

interface ReportSummary {
  files: number
  rules: number
  errors: number
  warnings: number
}

export interface LintReport {
  files: FileReport[]
  summary: ReportSummary
}

type FailOn = 'error' | 'warning'

export function fileReport(path: string, problems: Problem[], counts: {groups: number; rules: number}): FileReport {
  const c = countBySeverity(problems)
  for (const p of problems) {
    // Node's error codes (ENOENT...) in words, wherever a check quoted an error.
    if (/\bE[A-Z]{3}/.test(p.message)) p.message = plainSystemText(p.message)
  }
  return {path, ok: c.error === 0, groups: counts.groups, rules: counts.rules, errors: c.error, warnings: c.warning, problems}
}

/** The report without the problems of disabled checks (counts and ok recomputed). */
export function dropDisabled(report: FileReport, disabled: ReadonlySet<string> | undefined): FileReport {
  if (!disabled?.size) return report
  return fileReport(report.path, withoutDisabled(report.problems, disabled), {groups: report.groups, rules: report.rules})
}

export function summarize(files: FileReport[]): LintReport {
  const summary: ReportSummary = {files: files.length, rules: 0, errors: 0, warnings: 0}
  for (const f of files) {
    summary.rules += f.rules
    summary.errors += f.errors
    summary.warnings += f.warnings
  }
  return {files, summary}
}

/** 0 when nothing at or above `failOn`; 1 otherwise (promtool: any rejected file -> 1). */
export function reportExitCode(report: {summary: {errors: number; warnings: number}}, failOn: FailOn = 'error'): 0 | 1 {
  const {errors, warnings} = report.summary
  return errors > 0 || (failOn === 'warning' && warnings > 0) ? 1 : 0
}

