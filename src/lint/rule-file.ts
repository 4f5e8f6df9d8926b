// The decoded rule file: rulefmt's shape, every part keeping its YAML node (and so its position).
import type {YMap, YNode, YScalar} from '../yaml/nodes.js'

export interface Entry {
  key: YScalar
  value: YScalar // null values decode to ''
}

export interface RuleNode {
  index: number // 1-based within its group, as promtool counts
  node: YNode // the rule's mapping (or the null item)
  record?: YNode // yaml.Node fields: any node; their text is `recordText` etc. ('' unless a scalar)
  alert?: YNode
  expr?: YNode
  recordText: string
  alertText: string
  exprText: string
  for?: YScalar
  forMs: number
  keepFiringFor?: YScalar
  keepFiringForMs: number
  labels: Entry[]
  labelsNode?: YMap
  annotations: Entry[]
  annotationsNode?: YMap
}

export interface GroupNode {
  index: number // 1-based
  node: YNode
  name: string
  nameNode?: YNode
  labels: Entry[]
  rules: RuleNode[]
}

export interface RuleFile {
  groups: GroupNode[]
}

export function ruleName(rule: RuleNode): string {
  return rule.alertText !== '' ? rule.alertText : rule.recordText
}

/** 'alert "A"', 'recording rule "r"', or 'rule 3' when the rule has no name. */
export function describeRule(rule: RuleNode): string {
  if (rule.alertText !== '' && rule.recordText === '') return `alert "${rule.alertText}"`
  if (rule.recordText !== '' && rule.alertText === '') return `recording rule "${rule.recordText}"`
  return `rule ${rule.index}`
}
