import {describe, expect, test} from 'vitest'
import type {PromVersion} from '../../../src/promql/syntax/check.js'
import {lintText} from '../../../src/lint/run.js'
import {PROMTOOL_RULE_CHECKS} from '../../../src/lint/checks/index.js'

const group = (rules: string) => `groups:\n- name: g\n  rules:\n${rules}`
const brief = async (yaml: string, version: PromVersion = '2.42', lint: 'none' | 'duplicate-rules' = 'duplicate-rules') =>
  (await lintText(yaml, 'f.yml', {version, lint, checks: PROMTOOL_RULE_CHECKS})).problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.check}`)

interface Case {
  name: string
  yaml: string
  version?: PromVersion
  expected: string[] // "line:col severity check"
}

const cases: Case[] = [
  {name: 'valid rules', yaml: group('  - alert: A\n    expr: up == 0\n    for: 5m\n  - record: job:up:sum\n    expr: sum by (job) (up)\n'), expected: []},
  {name: 'empty file', yaml: '', expected: []},
  {name: 'comments only', yaml: '# nothing\n', expected: []},
  {name: 'null groups', yaml: 'groups:\n', expected: []},
  // schema (yaml.v3 KnownFields + types)
  {name: 'top-level sequence', yaml: '- groups: []\n', expected: ['1:1 error rule/schema']},
  {name: 'top-level string', yaml: 'hello\n', expected: ['1:1 error rule/schema']},
  {name: 'unknown top-level key', yaml: 'groups: []\nnamespace: x\n', expected: ['2:1 error rule/schema']},
  {name: 'groups is a mapping', yaml: 'groups:\n  a: 1\n', expected: ['2:3 error rule/schema']},
  {name: 'unknown group field (2.42)', yaml: 'groups:\n- name: g\n  query_offset: 1m\n  labels: {a: b}\n  rules: []\n', expected: ['3:3 error rule/schema', '4:3 error rule/schema']},
  {name: 'group fields known in 3.x', yaml: 'groups:\n- name: g\n  query_offset: 1m\n  labels: {a: b}\n  rules: []\n', version: '3', expected: []},
  {name: 'unknown rule field', yaml: group('  - alert: A\n    expr: up\n    severity: page\n'), expected: ['6:5 error rule/schema']},
  {name: 'quoted limit', yaml: 'groups:\n- name: g\n  limit: "5"\n  rules: []\n', expected: ['3:10 error rule/schema']},
  {name: 'float and hex limits are fine', yaml: 'groups:\n- name: g\n  limit: 1.5\n  rules: []\n- name: h\n  limit: 0x10\n', expected: []},
  {name: 'sequence as group name', yaml: 'groups:\n- name: [g]\n  rules: []\n', expected: ['2:3 error group/name', '2:9 error rule/schema']},
  {name: 'labels as a list', yaml: group('  - alert: A\n    expr: up\n    labels: [a]\n'), expected: ['6:13 error rule/schema']},
  {name: 'label value that is a mapping', yaml: group('  - alert: A\n    expr: up\n    labels:\n      a:\n        b: c\n'), expected: ['8:9 error rule/schema']},
  {name: 'null label keys are dropped, as yaml.v3 does', yaml: group('  - alert: A\n    expr: up\n    labels:\n      ~: x\n'), expected: []},
  {name: 'scalars of any type are strings', yaml: group('  - alert: 1\n    expr: up\n    labels:\n      a: true\n      b: 2\n      c:\n'), expected: []},
  // durations
  {name: 'duration without unit', yaml: group('  - alert: A\n    expr: up\n    for: 5\n'), expected: ['6:10 error rule/schema']},
  {name: 'fractional and negative durations', yaml: 'groups:\n- name: g\n  interval: 1.5m\n  rules:\n  - alert: A\n    expr: up\n    keep_firing_for: -1m\n', expected: ['3:13 error rule/schema', '7:22 error rule/schema']},
  {name: 'zero, years and quoted durations', yaml: 'groups:\n- name: g\n  interval: "1y"\n  rules:\n  - alert: A\n    expr: up\n    for: 0\n', expected: []},
  // record / alert / expr
  {name: 'record and alert', yaml: group('  - record: r\n    alert: A\n    expr: up\n'), expected: ['4:13 error rule/schema', '5:12 error rule/schema']},
  {name: 'neither record nor alert', yaml: group('  - expr: up\n'), expected: ['4:5 error rule/schema']},
  {name: 'missing expr', yaml: group('  - alert: A\n    for: 1m\n'), expected: ['4:5 error rule/schema']},
  {name: 'empty expr', yaml: group('  - alert: A\n    expr: ""\n'), expected: ['5:11 error rule/schema']},
  {name: 'null-looking alert and expr are text', yaml: group('  - alert: ~\n    expr: null\n'), expected: []},
  {name: 'null rule items are dropped, as yaml.v3 does', yaml: group('  -\n  - alert: A\n    expr: up\n'), expected: []},
  // recording rules
  {name: 'recording rule with for', yaml: group('  - record: r\n    expr: up\n    for: 1m\n'), expected: ['4:13 error rule/recording']},
  {name: 'recording rule with zero for and empty annotations', yaml: group('  - record: r\n    expr: up\n    for: 0s\n    annotations: {}\n'), expected: []},
  {name: 'recording rule with annotations and keep_firing_for', yaml: group('  - record: r\n    expr: up\n    keep_firing_for: 5m\n    annotations:\n      a: b\n'), expected: ['4:13 error rule/recording', '4:13 error rule/recording']},
  {name: 'invalid recording rule name', yaml: group('  - record: a-b\n    expr: up\n'), expected: ['4:13 error rule/recording']},
  {name: 'braces in the name (3.x)', yaml: group('  - record: a{b="c"}\n    expr: up\n'), version: '3', expected: ['4:13 error rule/recording']},
  {name: 'UTF-8 recording rule name (3.x)', yaml: group('  - record: a.b-c\n    expr: up\n'), version: '3', expected: []},
  // labels and annotations
  {name: 'classic label names in 2.42', yaml: group('  - alert: A\n    expr: up\n    labels:\n      bad-name: x\n    annotations:\n      a.b: y\n'), expected: ['7:7 error rule/labels', '9:7 error rule/labels']},
  {name: 'UTF-8 label names in 3.x', yaml: group('  - alert: A\n    expr: up\n    labels:\n      bad-name: x\n    annotations:\n      a.b: y\n'), version: '3', expected: []},
  {name: '__name__ label', yaml: group('  - record: r\n    expr: up\n    labels:\n      __name__: x\n'), version: '3', expected: ['7:7 error rule/labels']},
  {name: 'invalid group label (3.x)', yaml: 'groups:\n- name: g\n  labels:\n    __name__: x\n  rules: []\n', version: '3', expected: ['4:5 error rule/labels']},
  // groups
  {name: 'empty and repeated group names', yaml: 'groups:\n- name: ""\n  rules: []\n- name: a\n- name: a\n', expected: ['2:3 error group/name', '5:3 error group/name']},
  {name: 'null groups are dropped', yaml: 'groups:\n-\n', expected: []},
  // PromQL positions inside the expression
  {name: 'PromQL error in a plain scalar', yaml: group('  - record: r\n    expr: sum(rate(foo))\n'), expected: ['5:20 error promql/syntax']}, // at foo, as promtool's 1:10
  {name: 'PromQL error in a double-quoted scalar', yaml: group('  - record: r\n    expr: "sum(rate(foo))"\n'), expected: ['5:21 error promql/syntax']},
  {name: 'PromQL error in a literal block', yaml: group('  - record: r\n    expr: |\n      sum(\n        rate(foo)\n      )\n'), expected: ['7:14 error promql/syntax']},
  {name: '3.x-only function under 2.42', yaml: group('  - record: r\n    expr: sort_by_label(up, "a")\n'), expected: ['5:11 error promql/syntax']},
  {name: '3.x-only function under 3', yaml: group('  - record: r\n    expr: sort_by_label(up, "a")\n'), version: '3', expected: []},
  // Go templates in alerting rules (parse only, promtool's prefix and function set)
  {name: 'unclosed action in an annotation', yaml: group('  - alert: A\n    expr: up\n    annotations:\n      summary: "{{ $labels.instance"\n'), expected: ['7:16 error template/syntax']},
  {name: 'unknown function and undefined variable in labels', yaml: group('  - alert: A\n    expr: up\n    labels:\n      a: "{{ nosuch . }}"\n      b: "{{ $nope }}"\n'), expected: ['7:10 error template/syntax', '8:10 error template/syntax']},
  {name: 'Prometheus template functions and variables are fine', yaml: group('  - alert: A\n    expr: up\n    annotations:\n      d: "{{ $value | humanize }} {{ $labels.job }} {{ $externalURL }} {{ query \\"up\\" | first | value }}"\n'), expected: []},
  {name: 'error on the second line of a block', yaml: group('  - alert: A\n    expr: up\n    annotations:\n      d: |\n        fine {{ $value }}\n        broken {{ end }}\n'), expected: ['9:9 error template/syntax']},
  {name: 'templates of recording rules are not parsed', yaml: group('  - record: r\n    expr: up\n    labels:\n      a: "{{ x"\n'), expected: []},
  // duplicates: a warning, like promtool's lint (exit 0)
  {name: 'duplicate rules', yaml: group('  - alert: A\n    expr: up\n  - alert: A\n    expr: down\n  - record: r\n    expr: up\n    labels: {a: b}\n  - record: r\n    expr: x\n    labels: {a: c}\n'), expected: ['6:12 warning rule/duplicate']},
  // YAML
  {name: 'tab indentation', yaml: 'groups:\n\t- name: g\n', expected: ['2:1 error yaml/parse']},
  {name: 'duplicate key', yaml: group('  - alert: A\n    expr: up\n    expr: down\n'), expected: ['6:5 error yaml/parse']},
  {name: 'bad indentation', yaml: group('  - alert: A\n     expr: up\n'), expected: ['4:12 error yaml/parse']},
  {name: 'second document: warning, ignored', yaml: 'groups: []\n---\ngroups: [1]\n', expected: ['2:1 warning yaml/multi-document']},
]

describe('lintText', () => {
  test.each(cases)('$name', async ({yaml, version, expected}) => {
    expect(await brief(yaml, version ?? '2.42')).toEqual(expected)
  })

  test.each(cases)('the full YAML parser finds the same: $name', async ({yaml, version}) => {
    const fast = (await lintText(yaml, 'f.yml', {checks: PROMTOOL_RULE_CHECKS, version: version ?? '2.42'})).problems
    const slow = (await lintText(yaml, 'f.yml', {checks: PROMTOOL_RULE_CHECKS, version: version ?? '2.42', fast: false})).problems
    expect(slow.map((p) => [p.check, p.severity])).toEqual(fast.map((p) => [p.check, p.severity]))
  })

  test('counts groups and rules; ok is false exactly with an error', async () => {
    const r = await lintText(group('  - alert: A\n    expr: up\n  - alert: A\n    expr: up\n'), 'f.yml', {checks: PROMTOOL_RULE_CHECKS, version: '2.42'})
    expect(r).toMatchObject({path: 'f.yml', ok: true, groups: 1, rules: 2, errors: 0, warnings: 1})
    expect((await lintText(group('  - alert: A\n'), 'f.yml', {checks: PROMTOOL_RULE_CHECKS})).ok).toBe(false)
  })

  test('--lint none drops the duplicate-rules lint', async () => {
    expect(await brief(group('  - alert: A\n    expr: up\n  - alert: A\n    expr: up\n'), '2.42', 'none')).toEqual([])
  })

  test('messages say what is wrong and carry a hint', async () => {
    const [p] = (await lintText(group('  - alert: A\n    expr: up\n    for: 5\n'), 'f.yml', {checks: PROMTOOL_RULE_CHECKS})).problems
    expect(p).toMatchObject({message: 'not a valid duration for "for": "5"'})
    expect(p!.hint).toMatch(/5m/)
    const [d] = (await lintText(group('  - alert: A\n    expr: up\n    expr: down\n'), 'f.yml', {checks: PROMTOOL_RULE_CHECKS})).problems
    expect(d!.message).toBe('duplicate key "expr" in a mapping')
  })
})

describe('PrometheusRule manifests', () => {
  const manifest = [
    'apiVersion: monitoring.coreos.com/v1',
    'kind: PrometheusRule',
    'metadata:',
    '  name: x',
    'spec:',
    '  groups:',
    '  - name: g',
    '    rules:',
    '    - alert: A',
    '      expr: rate(foo)',
    '',
  ].join('\n')
  test('spec.groups is checked, positions point into the manifest', async () => {
    const r = await lintText(manifest, 'm.yml', {checks: PROMTOOL_RULE_CHECKS, version: '2.42'})
    expect(r.rules).toBe(1)
    expect(r.problems.map((p) => `${p.line}:${p.column} ${p.check}`)).toEqual(['10:18 promql/syntax'])
  })
})

describe('suppression comments', () => {
  test.each([
    ['on the line', group('  - alert: A\n    expr: up\n    for: 5 # spock disable rule/schema\n'), 0],
    ['on the line before', group('  - alert: A\n    expr: up\n    # spock disable rule/schema\n    for: 5\n'), 0],
    ['for the whole file', '# spock disable-file all\n' + group('  - alert: A\n    expr: up\n    for: 5\n'), 0],
    ['another check id', group('  - alert: A\n    expr: up\n    for: 5 # spock disable promql/syntax\n'), 1],
  ])('%s', async (_name, yaml, left) => {
    expect((await lintText(yaml, 'f.yml', {checks: PROMTOOL_RULE_CHECKS})).problems).toHaveLength(left)
  })
})

describe('pathological input never crashes', () => {
  test.each([
    ['deep flow nesting', '['.repeat(100_000)],
    ['deep sequence nesting', '- '.repeat(20_000) + 'x\n'],
    ['deep block nesting', Array.from({length: 3000}, (_, i) => ' '.repeat(i) + 'a:').join('\n')],
    ['control characters', '\0\0\0'],
    ['unterminated escape', '"\\'],
  ])('%s: a YAML/schema error', async (_name, text) => {
    const r = await lintText(text, 'x.yml', {checks: PROMTOOL_RULE_CHECKS})
    expect(r.ok).toBe(false)
  })
  test('a 5000-deep PromQL expression is skipped with a warning (promtool accepts it)', async () => {
    const r = await lintText(group(`  - alert: A\n    expr: ${'('.repeat(5000)}up${')'.repeat(5000)}\n`), 'x.yml', {checks: PROMTOOL_RULE_CHECKS})
    expect(r).toMatchObject({ok: true, problems: [{check: 'promql/syntax', severity: 'warning'}]})
  })
})
