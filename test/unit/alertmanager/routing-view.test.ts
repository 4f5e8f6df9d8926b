import {describe, expect, test} from 'vitest'
import {ConfigError} from '../../../src/errors.js'
import {checkAlertmanagerConfig} from '../../../src/alertmanager/config/validate.js'
import {buildRouteTree} from '../../../src/alertmanager/routing.js'
import {renderMatchingTree, renderRouteTree} from '../../../src/output/route-view.js'
import {parseRouteCases, runRouteCases} from '../../../src/alertmanager/route-cases.js'

const YAML = `
route:
  receiver: default
  group_by: [alertname]
  routes:
    - match_re: {test: "^[12]$"}
      receiver: test1
      continue: true
    - match: {test: "2"}
      receiver: test2
      group_wait: 1m
      routes:
        - matchers: [severity="critical"]
          receiver: pager
receivers: [{name: default}, {name: test1}, {name: test2}, {name: pager}]
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
`
const {config} = checkAlertmanagerConfig(YAML, 'am.yml', {templates: false})
const TREE = buildRouteTree(config!)

describe('routes show', () => {
  test('amtool layout (details none), including treeprint\'s no-break spaces', () => {
    expect(renderRouteTree(TREE, {details: 'none'}).replace(/\u00a0/g, '~')).toMatchInlineSnapshot(`
      ".
      └── default-route  receiver: default
          ├── {test=~"^(?:^[12]$)$"}  continue: true  receiver: test1
          └── {test="2"}  receiver: test2
              └── {severity="critical"}  receiver: pager"
    `)
  })

  test('default details add group_by and timers where a route changes them', () => {
    expect(renderRouteTree(TREE).split('\n')).toMatchInlineSnapshot(`
      [
        ".",
        "└── default-route  receiver: default  group_by: [alertname]  group_wait: 30s  group_interval: 5m  repeat_interval: 4h",
        "    ├── {test=~"^(?:^[12]$)$"}  continue: true  receiver: test1",
        "    └── {test="2"}  receiver: test2  group_wait: 1m",
        "        └── {severity="critical"}  receiver: pager",
      ]
    `)
  })
})

describe('routes test --tree', () => {
  test('shows the matched branches, receivers at the leaves', () => {
    expect(renderMatchingTree(TREE, {test: '2', severity: 'critical'}).replace(/\u00a0/g, '~')).toMatchInlineSnapshot(`
      ".
      └── default-route
          ├── {test=~"^(?:^[12]$)$"}  receiver: test1
          └── {test="2"}
              └── {severity="critical"}  receiver: pager"
    `)
  })

  test('no child matches: the root is the leaf', () => {
    expect(renderMatchingTree(TREE, {})).toBe('.\n└── default-route  receiver: default')
  })
})

describe('routes test --file (batch cases)', () => {
  const CASES = `
cases:
  - name: two receivers
    labels: {test: "2"}
    receivers: [test1, test2]
  - labels: {test: "3"}
    receivers: [test1]
  - name: warning muted by critical
    labels: {severity: warning}
    receivers: [default]
    inhibited_by: {severity: critical}
`

  test('parses cases with positions and default names', () => {
    expect(parseRouteCases(CASES, 'cases.yml')).toMatchObject([
      {name: 'two receivers', labels: {test: '2'}, receivers: ['test1', 'test2'], line: 3},
      {name: 'case 2', receivers: ['test1'], line: 6},
      {name: 'warning muted by critical', inhibitedBy: {severity: 'critical'}, inhibited: true, line: 8},
    ])
  })

  test('runs them: pass, fail, inhibition', () => {
    const report = runRouteCases(config!, TREE, parseRouteCases(CASES, 'cases.yml'))
    expect(report.results.map((r) => [r.case.name, r.pass, r.receivers.join(',')])).toEqual([
      ['two receivers', true, 'test1,test2'],
      ['case 2', false, 'default'],
      ['warning muted by critical', true, 'default'],
    ])
    expect(report).toMatchObject({passed: 2, failed: 1})
    expect(report.results[0]!.paths).toEqual([[0], [1]])
  })

  test('a bare list of cases works too', () => {
    expect(parseRouteCases('- labels: {a: b}\n  receivers: [default]\n', 'c.yml')).toHaveLength(1)
  })

  test.each([
    ['cases:\n  - labels: {a: b}\n', /cases.yml:2:5: a case needs "receivers"/],
    ['cases:\n  - labels: {a: b}\n    receivers: [x]\n    expected: [y]\n', /4:5: unknown field "expected" in case/],
    ['cases: [\n', /cases.yml:/],
  ])('a bad cases file is a ConfigError naming the position: %s', (text, message) => {
    expect(() => parseRouteCases(text, 'cases.yml')).toThrow(ConfigError)
    expect(() => parseRouteCases(text, 'cases.yml')).toThrow(message)
  })
})
