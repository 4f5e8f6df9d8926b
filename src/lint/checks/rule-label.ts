// rule/label: alerts carry the labels routing needs (default: severity in critical|warning|info).
import type {Check} from '../check.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'
import {DEFAULT_LABELS} from '../policy.js'
import type {CheckCache} from '../engines.js'
import {alertRules, cachedTree} from './alert-rules.js'
import {isWatchdog} from './alerts-comparison.js'
import {checkEntries} from './required-entries.js'

export const ruleLabel: Check = {
  id: 'rule/label',
  run(ctx) {
    const configured = ctx.policy?.checks?.['rule/label']?.labels
    const out: Problem[] = []
    for (const {group, rule, validExpr} of alertRules(ctx)) {
      const required = configured ?? (validExpr && watchdog(ctx.cache, rule.exprText) ? WATCHDOG_LABELS : DEFAULT_LABELS)
      const entries = [...group.labels, ...rule.labels] // rule labels win over group labels
      for (const p of checkEntries(entries, required, 'label'))
        out.push(problemAt(ctx.path, p.at ?? rule.alert ?? rule.node, this.id, 'warning', `alert "${rule.alertText}": ${p.message}`, {group: group.name, rule: rule.alertText, hint: p.hint}))
    }
    return out
  },
}

// An always-firing alert (Watchdog, DeadMansSwitch) conventionally has severity "none": it pages nobody.
const WATCHDOG_LABELS = DEFAULT_LABELS.map((l) => (l.name === 'severity' && l.values ? {...l, values: [...l.values, 'none']} : l))

function watchdog(cache: CheckCache, expr: string): boolean {
  const top = cachedTree(cache, expr).topNode.firstChild
  return !!top && isWatchdog(top, expr)
}
