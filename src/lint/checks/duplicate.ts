// promtool's duplicate-rules lint: same name and same labels anywhere in the file.
import type {Check} from '../check.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'
import {ruleName} from '../rule-file.js'

export const duplicateRules: Check = {
  id: 'rule/duplicate',
  run({path, file, version, lint}) {
    if (lint === 'none') return []
    const out: Problem[] = []
    const seen = new Map<string, number>()
    for (const g of file.groups) {
      for (const r of g.rules) {
        const labels = new Map<string, string>()
        if (version !== '2.42') for (const e of g.labels) labels.set(e.key.value, e.value.value)
        for (const e of r.labels) labels.set(e.key.value, e.value.value)
        const name = ruleName(r)
        const key = name + '\0' + [...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}\0${v}`).join('\0')
        const at = r.alert ?? r.record ?? r.node
        const first = seen.get(key)
        if (first === undefined) {
          seen.set(key, at.line)
          continue
        }
        const kind = r.alertText !== '' ? 'alert' : 'recording rule'
        out.push(
          problemAt(path, at, this.id, 'warning', `duplicate ${kind} "${name}": same name and labels as the rule at line ${first}`, {
            group: g.name,
            rule: name,
            hint: 'remove one of them, or tell them apart with a label',
          }),
        )
      }
    }
    return out
  },
}
