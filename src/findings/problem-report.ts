// The report every problems reporter takes: rule files (`rules check`) or configs (`config check`).
import type {Problem} from './problem.js'

interface ReportFile {
  path: string
  ok: boolean
  problems: readonly Problem[]
  groups?: number
  rules?: number
  errors?: number
  warnings?: number
}

export interface ProblemReport {
  files: readonly ReportFile[]
  summary: {files: number; rules?: number; errors: number; warnings: number}
}

export interface ReporterOptions {
  color?: boolean // table only
  hints?: boolean // table only: print each problem's hint under it (default true)
  tool?: {name: string; version: string; uri?: string} // sarif driver
  checks?: readonly {id: string; summary: string}[] // sarif rule descriptions
  cwd?: string // sarif/github: paths are made relative to it when they are inside
}

/** `table` is the human format (file:line:col lines), as every command calls it; `text` is its alias. */
export type ProblemFormat = 'table' | 'json' | 'yaml' | 'github' | 'sarif' | 'junit' | 'checkstyle'
export const PROBLEM_FORMATS: readonly ProblemFormat[] = ['table', 'json', 'yaml', 'github', 'sarif', 'junit', 'checkstyle']
