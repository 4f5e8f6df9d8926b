// alerts/for: a `for` shorter than the group's evaluation interval, or on an expression that is always true.
import type {Check} from '../check.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'
import {formatDuration, tryParseDuration} from '../../model/duration.js'
import type {GroupNode} from '../rule-file.js'
import {alertRules, cachedTree} from './alert-rules.js'
import {isWatchdog} from './alerts-comparison.js'

const DEFAULT_INTERVAL = 60_000 // Prometheus' global evaluation_interval default

/** The group's `interval`, or undefined when it has none (or an invalid one). */
function groupInterval(group: GroupNode): number | undefined {
  if (group.node.kind !== 'map') return undefined
  const v = group.node.pairs.find((p) => p.key.value === 'interval')?.value
  return v?.kind === 'scalar' && v.value !== '' ? tryParseDuration(v.value) : undefined
}

export const alertsFor: Check = {
  id: 'alerts/for',
  run(ctx) {
    const out: Problem[] = []
    const configured = ctx.policy?.checks?.['alerts/for']?.evaluation_interval
    const fallback = (configured && tryParseDuration(configured)) || DEFAULT_INTERVAL
    for (const {group, rule, validExpr} of alertRules(ctx)) {
      if (!rule.for || rule.forMs <= 0) continue
      const extras = {group: group.name, rule: rule.alertText}
      const interval = groupInterval(group) ?? fallback
      const source = groupInterval(group) !== undefined ? 'the group\'s interval' : configured ? 'the evaluation interval' : 'the default evaluation interval'
      if (rule.forMs < interval)
        out.push(problemAt(ctx.path, rule.for, this.id, 'warning',
          `for: ${rule.for.value} is shorter than ${source} (${formatDuration(interval)}): the alert is evaluated only every ${formatDuration(interval)}, so it waits that long anyway`,
          {...extras, hint: `set "for" to ${formatDuration(interval)} or more, or remove it`}))
      if (validExpr) {
        const top = cachedTree(ctx.cache, rule.exprText).topNode.firstChild
        if (top && isWatchdog(top, rule.exprText))
          out.push(problemAt(ctx.path, rule.for, this.id, 'warning',
            `for: ${rule.for.value} on an expression that is always true ("${rule.exprText.trim()}"): it only delays the alert after each restart`,
            {...extras, hint: 'remove "for" from always-firing alerts'}))
      }
    }
    return out
  },
}
