// Findings (rules check, config check) as a view of the one renderer (src/output/render.ts).
import {render, type RenderOptions, type View} from '../render.js'
import {renderCheckstyle} from './checkstyle.js'
import {renderGithub} from './github.js'
import {problemsJson, type ProblemsJson} from './json.js'
import {renderJunit} from './junit.js'
import {renderSarif} from './sarif.js'
import {renderText} from './text.js'
import type {ProblemFormat, ProblemReport, ReporterOptions} from '../../findings/problem-report.js'

export type {ProblemFormat, ProblemReport, ReporterOptions} from '../../findings/problem-report.js'
export type {ProblemsJson} from './json.js'
export {PROBLEM_FORMATS} from '../../findings/problem-report.js'

/** table: file:line:col lines; json/yaml: the documented machine form; plus github, sarif, junit, checkstyle. */
export function findingsView(opts: Omit<ReporterOptions, 'color'> = {}): View<ProblemReport, never, ProblemsJson> {
  const withColor = (ro: RenderOptions): ReporterOptions => ({...opts, color: ro.color})
  return {
    text: (report, ro) => renderText(report, withColor(ro)),
    data: problemsJson,
    formats: {
      github: (report, ro) => renderGithub(report, withColor(ro)),
      sarif: (report, ro) => renderSarif(report, withColor(ro)),
      junit: (report, ro) => renderJunit(report, withColor(ro)),
      checkstyle: (report, ro) => renderCheckstyle(report, withColor(ro)),
    },
  }
}

/** One report in one format, as text (`text` is accepted for `table`). */
export function renderProblems(report: ProblemReport, format: ProblemFormat | 'text', opts: ReporterOptions = {}): string {
  const f = format === 'text' ? 'table' : format
  return render(report, findingsView(opts), f, {color: opts.color ?? false, tty: false})
}
