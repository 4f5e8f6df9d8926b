import {describe, expect, test} from 'vitest'
import type {Check} from '../../../../src/lint/check.js'
import {alertsAnnotation} from '../../../../src/lint/checks/alerts-annotation.js'
import {alertsComparison} from '../../../../src/lint/checks/alerts-comparison.js'
import {alertsFor} from '../../../../src/lint/checks/alerts-for.js'
import {alertsTemplate} from '../../../../src/lint/checks/alerts-template.js'
import {ruleLabel} from '../../../../src/lint/checks/rule-label.js'
import {ruleName} from '../../../../src/lint/checks/rule-name.js'
import type {LintPolicy} from '../../../../src/lint/policy.js'
import {lintText} from '../../../../src/lint/run.js'

const group = (rules: string, head = '') => `groups:\n- name: g\n${head}  rules:\n${rules}`
const alert = (expr: string, more = '') => group(`  - alert: A\n    expr: ${expr}\n${more}`)
async function found(check: Check, yaml: string, policy?: LintPolicy): Promise<string[]> {
  const r = await lintText(yaml, 'f.yml', {version: '3', checks: [check], policy})
  return r.problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.check}`)
}

describe('alerts/template', () => {
  const ann = (text: string) => `    annotations:\n      summary: "${text}"\n`
  test.each([
    ['sum by (job) (rate(x_total[5m])) > 0', '{{ $labels.job }}'],
    ['rate(x_total[5m]) > 0', '{{ $labels.instance }}'],
    ['topk(3, sum by (job, instance) (x)) > 0', '{{ .Labels.instance }}'],
    ['sum by (job) (x) / on (job) group_left (team) y > 0', '{{ $labels.team }}'],
    ['absent(up{job="a"})', '{{ $labels.job }}'],
    ['label_replace(sum(x), "dst", "$1", "a", "(.*)") > 0', '{{ $labels.dst }}'],
    ['x > 0 or sum(y) > 1', '{{ $labels.instance }}'],
  ])('good: %s with %s', async (expr, text) => {
    expect(await found(alertsTemplate, alert(expr, ann(text)))).toEqual([])
  })
  test.each([
    ['sum by (job) (rate(x_total[5m])) > 0', '{{ $labels.instance }}', '7:27'],
    ['sum(x) > 0', 'on {{ .Labels.instance }}', '7:30'],
    ['absent(up{job="a", instance=~"b"})', '{{ $labels.instance }}', '7:27'],
    ['x > on (job) y', '{{ $labels.instance }}', '7:27'],
    ['sum without (pod) (x) > 0', '{{ index $labels \\"pod\\" }}', '7:34'],
    ['count(x) > 0 or vector(0)', '{{ $labels.instance }}', '7:27'],
  ])('bad: %s with %s', async (expr, text, at) => {
    expect(await found(alertsTemplate, alert(expr, ann(text)))).toEqual([`${at} warning alerts/template`])
  })
  test('$value in a label is reported, in an annotation it is not', async () => {
    const yaml = alert('x > 0', '    labels:\n      v: "{{ $value }}"\n    annotations:\n      summary: "{{ $value | humanize }}"\n')
    expect(await found(alertsTemplate, yaml)).toEqual(['7:14 warning alerts/template'])
  })
  test('inside range, .Labels is something else', async () => {
    expect(await found(alertsTemplate, alert('sum(x) > 0', ann('{{ range query \\"up\\" }}{{ .Labels.instance }}{{ end }}')))).toEqual([])
  })
})

describe('alerts/comparison', () => {
  test.each(['up == 0', 'rate(x_total[5m]) > 0.1', 'absent(up{job="a"})', 'x and on (job) y', 'sum by (job) (x > 1)', '(x > 0) * 100', 'vector(1)', 'x unless y', '(\n  x\n  # comment\n) > 1'])('good: %s', async (expr) => {
    expect(await found(alertsComparison, alert(JSON.stringify(expr)))).toEqual([])
  })
  test.each([
    ['up', '5:11'],
    ['sum by (job) (rate(x_total[5m]))', '5:11'],
    ['up == bool 0', '5:11'],
    ['(x > 0) or vector(0)', '5:22'],
    ['x / y', '5:11'],
  ])('bad: %s', async (expr, at) => {
    expect(await found(alertsComparison, alert(expr))).toEqual([`${at} warning alerts/comparison`])
  })
})

describe('alerts/for', () => {
  test('for at least the interval is fine', async () => {
    expect(await found(alertsFor, alert('up == 0', '    for: 1m\n'))).toEqual([])
    expect(await found(alertsFor, group('  - alert: A\n    expr: up == 0\n    for: 30s\n', '  interval: 15s\n'))).toEqual([])
    expect(await found(alertsFor, alert('up == 0', '    for: 0s\n'))).toEqual([])
  })
  test('for shorter than the default or group interval', async () => {
    expect(await found(alertsFor, alert('up == 0', '    for: 30s\n'))).toEqual(['6:10 warning alerts/for'])
    expect(await found(alertsFor, group('  - alert: A\n    expr: up == 0\n    for: 2m\n', '  interval: 5m\n'))).toEqual(['7:10 warning alerts/for'])
  })
  test('the policy sets the global interval', async () => {
    expect(await found(alertsFor, alert('up == 0', '    for: 30s\n'), {checks: {'alerts/for': {evaluation_interval: '15s'}}})).toEqual([])
  })
  test('for on an always-true expression', async () => {
    expect(await found(alertsFor, alert('vector(1)', '    for: 5m\n'))).toEqual(['6:10 warning alerts/for'])
  })
})

describe('rule/label', () => {
  test('good: severity with an allowed value, from the rule or the group; none on a watchdog', async () => {
    expect(await found(ruleLabel, alert('up == 0', '    labels: {severity: critical}\n'))).toEqual([])
    expect(await found(ruleLabel, group('  - alert: A\n    expr: up == 0\n', '  labels: {severity: info}\n'))).toEqual([])
    expect(await found(ruleLabel, alert('vector(1)', '    labels: {severity: none}\n'))).toEqual([])
    expect(await found(ruleLabel, group('  - record: a:b:c\n    expr: up\n'))).toEqual([])
  })
  test('bad: missing, or a value not allowed', async () => {
    expect(await found(ruleLabel, alert('up == 0'))).toEqual(['4:12 warning rule/label'])
    expect(await found(ruleLabel, alert('up == 0', '    labels: {severity: high}\n'))).toEqual(['6:24 warning rule/label'])
  })
  test('a policy replaces the default', async () => {
    const policy: LintPolicy = {checks: {'rule/label': {labels: [{name: 'team', value: '[a-z]+'}]}}}
    expect(await found(ruleLabel, alert('up == 0', '    labels: {team: db}\n'), policy)).toEqual([])
    expect(await found(ruleLabel, alert('up == 0', '    labels: {team: DB}\n'), policy)).toEqual(['6:20 warning rule/label'])
  })
})

describe('alerts/annotation', () => {
  test('good: summary or description', async () => {
    expect(await found(alertsAnnotation, alert('up == 0', '    annotations: {description: d}\n'))).toEqual([])
  })
  test('bad: neither, or an empty one', async () => {
    expect(await found(alertsAnnotation, alert('up == 0'))).toEqual(['4:12 warning alerts/annotation'])
    expect(await found(alertsAnnotation, alert('up == 0', '    annotations: {summary: ""}\n'))).toEqual(['4:12 warning alerts/annotation'])
  })
  test('a policy requires runbook_url matching a regex', async () => {
    const policy: LintPolicy = {checks: {'alerts/annotation': {annotations: [{name: 'runbook_url', value: 'https://.+'}]}}}
    expect(await found(alertsAnnotation, alert('up == 0', '    annotations: {runbook_url: "https://r"}\n'), policy)).toEqual([])
    expect(await found(alertsAnnotation, alert('up == 0', '    annotations: {runbook_url: "r"}\n'), policy)).toEqual(['6:32 warning alerts/annotation'])
  })
})

describe('rule/name', () => {
  test('recording rules: level:metric:operations by default', async () => {
    expect(await found(ruleName, group('  - record: job:http_requests:rate5m\n    expr: up\n  - record: apiserver_request:burnrate1h\n    expr: up\n'))).toEqual([])
    expect(await found(ruleName, group('  - record: http_requests_rate\n    expr: up\n'))).toEqual(['4:13 warning rule/name'])
  })
  test('policy regexes for alerts and recording rules', async () => {
    const policy: LintPolicy = {checks: {'rule/name': {alert: '[A-Z][A-Za-z]+', record: 'mystocks_[a-z]+_[a-z]+_(seconds|total)'}}}
    expect(await found(ruleName, group('  - alert: HighLatency\n    expr: up\n  - record: mystocks_orders_latency_seconds\n    expr: up\n'), policy)).toEqual([])
    expect(await found(ruleName, group('  - alert: high_latency\n    expr: up\n  - record: job:x:y\n    expr: up\n'), policy)).toEqual(['4:12 warning rule/name', '6:13 warning rule/name'])
  })
})

describe('comments and policy in a whole run', () => {
  test('spock/disable and spock/disable-next-line turn a finding off', async () => {
    const base = (c: string) => `groups:\n- name: g\n  rules:\n  - alert: A\n${c}    expr: up\n    labels: {severity: info}\n    annotations: {summary: s}\n`
    const ids = async (yaml: string) => (await lintText(yaml, 'f.yml')).problems.map((p) => p.check)
    expect(await ids(base(''))).toEqual(['alerts/comparison'])
    expect(await ids(base('    # spock/disable alerts/comparison\n'))).toEqual([])
    expect(await ids(base('    # spock/disable-next-line alerts/comparison\n'))).toEqual([])
    expect(await ids(base('    # spock/disable-next-line rule/label\n'))).toEqual(['alerts/comparison'])
  })
  test('severity overrides from the policy', async () => {
    const r = await lintText(alert('up', '    labels: {severity: info}\n    annotations: {summary: s}\n'), 'f.yml', {policy: {severity: {'alerts/comparison': 'error'}}})
    expect(r.problems.map((p) => `${p.check} ${p.severity}`)).toEqual(['alerts/comparison error'])
    expect(r.ok).toBe(false)
  })
})
