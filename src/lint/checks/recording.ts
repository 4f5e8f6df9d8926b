// Recording-rule restrictions: no for/keep_firing_for/annotations, a valid metric name.
import {isValidMetricName, isValidUtf8LabelName} from '../../model/labels.js'
import type {Check} from '../check.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'

export const recordingRule: Check = {
  id: 'rule/recording',
  run({path, file, version}) {
    const out: Problem[] = []
    for (const g of file.groups) {
      for (const r of g.rules) {
        if (r.recordText === '') continue
        const name = r.recordText
        const ctx = {group: g.name, rule: name}
        const at = r.record
        // Positions follow promtool: the record value, with the offending field's line in the message.
        const add = (message: string, hint: string) => out.push(problemAt(path, at, this.id, 'error', message, {...ctx, hint}))
        const where = (n?: {line: number}) => (n ? ` (line ${n.line})` : '')
        if (r.annotations.length > 0) add(`recording rule "${name}" has annotations${where(r.annotationsNode)}`, 'remove "annotations"; only alerting rules have them')
        if (r.forMs !== 0) add(`recording rule "${name}" has "for"${where(r.for)}`, 'remove "for"; only alerting rules wait before firing')
        if (r.keepFiringForMs !== 0) add(`recording rule "${name}" has "keep_firing_for"${where(r.keepFiringFor)}`, 'remove "keep_firing_for"; it is for alerting rules')
        const valid = version === '2.42' ? isValidMetricName(name) : isValidUtf8LabelName(name)
        if (!valid) add(`invalid recording rule name "${name}"`, 'use a metric name such as "job:http_requests:rate5m" (letters, digits, _ and :, not starting with a digit)')
        if (version !== '2.42' && /[{}]/.test(name)) add(`braces in recording rule name "${name}"`, 'move the label matchers into "expr" and keep only the metric name in "record"')
      }
    }
    return out
  },
}
