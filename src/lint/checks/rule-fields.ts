// record xor alert, and a non-empty expr (rulefmt RuleNode.Validate).
import type {Check} from '../check.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'
import {describeRule, ruleName} from '../rule-file.js'

export const ruleFields: Check = {
  id: 'rule/schema',
  run({path, file}) {
    const out: Problem[] = []
    for (const g of file.groups) {
      for (const r of g.rules) {
        const ctx = {group: g.name, rule: ruleName(r)}
        if (r.recordText !== '' && r.alertText !== '') {
          out.push(problemAt(path, r.record, this.id, 'error', `rule ${r.index} of group "${g.name}" sets both "record" and "alert"`, {...ctx, hint: 'keep "alert" for an alerting rule or "record" for a recording rule, not both'}))
          out.push(problemAt(path, r.alert, this.id, 'error', `rule ${r.index} of group "${g.name}" sets both "record" and "alert"`, {...ctx, hint: 'keep "alert" for an alerting rule or "record" for a recording rule, not both'}))
        }
        if (r.recordText === '' && r.alertText === '')
          out.push(problemAt(path, r.record ?? r.alert ?? r.node, this.id, 'error', `rule ${r.index} of group "${g.name}" sets neither "record" nor "alert"`, {...ctx, hint: 'add "alert: <AlertName>" or "record: <metric:name>"'}))
        if (r.exprText === '')
          out.push(problemAt(path, r.expr ?? r.node, this.id, 'error', `${describeRule(r)} in group "${g.name}" has no "expr"`, {...ctx, hint: 'add "expr: <PromQL expression>"'}))
      }
    }
    return out
  },
}
