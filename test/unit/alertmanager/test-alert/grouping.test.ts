import {expect, test} from 'vitest'
import {checkAlertmanagerConfig} from '../../../../src/alertmanager/config/validate.js'
import {buildRouteTree} from '../../../../src/alertmanager/routing.js'
import {labelSetString, routeKey} from '../../../../src/alertmanager/group-key.js'
import {forecast} from '../../../../src/test-alert/grouping.js'
import {planTestAlert} from '../../../../src/test-alert/plan.js'

const yaml = `route:
  receiver: default
  group_by: [alertname, cluster]
  group_wait: 2s
  group_interval: 1m
  routes:
    - matchers: ['alertname="Watchdog"']
      receiver: watchdog
    - matchers: ['team="db"', 'env=~"prod|stage"']
      receiver: db
      group_by: [team]
    - matchers: ['team="all"']
      receiver: all
      group_by: ['...']
receivers:
  - name: default
    webhook_configs: [{url: 'http://x/'}]
  - name: watchdog
  - name: db
    webhook_configs: [{url: 'http://x/'}]
  - name: all
    webhook_configs: [{url: 'http://x/'}]
`
const config = checkAlertmanagerConfig(yaml, 'am.yml').config!
const tree = buildRouteTree(config)
const plan = (receiver: string, labels: Record<string, string> = {}) =>
  planTestAlert(config, tree, {receiver, labels: {spock_test_id: '0123456789abcdef', ...labels}, defaults: {alertname: 'SpockTestAlert'}})

test("group keys are Alertmanager's: route matchers joined by '/', then the sorted group labels", () => {
  expect(routeKey(tree, [1])).toBe('{}/{env=~"prod|stage",team="db"}')
  expect(labelSetString({team: 'db', alertname: 'X'})).toBe('{alertname="X", team="db"}')
})

test('a receiver with no integrations is not planned: nothing would be sent', () => {
  expect(plan('watchdog')).toMatchObject({targets: [], unreachable: [{receiver: 'watchdog', reason: 'receiver "watchdog" has no integrations: nothing was sent'}]})
})

test('alertname gets a unique suffix when the route groups by it but not by spock_test_id', () => {
  const t = plan('default').targets[0]!
  expect(t.labels.alertname).toBe('SpockTestAlert-01234567')
  expect(forecast(tree, t.labels, t.uniqueLabels, [])).toMatchObject([{group: 'fresh', within: 2, groupKey: '{}:{alertname="SpockTestAlert-01234567"}'}])
})

test('grouping only by a routing label: the group may exist; listed means up to group_interval', () => {
  const t = plan('db').targets[0]!
  expect(t.labels.alertname).toBe('SpockTestAlert')
  expect(forecast(tree, t.labels, t.uniqueLabels, [])).toMatchObject([{group: 'unknown', within: 60}])
  const listed = [{receiver: 'db', labels: {team: 'db'}}]
  expect(forecast(tree, t.labels, t.uniqueLabels, listed)).toMatchObject([
    {group: 'existing', within: 60, reason: 'group {}/{env=~"prod|stage",team="db"}:{team="db"} already exists and flushes every 1m (group_interval)'},
  ])
})

test("group_by ['...'] always makes a new group", () => {
  const t = plan('all').targets[0]!
  expect(t.labels.alertname).toBe('SpockTestAlert')
  expect(forecast(tree, t.labels, t.uniqueLabels, [{receiver: 'all', labels: {}}])[0]!.group).toBe('fresh')
})

test('--label alertname is the user\'s choice: kept, and may reach a route that names it', () => {
  expect(plan('default', {alertname: 'Mine'}).targets[0]!.labels.alertname).toBe('Mine')
})
