// Pick the reporter for -o.
import {renderCheckstyle} from './checkstyle.js'
import {renderGithub} from './github.js'
import {renderJson} from './json.js'
import {renderJunit} from './junit.js'
import {renderSarif} from './sarif.js'
import {renderText} from './text.js'
import type {ProblemFormat, ProblemReport, ReporterOptions} from '../../findings/problem-report.js'

export type {ProblemFormat, ProblemReport, ReporterOptions} from '../../findings/problem-report.js'
export {PROBLEM_FORMATS} from '../../findings/problem-report.js'

export function renderProblems(report: ProblemReport, format: ProblemFormat, opts: ReporterOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(report, opts)
    case 'json':
      return renderJson(report, opts)
    case 'github':
      return renderGithub(report, opts)
    case 'sarif':
      return renderSarif(report, opts)
    case 'junit':
      return renderJunit(report, opts)
    case 'checkstyle':
      return renderCheckstyle(report, opts)
  }
}
