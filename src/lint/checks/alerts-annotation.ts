// alerts/annotation: alerts carry the annotations people read (default: summary or description).
import type {Check} from '../check.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'
import {DEFAULT_ANNOTATIONS} from '../policy.js'
import {alertRules} from './alert-rules.js'
import {checkEntries} from './required-entries.js'

export const alertsAnnotation: Check = {
  id: 'alerts/annotation',
  run(ctx) {
    const policy = ctx.policy?.checks?.['alerts/annotation'] ?? DEFAULT_ANNOTATIONS
    const out: Problem[] = []
    for (const {group, rule} of alertRules(ctx)) {
      const extras = {group: group.name, rule: rule.alertText}
      const at = rule.alert ?? rule.node
      const oneOf = policy.one_of ?? []
      if (oneOf.length > 0 && !rule.annotations.some((a) => oneOf.includes(a.key.value) && a.value.value.trim() !== ''))
        out.push(problemAt(ctx.path, at, this.id, 'warning', `alert "${rule.alertText}" has no ${oneOf.map((n) => `"${n}"`).join(' or ')} annotation`, {...extras, hint: `add annotations: {${oneOf[0]}: ...} saying what is wrong and what to do`}))
      for (const p of checkEntries(rule.annotations, policy.annotations, 'annotation'))
        out.push(problemAt(ctx.path, p.at ?? at, this.id, 'warning', `alert "${rule.alertText}": ${p.message}`, {...extras, hint: p.hint}))
    }
    return out
  },
}
