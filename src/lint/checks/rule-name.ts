// rule/name: recording rules follow level:metric:operations (or a policy regex); alert names match a policy regex.
import type {Check} from '../check.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'
import {DEFAULT_RECORD_NAME} from '../policy.js'

export const ruleName: Check = {
  id: 'rule/name',
  run(ctx) {
    const policy = ctx.policy?.checks?.['rule/name']
    const record = new RegExp(`^(?:${policy?.record ?? DEFAULT_RECORD_NAME})$`, 'u')
    const alert = policy?.alert === undefined ? undefined : new RegExp(`^(?:${policy.alert})$`, 'u')
    const out: Problem[] = []
    for (const g of ctx.file.groups)
      for (const r of g.rules) {
        if (r.recordText !== '' && r.alertText === '' && r.record && !record.test(r.recordText))
          out.push(problemAt(ctx.path, r.record, this.id, 'warning', `recording rule name "${r.recordText}" does not match ${policy?.record ?? 'level:metric:operations'}`, {
            group: g.name,
            rule: r.recordText,
            hint: policy?.record ? `rename it to match ${policy.record}` : 'name it level:metric:operations, e.g. job:http_requests:rate5m (aggregation level, metric, operations)',
          }))
        if (alert && r.alertText !== '' && r.recordText === '' && r.alert && !alert.test(r.alertText))
          out.push(problemAt(ctx.path, r.alert, this.id, 'warning', `alert name "${r.alertText}" does not match ${policy!.alert}`, {group: g.name, rule: r.alertText, hint: `rename it to match ${policy!.alert}`}))
      }
    return out
  },
}
