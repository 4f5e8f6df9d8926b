// PromQL parse and type errors, positioned inside the expression.
import {cachedPromQL} from '../engines.js'
import type {Check} from '../check.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'
import {ruleName} from '../rule-file.js'
import {positionInScalar} from '../../yaml/scalar-position.js'
import {promqlHint} from './promql-hints.js'

export const promqlSyntax: Check = {
  id: 'promql/syntax',
  run({path, source, file, version, cache}) {
    const out: Problem[] = []
    for (const g of file.groups) {
      for (const r of g.rules) {
        if (r.exprText === '' || !r.expr) continue
        const issues = cachedPromQL(cache, r.exprText, version)
        for (const issue of issues) {
          const at = positionInScalar(source, r.expr, issue.from)
          const end = positionInScalar(source, r.expr, issue.to)
          out.push(
            problemAt(path, at, this.id, issue.severity, `PromQL: ${issue.message}`, {
              group: g.name,
              rule: ruleName(r),
              endLine: end.line,
              endColumn: end.column,
              hint: issue.hint ?? promqlHint(issue.message, version),
            }),
          )
        }
      }
    }
    return out
  },
}
