// promtool's unit-test file (cmd/promtool/unittest.go of 2.42), decoded as yaml.v2's UnmarshalStrict does:
// unknown fields and wrong types are errors, each at its line:column.
import {tryParseDuration} from '../model/duration.js'
import {parseGoFloat} from '../promql/index.js'
import {Decoder, isNullNode, list, object, str, type Kind} from '../yaml/decode.js'
import type {YNode} from '../yaml/nodes.js'

export interface At {
  line: number
  column: number
}

interface InputSeries {
  series: string
  values: string
  at: At
}

interface ExpAlert {
  /** exp_labels as given (empty values kept: promtool compares them too). */
  labels: Array<[string, string]>
  annotations: Array<[string, string]>
  at: At
}

interface AlertTest {
  evalTime: number // ms
  alertname: string
  expAlerts: ExpAlert[]
  at: At
}

interface ExpSample {
  labels: string
  value: number
  at: At
}

interface ExprTest {
  expr: string
  evalTime: number // ms
  expSamples: ExpSample[]
  at: At
}

export interface TestGroup {
  name: string
  interval: number // ms; 0 when not given, as promtool 2.42 leaves it
  inputSeries: InputSeries[]
  alertTests: AlertTest[]
  exprTests: ExprTest[]
  externalLabels: Array<[string, string]>
  externalURL: string
  at: At
}

interface TestFile {
  ruleFiles: Array<{pattern: string; at: At}>
  evaluationInterval: number // ms; 1m when absent or 0
  groupEvalOrder: string[]
  tests: TestGroup[]
}

interface SchemaIssue extends At {
  message: string
}

const duration: Kind = (node, d, label) => {
  if (isNullNode(node)) return undefined
  if (node.kind !== 'scalar') {
    d.report(node, `${label} must be a duration such as 1m, not a ${node.kind === 'map' ? 'mapping' : 'list'}`)
    return undefined
  }
  const ms = tryParseDuration(node.value)
  if (ms === undefined) d.report(node, `${label}: not a valid duration string: ${JSON.stringify(node.value)}`)
  return ms
}

/** float64 as yaml.v2 reads it: plain numbers, .inf, .nan; a quoted string is a type error. */
const float: Kind = (node, d, label) => {
  if (isNullNode(node)) return undefined
  if (node.kind === 'scalar' && node.style === 'plain' && (!node.tag || node.tag === '!!float' || node.tag === '!!int')) {
    const v = yamlFloat(node.value)
    if (v !== undefined) return v
  }
  d.report(node, `${label} must be a number`)
  return undefined
}

function yamlFloat(text: string): number | undefined {
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity
  if (/^\.(nan|NaN|NAN)$/.test(text)) return NaN
  const t = text.replace(/_/g, '')
  if (/^[-+]?0x[0-9a-fA-F]+$/.test(t)) return (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[-+]?0x/, ''), 16)
  if (!/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(t)) return undefined
  return parseGoFloat(t)
}

/** map[string]string: keys and values any scalar (null is ""), order kept. */
const pairs: Kind = (node, d, label) => {
  if (isNullNode(node)) return undefined
  if (node.kind !== 'map') {
    d.report(node, `${label} must be a mapping of names to values`)
    return undefined
  }
  const out: Array<[string, string]> = []
  for (const p of node.pairs) {
    if (p.value.kind !== 'scalar') {
      d.report(p.value, `${label}.${p.key.value} must be a string, not a ${p.value.kind === 'map' ? 'mapping' : 'list'}`)
      continue
    }
    const v = isNullNode(p.value) ? '' : p.value.value
    const i = out.findIndex(([k]) => k === p.key.value)
    if (i >= 0) out[i] = [p.key.value, v]
    else out.push([p.key.value, v])
  }
  return out
}

const series = object({name: 'input series', fields: {series: str, values: str}})
const expAlert = object({name: 'expected alert', fields: {exp_labels: pairs, exp_annotations: pairs}})
const alertTest = object({name: 'alert rule test', fields: {eval_time: duration, alertname: str, exp_alerts: list(expAlert)}})
const sample = object({name: 'expected sample', fields: {labels: str, value: float}})
const exprTest = object({name: 'promql expression test', fields: {expr: str, eval_time: duration, exp_samples: list(sample)}})
const testGroup = object({
  name: 'test group',
  fields: {
    interval: duration,
    input_series: list(series),
    alert_rule_test: list(alertTest),
    promql_expr_test: list(exprTest),
    external_labels: pairs,
    external_url: str,
    name: str,
  },
})
const unitTestFile = object({
  name: 'unit test file',
  fields: {rule_files: list(str), evaluation_interval: duration, group_eval_order: list(str), tests: list(testGroup)},
})

type Raw = Record<string, unknown>
const arr = (v: unknown): Raw[] => ((v as Raw[] | undefined) ?? []).map((x) => x ?? {})

/** Decodes the file's root node; issues are yaml.v2's errors (the file is then invalid). */
export function decodeTestFile(root: YNode | undefined): {file: TestFile; issues: SchemaIssue[]} {
  const d = new Decoder('0.25')
  const raw = ((root && !isNullNode(root) ? unitTestFile(root, d, 'the file') : undefined) ?? {}) as Raw
  const at = (obj: object | undefined, field?: string): At => d.at(obj, field)
  const file: TestFile = {
    ruleFiles: ((raw.rule_files as Array<string | undefined> | undefined) ?? []).map((p, i) => ({pattern: p ?? '', at: itemAt(d, raw, 'rule_files', i, root)})),
    evaluationInterval: (raw.evaluation_interval as number | undefined) || 60_000,
    groupEvalOrder: ((raw.group_eval_order as Array<string | undefined> | undefined) ?? []).map((s) => s ?? ''),
    tests: arr(raw.tests).map((tg) => ({
      name: (tg.name as string | undefined) ?? '',
      interval: (tg.interval as number | undefined) ?? 0,
      inputSeries: arr(tg.input_series).map((s) => ({series: (s.series as string | undefined) ?? '', values: (s.values as string | undefined) ?? '', at: at(s)})),
      alertTests: arr(tg.alert_rule_test).map((a) => ({
        evalTime: (a.eval_time as number | undefined) ?? 0,
        alertname: (a.alertname as string | undefined) ?? '',
        expAlerts: arr(a.exp_alerts).map((e) => ({
          labels: (e.exp_labels as Array<[string, string]> | undefined) ?? [],
          annotations: (e.exp_annotations as Array<[string, string]> | undefined) ?? [],
          at: at(e),
        })),
        at: at(a),
      })),
      exprTests: arr(tg.promql_expr_test).map((p) => ({
        expr: (p.expr as string | undefined) ?? '',
        evalTime: (p.eval_time as number | undefined) ?? 0,
        expSamples: arr(p.exp_samples).map((s) => ({labels: (s.labels as string | undefined) ?? '', value: (s.value as number | undefined) ?? 0, at: at(s)})),
        at: at(p),
      })),
      externalLabels: (tg.external_labels as Array<[string, string]> | undefined) ?? [],
      externalURL: (tg.external_url as string | undefined) ?? '',
      at: at(tg),
    })),
  }
  return {file, issues: d.issues.filter((i) => i.severity === 'error').map((i) => ({line: i.line, column: i.column, message: i.message}))}
}

function itemAt(d: Decoder, raw: Raw, field: string, i: number, root: YNode | undefined): At {
  const pos = d.at(raw, field)
  if (root?.kind !== 'map') return pos
  const node = root.pairs.find((p) => p.key.value === field)?.value
  const item = node?.kind === 'seq' ? node.items[i] : undefined
  return item ? {line: item.line, column: item.column} : pos
}
