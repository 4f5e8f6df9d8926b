import {describe, expect, test} from 'vitest'
import {checkAlertmanagerConfig} from '../../../src/alertmanager/config/validate.js'
import type {AlertmanagerConfig} from '../../../src/alertmanager/config/model.js'
import {loadAlertmanagerConfig} from '../../../src/alertmanager/config/validate.js'
import {ConfigError, UsageError} from '../../../src/errors.js'
import {buildRouteTree, inhibition, inhibits, matchRoutes, parseLabelArgs, receiversMatch, routeAt, testRoutes} from '../../../src/alertmanager/routing.js'

function load(yaml: string): AlertmanagerConfig {
  const {problems, config} = checkAlertmanagerConfig(yaml, 'am.yml', {templates: false})
  expect(problems.filter((p) => p.severity === 'error')).toEqual([])
  return config!
}

// The tree of Alertmanager's doc/examples/simple.yml, trimmed.
const CONFIG = load(`
route:
  receiver: default
  group_by: [alertname, cluster]
  group_wait: 10s
  routes:
    - matchers: [service=~"foo1|foo2|baz"]
      receiver: team-X-mails
      routes:
        - matchers: [severity="critical"]
          receiver: team-X-pager
    - match: {service: files}
      receiver: team-Y-mails
      group_by: ['...']
    - matchers: [service="database"]
      receiver: team-DB-pager
      group_by: [alertname, instance]
      repeat_interval: 1h
      routes:
        - matchers: [owner="team-X"]
          receiver: team-X-pager
          continue: true
        - matchers: [owner=~"team-.*"]
          receiver: team-Y-pager
receivers:
  - name: default
  - name: team-X-mails
  - name: team-X-pager
  - name: team-Y-mails
  - name: team-DB-pager
  - name: team-Y-pager
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [alertname, cluster]
  - source_match: {alertname: NodeDown}
    target_match_re: {alertname: ".+"}
    equal: [instance]
`)
const TREE = buildRouteTree(CONFIG)

type Labels = Record<string, string>

describe('matchRoutes', () => {
  test.each<{labels: Labels; receivers: string[]; paths: number[][]}>([
    {labels: {}, receivers: ['default'], paths: [[]]},
    {labels: {service: 'foo1'}, receivers: ['team-X-mails'], paths: [[0]]},
    {labels: {service: 'foo2', severity: 'critical'}, receivers: ['team-X-pager'], paths: [[0, 0]]},
    {labels: {service: 'foo'}, receivers: ['default'], paths: [[]]}, // regex is anchored
    {labels: {service: 'files', severity: 'critical'}, receivers: ['team-Y-mails'], paths: [[1]]},
    {labels: {service: 'database'}, receivers: ['team-DB-pager'], paths: [[2]]},
    {labels: {service: 'database', owner: 'team-X'}, receivers: ['team-X-pager', 'team-Y-pager'], paths: [[2, 0], [2, 1]]}, // continue
    {labels: {service: 'database', owner: 'team-Z'}, receivers: ['team-Y-pager'], paths: [[2, 1]]},
  ])('$labels → $receivers', ({labels, receivers, paths}) => {
    const matches = matchRoutes(TREE, labels)
    expect(matches.map((m) => m.receiver)).toEqual(receivers)
    expect(matches.map((m) => m.path)).toEqual(paths)
  })

  test('options are inherited and overridden as Alertmanager does', () => {
    // Given the tree, When looking at nested routes, Then unset options come from the parent
    expect(routeAt(TREE, [0, 0])).toMatchObject({groupBy: ['alertname', 'cluster'], groupWait: 10_000, groupInterval: 300_000, repeatInterval: 14_400_000})
    expect(routeAt(TREE, [1])).toMatchObject({groupByAll: true})
    expect(routeAt(TREE, [2, 1])).toMatchObject({groupBy: ['alertname', 'instance'], repeatInterval: 3_600_000, receiver: 'team-Y-pager'})
    expect(routeAt(TREE, [9])).toBeUndefined()
  })

  test('a child without a receiver uses its parent\'s', () => {
    const tree = buildRouteTree(load('route:\n  receiver: a\n  routes:\n  - matchers: [x="1"]\nreceivers:\n- name: a\n'))
    expect(matchRoutes(tree, {x: '1'})).toMatchObject([{receiver: 'a', path: [0]}])
  })

  test('a config without a route cannot build a tree', () => {
    expect(() => buildRouteTree({receivers: [], inhibitRules: [], templates: [], timeIntervals: []})).toThrow(/no route/)
  })
})

describe('inhibition', () => {
  test.each<{name: string; source: Labels; target: Labels; rules: number[]}>([
    {name: 'critical mutes warning with equal labels', source: {severity: 'critical', alertname: 'A', cluster: 'c1'}, target: {severity: 'warning', alertname: 'A', cluster: 'c1'}, rules: [0]},
    {name: 'equal labels differ', source: {severity: 'critical', alertname: 'A', cluster: 'c1'}, target: {severity: 'warning', alertname: 'A', cluster: 'c2'}, rules: []},
    {name: 'missing equal labels count as equal (both empty)', source: {severity: 'critical'}, target: {severity: 'warning'}, rules: [0]},
    {name: 'target does not match', source: {severity: 'critical'}, target: {severity: 'info'}, rules: []},
    {name: 'match_re rule', source: {alertname: 'NodeDown', instance: 'i1'}, target: {alertname: 'DiskFull', instance: 'i1'}, rules: [1]},
    {name: 'an alert matching both sides does not inhibit an alert matching both sides', source: {alertname: 'NodeDown', instance: 'i1'}, target: {alertname: 'NodeDown', instance: 'i1'}, rules: []},
  ])('$name', ({source, target, rules}) => {
    expect(inhibition(CONFIG, source, target).rules).toEqual(rules)
    expect(inhibits(CONFIG, source, target)).toBe(rules.length > 0)
  })
})

describe('routes test helpers', () => {
  test('label arguments: name=value, quoted values, UTF-8 names when quoted', () => {
    expect(parseLabelArgs(['service=database', 'owner="team X"', '"dotted.name"=x']).labels).toEqual({service: 'database', owner: 'team X', 'dotted.name': 'x'})
  })

  test.each(['severity!=critical', 'a=~b'])('%s is not a label', (arg) => {
    expect(() => parseLabelArgs([arg])).toThrow(UsageError)
  })

  test('testRoutes gives receivers and the matched routes with their positions', () => {
    const r = testRoutes(TREE, {service: 'database', owner: 'team-X'})
    expect(r.receivers).toEqual(['team-X-pager', 'team-Y-pager'])
    expect(r.routes).toEqual([
      {receiver: 'team-X-pager', path: [3, 1], matchers: [{name: 'owner', value: 'team-X', isRegex: false, isEqual: true}], line: 20, column: 11},
      {receiver: 'team-Y-pager', path: [3, 2], matchers: [{name: 'owner', value: 'team-.*', isRegex: true, isEqual: true}], line: 23, column: 11},
    ])
  })

  test('receiversMatch is exact and ordered, as --verify.receivers', () => {
    expect(receiversMatch(['a', 'b'], 'a,b')).toBe(true)
    expect(receiversMatch(['a', 'b'], 'b,a')).toBe(false)
    expect(receiversMatch(['a'], 'a,b')).toBe(false)
  })
})

describe('loadAlertmanagerConfig', () => {
  test('returns the routing model of a valid file', () => {
    expect(loadAlertmanagerConfig('route:\n  receiver: r\nreceivers:\n- name: r\n', 'am.yml').route?.receiver).toBe('r')
  })

  test('throws a ConfigError naming the first error and how many more', () => {
    const bad = 'route:\n  receiver: x\n  group_wait: soon\nreceivers:\n- name: r\n'
    expect(() => loadAlertmanagerConfig(bad, 'am.yml')).toThrow(ConfigError)
    expect(() => loadAlertmanagerConfig(bad, 'am.yml')).toThrow('am.yml:2:13: undefined receiver "x" used in route (and 1 more errors)')
  })
})
