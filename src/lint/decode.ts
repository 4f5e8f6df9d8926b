// Positioned YAML tree -> RuleFile, with yaml.v3 + rulefmt decoding errors as problems:
// unknown fields (KnownFields), type mismatches and invalid durations (check `rule/schema`).
import {tryParseDuration} from '../model/duration.js'
import type {PromVersion} from '../promql/syntax/check.js'
import {problemAt} from '../findings/make-problem.js'
import type {Problem} from '../findings/problem.js'
import type {Entry, GroupNode, RuleFile, RuleNode} from './rule-file.js'
import {isNull, kindTag, type YMap, type YNode, type YScalar} from '../yaml/nodes.js'

const SCHEMA = 'rule/schema'
const GROUP_FIELDS_2 = ['name', 'interval', 'limit', 'rules']
const GROUP_FIELDS_3 = ['name', 'interval', 'query_offset', 'limit', 'rules', 'labels']
const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']

interface Decoded {
  file: RuleFile
  problems: Problem[]
}

export function decodeRuleFile(root: YNode | undefined, path: string, version: PromVersion): Decoded {
  const problems: Problem[] = []
  const file: RuleFile = {groups: []}
  const err = (node: YNode, message: string, hint?: string, extras: {group?: string; rule?: string} = {}) =>
    problems.push(problemAt(path, node, SCHEMA, 'error', message, {hint, ...extras}))
  const typeError = (node: YNode, into: string, hint?: string) => {
    const tag = kindTag(node)
    const shown = node.kind === 'scalar' ? ` ${JSON.stringify(node.value)}` : ''
    err(node, `cannot use ${tag}${shown} as ${into}`, hint)
  }

  if (!root || isNull(root)) return {file, problems}
  let top = root
  if (top.kind === 'map' && isPrometheusRule(top)) {
    const spec = get(top, 'spec')
    if (!spec || isNull(spec)) return {file, problems}
    if (spec.kind !== 'map') {
      typeError(spec, 'the PrometheusRule spec (a mapping with "groups")')
      return {file, problems}
    }
    top = spec
  } else if (top.kind !== 'map') {
    typeError(top, 'a rule file', 'a rule file is a mapping with one key, "groups:", holding a list of groups')
    return {file, problems}
  }

  const manifest = top !== root
  let groupsNode: YNode | undefined
  for (const {key, value} of top.pairs) {
    if (key.value === 'groups') groupsNode = value
    else if (!manifest) err(key, `unknown field "${key.value}" at the top of a rule file`, 'the only top-level key is "groups"')
  }
  if (!groupsNode || isNull(groupsNode)) return {file, problems}
  if (groupsNode.kind !== 'seq') {
    typeError(groupsNode, 'the list of groups', 'write "groups:" followed by "- name: ..." items')
    return {file, problems}
  }

  const groupFields = version === '2.42' ? GROUP_FIELDS_2 : GROUP_FIELDS_3
  // yaml.v3 drops null items from a list of structs (promtool counts neither the group nor the rule).
  groupsNode.items.filter((n) => !isNull(n)).forEach((gnode, gi) => {
    const group: GroupNode = {index: gi + 1, node: gnode, name: '', labels: [], rules: []}
    file.groups.push(group)
    if (gnode.kind !== 'map') return typeError(gnode, 'a rule group', 'a group is a mapping with "name" and "rules"')
    let rulesNode: YNode | undefined
    for (const {key, value} of gnode.pairs) {
      switch (groupFields.includes(key.value) ? key.value : '') {
        case 'name':
          group.nameNode = value
          group.name = stringValue(value, () => typeError(value, 'a group name'))
          break
        case 'interval':
        case 'query_offset':
          duration(value, key.value)
          break
        case 'limit':
          if (!isNull(value) && !['!!int', '!!float'].includes(kindTag(value)))
            typeError(value, '"limit" (an integer)', 'write a number, e.g. "limit: 100", without quotes')
          break
        case 'rules':
          rulesNode = value
          break
        case 'labels':
          group.labels = stringMap(value, 'labels')
          break
        default:
          err(key, `unknown field "${key.value}" in rule group`, fieldsHint(key.value, groupFields, version))
      }
    }
    if (!rulesNode || isNull(rulesNode)) return
    if (rulesNode.kind !== 'seq') return typeError(rulesNode, 'the list of rules', 'write "rules:" followed by "- alert: ..." or "- record: ..." items')
    rulesNode.items.filter((n) => !isNull(n)).forEach((rnode, ri) => group.rules.push(decodeRule(rnode, ri + 1)))
  })
  return {file, problems}

  /** A duration field of a rule: its scalar node (for positions) and its value in ms (0 when invalid, reported). */
  function durationField(value: YNode, name: string): [YScalar | undefined, number] {
    const ms = duration(value, name) ?? 0
    return [value.kind === 'scalar' ? value : undefined, ms]
  }

  function decodeRule(node: YNode, index: number): RuleNode {
    const rule: RuleNode = {index, node, recordText: '', alertText: '', exprText: '', forMs: 0, keepFiringForMs: 0, labels: [], annotations: []}
    if (node.kind !== 'map') {
      typeError(node, 'a rule', 'a rule is a mapping with "alert" or "record", and "expr"')
      return rule
    }
    for (const {key, value} of node.pairs) {
      const text = value.kind === 'scalar' ? value.value : ''
      switch (RULE_FIELDS.includes(key.value) ? key.value : '') {
        case 'record':
          rule.record = value
          rule.recordText = text
          break
        case 'alert':
          rule.alert = value
          rule.alertText = text
          break
        case 'expr':
          rule.expr = value
          rule.exprText = text
          break
        case 'for':
          ;[rule.for, rule.forMs] = durationField(value, 'for')
          break
        case 'keep_firing_for':
          ;[rule.keepFiringFor, rule.keepFiringForMs] = durationField(value, 'keep_firing_for')
          break
        case 'labels':
          rule.labels = stringMap(value, 'labels')
          if (value.kind === 'map') rule.labelsNode = value
          break
        case 'annotations':
          rule.annotations = stringMap(value, 'annotations')
          if (value.kind === 'map') rule.annotationsNode = value
          break
        default:
          err(key, `unknown field "${key.value}" in rule`, fieldsHint(key.value, RULE_FIELDS, version))
      }
    }
    return rule
  }

  function duration(node: YNode, field: string): number | undefined {
    if (isNull(node)) return undefined
    if (node.kind !== 'scalar') {
      typeError(node, `"${field}" (a duration)`, 'write a duration such as 5m or 1h30m')
      return undefined
    }
    const ms = tryParseDuration(node.value)
    if (ms === undefined)
      err(node, `not a valid duration for "${field}": ${JSON.stringify(node.value)}`, 'write a duration such as 30s, 5m, 1h30m or 1d (units ms, s, m, h, d, w, y, in that order; no fractions)')
    return ms
  }

  function stringValue(node: YNode, onError: () => void): string {
    if (node.kind !== 'scalar') {
      onError()
      return ''
    }
    return isNull(node) ? '' : node.value
  }

  function stringMap(node: YNode, field: string): Entry[] {
    if (isNull(node)) return []
    if (node.kind !== 'map') {
      typeError(node, `"${field}" (a mapping of names to strings)`, `write "${field}:" followed by "name: value" lines`)
      return []
    }
    const entries: Entry[] = []
    for (const {key, value} of node.pairs) {
      if (isNull(key)) continue // yaml.v3 drops null keys from a map[string]string
      if (key.tag === '!!map' || key.tag === '!!seq') {
        typeError(key, `a ${field} name`)
        continue
      }
      if (value.kind !== 'scalar') {
        typeError(value, `a ${field} value (a string)`, 'quote the value, or use a block scalar (|) for multi-line text')
        continue
      }
      entries.push({key, value: isNull(value) ? {...value, value: ''} : value})
    }
    return entries
  }
}

function get(map: YMap, key: string): YNode | undefined {
  return map.pairs.find((p) => p.key.value === key)?.value
}

function isPrometheusRule(map: YMap): boolean {
  const kind = get(map, 'kind')
  return kind?.kind === 'scalar' && kind.value === 'PrometheusRule' && get(map, 'groups') === undefined
}

function fieldsHint(field: string, known: string[], version: PromVersion): string {
  const newer = version === '2.42' && ['query_offset', 'labels'].includes(field)
  return (newer ? `"${field}" needs Prometheus 3; ` : '') + `known fields: ${known.join(', ')}`
}
