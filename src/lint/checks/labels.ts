// Label and annotation names (and label values) that Prometheus accepts.
import {isValidClassicLabelName, isValidUtf8LabelName, isWellFormedUtf8} from '../../model/labels.js'
import type {Check} from '../check.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'
import {ruleName, type Entry} from '../rule-file.js'

export const labelNames: Check = {
  id: 'rule/labels',
  run({path, file, version}) {
    const out: Problem[] = []
    const validName = version === '2.42' ? isValidClassicLabelName : isValidUtf8LabelName
    const nameHint =
      version === '2.42'
        ? 'use letters, digits and underscores, not starting with a digit (UTF-8 names need Prometheus 3)'
        : 'use a non-empty UTF-8 name'
    const labels = (entries: Entry[], ctx: {group: string; rule?: string}) => {
      for (const {key, value} of entries) {
        if (!validName(key.value) || key.value === '__name__')
          out.push(problemAt(path, key, this.id, 'error', `invalid label name "${key.value}"`, {...ctx, hint: key.value === '__name__' ? 'rules cannot set __name__; use "record" to name the series' : nameHint}))
        if (!isWellFormedUtf8(value.value))
          out.push(problemAt(path, value, this.id, 'error', `invalid label value for "${key.value}": not valid UTF-8`, {...ctx, hint: 'remove the invalid escape sequence'}))
      }
    }
    for (const g of file.groups) {
      labels(g.labels, {group: g.name})
      for (const r of g.rules) {
        const ctx = {group: g.name, rule: ruleName(r)}
        labels(r.labels, ctx)
        for (const {key} of r.annotations)
          if (!validName(key.value))
            out.push(problemAt(path, key, this.id, 'error', `invalid annotation name "${key.value}"`, {...ctx, hint: nameHint}))
      }
    }
    return out
  },
}
