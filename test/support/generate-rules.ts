// Synthetic rule files for the benchmark and the differential test against promtool:
// realistic valid rules, and (on request) injected faults of every kind promtool rejects.
import {rng} from './promql-sample.js'

export type FaultKind =
  | 'promql-syntax'
  | 'promql-type'
  | 'promql-function'
  | 'template'
  | 'unknown-field'
  | 'duration'
  | 'record-and-alert'
  | 'no-expr'
  | 'recording-for'
  | 'recording-name'
  | 'label-name'
  | 'annotation-name'
  | 'group-name'
  | 'yaml-duplicate-key'
  | 'yaml-indent'
  | 'yaml-tab'
  | 'duplicate-rule' // a warning only: promtool still exits 0

export const FAULT_KINDS: readonly FaultKind[] = [
  'promql-syntax', 'promql-type', 'promql-function', 'template', 'unknown-field', 'duration', 'record-and-alert',
  'no-expr', 'recording-for', 'recording-name', 'label-name', 'annotation-name', 'group-name', 'yaml-duplicate-key',
  'yaml-indent', 'yaml-tab', 'duplicate-rule',
]

export interface GenerateOptions {
  seed: number
  rules: number
  rulesPerGroup?: number // default 20
  faults?: number // how many faults to inject (default 0)
  kinds?: readonly FaultKind[] // which kinds to draw from (default all)
}

export interface Generated {
  text: string
  faults: FaultKind[]
}


const METRICS = ['http_requests_total', 'node_cpu_seconds_total', 'process_resident_memory_bytes', 'up', 'apiserver_request_total', 'kube_pod_status_ready']
// Every rule gets its own expression (k varies selectors and thresholds), as in real files.
const EXPRS = [
  (m: string, k: number) => `sum by (job) (rate(${m}{job="api-${k}"}[5m])) > ${k % 100}`,
  (m: string, k: number) => `histogram_quantile(0.99, sum by (le, job) (rate(${m}_bucket{shard="${k}"}[5m])))`,
  (m: string, k: number) => `avg_over_time(${m}[10m]) / on (instance) group_left () max(${m}{env="e${k}"}) < 0.${k % 10}`,
  (m: string, k: number) => `absent(${m}{job="node", shard="${k}"})`,
  (m: string, k: number) => `increase(${m}[1h] offset 5m) == ${k} and on (job) ${m} > 0`,
  (m: string, k: number) => `count without (cpu) (${m}{shard=~"${k}|x"}) unless ${m} != 1`,
  (m: string, k: number) => `predict_linear(${m}[6h], ${k} * 3600) < 0`,
  (m: string, k: number) => `label_replace(${m}, "host_${k}", "$1", "instance", "(.*):.*")`,
]
const BAD_SYNTAX = ['rate(foo[5m]', 'sum(x) by', 'foo{a="b"', '1 +', 'sum by (job (x)', 'foo[5m', 'rate(foo[5m]))']
const BAD_TYPE = ['rate(foo)', 'topk(foo, bar)', 'foo and 1', 'sum(rate(x[5m])[5m])', 'abs(foo[5m])']
const BAD_FUNC = ['ratee(foo[5m])', 'summ(foo)', 'histogram_quantil(0.9, x)']
const BAD_TEMPLATE = ['{{ $labels.instance', '{{ nosuchfunc . }}', '{{ $undefined }}', '{{ if }}', '{{ end }}']

interface Rule {
  lines: string[]
}

export function generateRuleFile(opts: GenerateOptions): Generated {
  const rand = rng(opts.seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const perGroup = opts.rulesPerGroup ?? 20
  const rules: Rule[] = []
  for (let k = 0; k < opts.rules; k++) rules.push(validRule(k, rand, pick))
  const groups = Math.max(1, Math.ceil(opts.rules / perGroup))
  const groupNames = Array.from({length: groups}, (_, g) => `group-${opts.seed}-${g}`)
  const faults: FaultKind[] = []
  const extraLines: string[] = []
  const fileLevel: string[] = [] // file-level mutations applied at the end
  for (let f = 0; f < (opts.faults ?? 0) && rules.length > 0; f++) {
    const kind = pick(opts.kinds ?? FAULT_KINDS)
    const r = pick(rules)
    faults.push(kind)
    // Remove a key with its indented continuation lines (block scalars, nested maps).
    const remove = (key: string) => {
      const i = r.lines.findIndex((l) => l.startsWith(`${key}:`))
      if (i < 0) return
      let j = i + 1
      while (j < r.lines.length && r.lines[j]!.startsWith(' ')) j++
      r.lines.splice(i, j - i)
    }
    const set = (key: string, value: string) => {
      remove(key)
      r.lines.push(`${key}: ${value}`)
    }
    const isAlert = r.lines[0]!.startsWith('alert:')
    switch (kind) {
      case 'promql-syntax':
        set('expr', JSON.stringify(pick(BAD_SYNTAX)))
        break
      case 'promql-type':
        set('expr', JSON.stringify(pick(BAD_TYPE)))
        break
      case 'promql-function':
        set('expr', JSON.stringify(pick(BAD_FUNC)))
        break
      case 'template':
        r.lines[0] = `alert: BadTemplate${f}`
        remove('annotations')
        r.lines.push('annotations:', `  broken: ${JSON.stringify(pick(BAD_TEMPLATE))}`)
        break
      case 'unknown-field':
        r.lines.push(`${pick(['severity', 'summary', 'annotation', 'label', 'interval'])}: x`)
        break
      case 'duration':
        if (!isAlert) r.lines = r.lines.filter((l, i) => i === 0 || !/^(labels:|  )/.test(l))
        r.lines[0] = `alert: BadDuration${f}`
        set('for', pick(['5', '5x', '1.5m', '-1m', '"1m5"', 'm']))
        break
      case 'record-and-alert':
        r.lines.unshift(isAlert ? `record: job:both${f}:sum` : `alert: Both${f}`)
        break
      case 'no-expr':
        remove('expr')
        if (rand() < 0.5) r.lines.push('expr: ""')
        break
      case 'recording-for':
        r.lines = [`record: job:with_for${f}:sum`, 'expr: sum(up)', `${pick(['for', 'keep_firing_for'])}: 5m`]
        break
      case 'recording-name':
        r.lines = [`record: ${pick(['job-bad', '1abc', 'a b', 'foo{a="b"}'])}${f}`, 'expr: sum(up)']
        break
      case 'label-name':
        remove('labels')
        r.lines.push('labels:', `  ${pick(['bad-name', '__name__', '0abc', '"a.b"'])}: x`)
        break
      case 'annotation-name':
        r.lines = [`alert: BadAnnotation${f}`, 'expr: up == 0', 'annotations:', `  ${pick(['bad-name', '"x y"', '1st'])}: x`]
        break
      case 'group-name':
        fileLevel.push(pick(['empty-group', 'repeat-group']))
        break
      case 'yaml-duplicate-key':
        r.lines.push(r.lines[0]!.startsWith('alert:') ? 'alert: Again' : 'record: again')
        break
      case 'yaml-indent':
        r.lines.push(' oops: 1')
        break
      case 'yaml-tab':
        fileLevel.push('tab')
        break
      case 'duplicate-rule':
        extraLines.push(r.lines.join('\n'))
        break
    }
  }
  for (const m of fileLevel) {
    if (m === 'empty-group') groupNames[0] = '""'
    if (m === 'repeat-group' && groupNames.length > 1) groupNames[1] = groupNames[0]!
    if (m === 'repeat-group' && groupNames.length === 1) groupNames.push(groupNames[0]!)
  }
  const out: string[] = ['groups:']
  const dupes = extraLines.map((t) => ({lines: t.split('\n')}))
  const all = [...rules, ...dupes]
  for (let g = 0; g < groupNames.length; g++) {
    out.push(`- name: ${groupNames[g]}`, '  interval: 1m', '  rules:')
    const chunk = g === groupNames.length - 1 ? all.slice(g * perGroup) : all.slice(g * perGroup, (g + 1) * perGroup)
    for (const r of chunk) {
      r.lines.forEach((l, i) => out.push(`  ${i === 0 ? '- ' : '  '}${l}`))
    }
  }
  let text = out.join('\n') + '\n'
  if (fileLevel.includes('tab')) text = text.replace('\n  rules:\n', '\n\trules:\n')
  return {text, faults}
}

function validRule(k: number, rand: () => number, pick: <T>(xs: readonly T[]) => T): Rule {
  const m = pick(METRICS)
  const expr = pick(EXPRS)(m, k)
  const style = rand()
  const exprLines =
    style < 0.5 ? [`expr: ${JSON.stringify(expr)}`] : style < 0.8 ? ['expr: |', `  ${expr}`] : [`expr: '${expr.replaceAll("'", "''")}'`]
  if (rand() < 0.5) return {lines: [`record: job:${m}_${k}:rate5m`, ...exprLines, 'labels:', `  team: team${k % 7}`]}
  return {
    lines: [
      `alert: ${m.replace(/(^|_)(\w)/g, (_, _s, c: string) => c.toUpperCase())}High${k}`,
      ...exprLines,
      `for: ${pick(['1m', '5m', '15m', '1h'])}`,
      'labels:',
      `  severity: ${pick(['critical', 'warning', 'info'])}`,
      'annotations:',
      `  summary: "{{ $labels.job }} on {{ $labels.instance }} is high (rule ${k})"`,
      `  description: 'Value is {{ $value | humanize }} for {{ $labels.instance }}, above ${k}.'`,
    ],
  }
}
