// Random promtool unit-test cases (a rule file and a test file) for the differential test against
// `promtool test rules`, and one large file for the benchmark. Series are integer-valued and no rule sums
// fractions over several series: promtool adds series in a random order, so such sums differ in the last bit
// from run to run. All groups are listed in group_eval_order (promtool orders unlisted groups at random).
import {rng} from './promql-sample.js'

export interface AlertExpectation {
  evalTime: string
  alertname: string
  alerts: Array<{labels: Record<string, string>; annotations: Record<string, string>}>
}

export interface ExprExpectation {
  evalTime: string
  expr: string
  samples: Array<{labels: string; value: number}>
}

export interface GeneratedCase {
  name: string
  rules: string // the rule file's text
  interval: string
  evaluationInterval: string
  groupOrder: string[]
  series: Array<{series: string; values: string}>
  externalLabels: Record<string, string>
  externalURL: string
  alertTests: AlertExpectation[]
  exprTests: ExprExpectation[]
}

type Rand = () => number

export function generateCase(seed: number): GeneratedCase {
  const r = rng(seed)
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!
  const int = (n: number): number => Math.floor(r() * n)
  const steps = 20 + int(30)
  const interval = pick(['1m', '1m', '30s', '2m'])
  const evaluationInterval = pick(['1m', '1m', '30s', '2m'])
  const series: GeneratedCase['series'] = []
  for (const name of ['m1', 'm2', 'c_total']) {
    for (const job of ['a', 'b']) for (const inst of ['1', '2']) if (r() < 0.75) series.push({series: `${name}{job="${job}", instance="${inst}"}`, values: values(r, steps, name === 'c_total')})
  }
  const groups: Array<{name: string; rules: string[]}> = []
  const records: string[] = []
  const alerts: string[] = []
  const nGroups = 1 + int(3)
  for (let g = 0; g < nGroups; g++) {
    const rules: string[] = []
    const n = 1 + int(4)
    for (let i = 0; i < n; i++) {
      if (r() < 0.4) {
        const name = `rec_${g}_${i}`
        const expr = pick(recordExprs(records))
        const labels = r() < 0.3 ? `\n        labels:\n          tier: "${pick(['x', 'y'])}"` : ''
        rules.push(`      - record: ${name}\n        expr: ${quote(expr)}${labels}`)
        records.push(name)
      } else {
        const name = `Alert${g}${i}`
        const expr = pick(alertExprs(records, alerts))
        const forLine = r() < 0.6 ? `\n        for: ${pick(['1m', '2m', '5m', '90s'])}` : ''
        const keep = r() < 0.25 ? `\n        keep_firing_for: ${pick(['1m', '3m', '10m'])}` : ''
        const labels = r() < 0.7 ? `\n        labels:\n          severity: ${pick(['page', 'ticket'])}${r() < 0.4 ? '\n          source: "{{ $labels.job }}"' : ''}` : ''
        const annotations = r() < 0.7 ? `\n        annotations:\n          summary: ${quote(pick(ANNOTATIONS))}` : ''
        rules.push(`      - alert: ${name}\n        expr: ${quote(expr)}${forLine}${keep}${labels}${annotations}`)
        alerts.push(name)
      }
    }
    groups.push({name: `group${g}`, rules})
  }
  const text = `groups:\n${groups.map((g) => `  - name: ${g.name}\n    rules:\n${g.rules.join('\n')}`).join('\n')}\n`
  const sec = (s: string): number => (s.endsWith('30s') ? 30 : s === '2m' ? 120 : 60)
  const span = Math.min(steps * sec(interval), 40 * 60)
  const time = (): string => {
    const t = int(span / 30) * 30
    return t % 60 === 0 ? `${t / 60}m` : `${t}s`
  }
  const alertTests: AlertExpectation[] = []
  for (const a of alerts) for (let k = 0; k < 1 + int(3); k++) alertTests.push({evalTime: time(), alertname: a, alerts: []})
  const exprTests: ExprExpectation[] = []
  for (const rec of records) exprTests.push({evalTime: time(), expr: rec, samples: []})
  if (alerts.length > 0) exprTests.push({evalTime: time(), expr: pick(['ALERTS', 'ALERTS_FOR_STATE', 'count by (alertstate) (ALERTS)']), samples: []})
  return {
    name: `case-${seed}`,
    rules: text,
    interval,
    evaluationInterval,
    groupOrder: shuffle(r, groups.map((g) => g.name)),
    series,
    externalLabels: r() < 0.5 ? {cluster: 'eu1'} : {},
    externalURL: r() < 0.5 ? 'https://prom.example.com/x' : '',
    alertTests,
    exprTests,
  }
}

const ANNOTATIONS = [
  '{{ $labels.instance }} of {{ $labels.job }} is down',
  'value is {{ $value }}',
  'plain text',
  '{{ $labels.job }}: {{ $externalLabels.cluster }}',
  '{{ $value | humanize }} ({{ printf "%.2f" $value }})',
  '{{ $labels.job | toUpper }} {{ if gt $value 10.0 }}high{{ else }}low{{ end }}',
  '{{ with query "sum(m1)" }}{{ . | first | value }}{{ else }}none{{ end }}',
  'see {{ $externalURL }}/alerts',
  '{{ externalURL }}',
  '{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}',
  '{{ $value | humanizePercentage }} {{ 3600 | humanizeDuration }}',
  '{{ reReplaceAll "(.)" "$1-" $labels.job }} {{ title "hello world" }}',
]

function values(r: Rand, steps: number, counter: boolean): string {
  const int = (n: number): number => Math.floor(r() * n)
  const parts: string[] = []
  let v = int(20)
  for (let n = 0; n < steps; ) {
    const k = 1 + int(8)
    const x = r()
    if (x < 0.08) parts.push(`_x${k}`)
    else if (x < 0.12) parts.push('stale')
    else if (counter) {
      const d = int(5)
      parts.push(`${v}+${d}x${k}`)
      v += d * k + (r() < 0.1 ? -v : 0)
    } else if (x < 0.6) parts.push(`${int(10)}x${k}`)
    else parts.push(`${int(30) - 5}+${int(3)}x${k}`)
    n += k
  }
  return parts.join(' ')
}

function recordExprs(records: string[]): string[] {
  const prev = records.length > 0 ? records[records.length - 1]! : 'm1'
  return [
    'sum by (job) (m1)',
    'max without (instance) (m2)',
    'm1 + m2',
    'rate(c_total[5m])',
    'increase(c_total[3m])',
    'count by (job) (m1 > 3)',
    `${prev} * 2`,
    'sum_over_time(m2[2m])',
    'vector(1)',
    'm1 > bool 5',
    'absent(m3)',
    'count_over_time(m1[5m:1m])',
  ]
}

function alertExprs(records: string[], alerts: string[]): string[] {
  const rec = records.length > 0 ? records[records.length - 1]! : 'm2'
  const prevAlert = alerts.length > 0 ? alerts[alerts.length - 1]! : 'Nothing'
  return [
    'm1 > 5',
    'm2 < 3',
    'rate(c_total[5m]) > 0.05',
    `${rec} > 4`,
    'absent(m1{job="a"})',
    'sum by (job) (m1) > 10',
    `ALERTS{alertname="${prevAlert}", alertstate="firing"}`,
    'changes(m2[5m]) > 1',
    'm1 > m2',
    'up == 0',
    '1',
  ]
}

function shuffle<T>(r: Rand, a: T[]): T[] {
  const out = [...a]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

export const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`

const mapYaml = (m: Record<string, string>, indent: string): string =>
  Object.keys(m).length === 0 ? ' {}' : Object.entries(m).map(([k, v]) => `\n${indent}${k}: ${quote(v)}`).join('')

const yamlFloat = (v: number): string => (v === Infinity ? '.inf' : v === -Infinity ? '-.inf' : Number.isNaN(v) ? '.nan' : String(v))

/** The unit-test file for a case, naming `ruleFile`. */
export function testFileText(c: GeneratedCase, ruleFile: string): string {
  const lines = [`rule_files:\n  - ${ruleFile}`, `evaluation_interval: ${c.evaluationInterval}`]
  if (c.groupOrder.length > 1) lines.push(`group_eval_order:\n${c.groupOrder.map((g) => `  - ${g}`).join('\n')}`)
  const tg = [`  - name: ${quote(c.name)}`, `    interval: ${c.interval}`]
  if (Object.keys(c.externalLabels).length > 0) tg.push(`    external_labels:${mapYaml(c.externalLabels, '      ')}`)
  if (c.externalURL !== '') tg.push(`    external_url: ${quote(c.externalURL)}`)
  tg.push(`    input_series:\n${c.series.map((s) => `      - series: ${quote(s.series)}\n        values: ${quote(s.values)}`).join('\n')}`)
  if (c.alertTests.length > 0) {
    const items = c.alertTests.map((a) => {
      const exp = a.alerts.map((x) => `\n          - exp_labels:${mapYaml(x.labels, '              ')}\n            exp_annotations:${mapYaml(x.annotations, '              ')}`).join('')
      return `      - eval_time: ${a.evalTime}\n        alertname: ${a.alertname}\n        exp_alerts:${exp || ' []'}`
    })
    tg.push(`    alert_rule_test:\n${items.join('\n')}`)
  }
  if (c.exprTests.length > 0) {
    const items = c.exprTests.map((e) => {
      const exp = e.samples.map((s) => `\n          - labels: ${quote(s.labels)}\n            value: ${yamlFloat(s.value)}`).join('')
      return `      - expr: ${quote(e.expr)}\n        eval_time: ${e.evalTime}\n        exp_samples:${exp || ' []'}`
    })
    tg.push(`    promql_expr_test:\n${items.join('\n')}`)
  }
  lines.push(`tests:\n${tg.join('\n')}`)
  return `${lines.join('\n')}\n`
}

/** One large case for the benchmark: `nRules` rules over `nSeries` series, `hours` of data at 1m. */
export function largeCase(nRules: number, nSeries: number, hours: number): {rules: string; test: (ruleFile: string) => string} {
  const steps = hours * 60
  const perMetric = Math.ceil(nSeries / 10)
  const series: string[] = []
  for (let m = 0; m < 10; m++) for (let i = 0; i < perMetric && series.length < nSeries; i++) series.push(`      - series: 'metric_${m}{job="j${i % 10}", instance="i${i}"}'\n        values: '${i % 7}+${m % 3}x${steps}'`)
  const rules: string[] = []
  for (let i = 0; i < nRules; i++) {
    const m = i % 10
    if (i % 2 === 0) rules.push(`      - record: job:metric_${m}:sum_${i}\n        expr: sum by (job) (rate(metric_${m}[5m]))`)
    else rules.push(`      - alert: High${i}\n        expr: metric_${m} > ${50 + i}\n        for: 5m\n        labels:\n          severity: page\n        annotations:\n          summary: '{{ $labels.instance }} is high'`)
  }
  const ruleText = `groups:\n  - name: big\n    rules:\n${rules.join('\n')}\n`
  const last = `${hours * 60}m`
  const test = (ruleFile: string): string =>
    `rule_files:\n  - ${ruleFile}\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n${series.join('\n')}\n    alert_rule_test:\n      - eval_time: ${last}\n        alertname: High1\n        exp_alerts: []\n    promql_expr_test:\n      - expr: count(ALERTS)\n        eval_time: ${last}\n        exp_samples: []\n`
  return {rules: ruleText, test}
}
