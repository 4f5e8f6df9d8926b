// A test report as findings (one problem per failure or invalid file), for the CI formats the findings
// reporters write: junit, github, sarif, checkstyle.
import type {Problem} from '../findings/problem.js'
import type {ProblemReport} from '../findings/problem-report.js'
import {diffLines, headline} from './diff.js'
import type {TestReport} from './run.js'

const TEST_FAILED = 'rules-test/failed'

export function testProblems(report: TestReport): ProblemReport {
  let errors = 0
  const files = report.files.map((f) => {
    const problems: Problem[] = [...f.invalid]
    for (const t of f.tests) {
      for (const fail of t.failures) {
        const diff = diffLines(fail).map((l) => `${l.sign} ${l.text}`)
        const name = t.name ? `test "${t.name}"` : `test at line ${t.at.line}`
        const p: Problem = {check: TEST_FAILED, severity: 'error', file: f.path, line: fail.at.line, column: fail.at.column, message: `${name}: ${headline(fail)}`}
        if (diff.length > 0) p.hint = diff.join('\n')
        problems.push(p)
      }
    }
    errors += problems.length
    return {path: f.path, ok: problems.length === 0, problems}
  })
  return {files, summary: {files: files.length, errors, warnings: 0}}
}
