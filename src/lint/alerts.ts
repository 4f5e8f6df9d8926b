// The alerting rules of rule files, as routing sees them: the labels each alert certainly carries (static
// rule and group labels, alertname), the labels it may carry with a value nobody knows before it fires
// (templated labels, labels of the query's result), and where it is written.
import {outputLabels} from './checks/output-labels.js'
import type {RuleFile} from './rule-file.js'

export interface AlertLabels {
  file: string
  line: number
  column: number
  group: string
  name: string
  /** Labels with a value known from the file (group labels, then rule labels, then alertname). */
  labels: Record<string, string>
  /** Labels set by a template in the rule: present, value unknown. */
  templated: string[]
  /**
   * The labels the query's results may carry: 'only' these, or 'any' label except `removed`.
   * undefined when the expression does not parse.
   */
  query?: {kind: 'only'; names: string[]} | {kind: 'any'; removed: string[]}
}

export function alertsOf(path: string, file: RuleFile): AlertLabels[] {
  const out: AlertLabels[] = []
  for (const group of file.groups) {
    for (const rule of group.rules) {
      if (rule.alertText === '' || rule.recordText !== '') continue
      const labels: Record<string, string> = {}
      const templated = new Set<string>()
      for (const {key, value} of [...group.labels, ...rule.labels]) {
        if (value.value.includes('{{')) {
          templated.add(key.value)
          delete labels[key.value]
        } else {
          labels[key.value] = value.value
          templated.delete(key.value)
        }
      }
      labels.alertname = rule.alertText
      templated.delete('alertname')
      const at = rule.alert ?? rule.node
      const alert: AlertLabels = {file: path, line: at.line, column: at.column, group: group.name, name: rule.alertText, labels, templated: [...templated]}
      const q = rule.exprText === '' ? undefined : outputLabels(rule.exprText)
      if (q) alert.query = q.kind === 'only' ? {kind: 'only', names: [...q.names]} : {kind: 'any', removed: [...q.removed.keys()]}
      out.push(alert)
    }
  }
  return out
}
