import {describe, expect, test} from 'vitest'
import {checkAlertmanagerConfig} from '../../../../src/alertmanager/config/validate.js'
import {matchRoutes, buildRouteTree} from '../../../../src/alertmanager/routing.js'
import {planTestAlert} from '../../../../src/test-alert/plan.js'
import {regexSamples, valueFor} from '../../../../src/test-alert/sample.js'
import type {Matcher} from '../../../../src/model/matchers.js'

const m = (name: string, type: Matcher['type'], value: string): Matcher => ({name, type, value})

describe('valueFor', () => {
  test.each([
    {ms: [m('a', '=', 'x')], expected: 'x'},
    {ms: [m('a', '=~', 'critical|page')], expected: 'critical'},
    {ms: [m('a', '=~', 'db-[0-9]+')], expected: 'db-0'},
    {ms: [m('a', '=~', '(prod|staging)-eu')], expected: 'prod-eu'},
    {ms: [m('a', '=~', '.+')], expected: 'x'},
    {ms: [m('a', '!=', '')], expected: 'spock-test'},
    {ms: [m('a', '!~', 'x|y')], expected: ''},
    {ms: [m('a', '=~', 'p.*'), m('a', '!=', 'p')], expected: 'page'},
    {ms: [m('a', '=', 'x'), m('a', '=', 'y')], expected: undefined},
  ])('$ms.0.type $ms.0.value → $expected', ({ms, expected}) => {
    expect(valueFor(ms)).toBe(expected)
  })

  test('regex samples are only guesses; valueFor checks them', () => {
    expect(regexSamples('^(?:foo|bar)$')).toContain('foo')
    expect(valueFor([m('a', '=~', '[^a-z]+')])).toBe('_')
  })
})

const yaml = `route:
  receiver: fallback
  routes:
    - matchers: ['team="db"']
      receiver: db-slack
      continue: true
    - matchers: ['team="db"']
      receiver: db-pager
    - matchers: ['severity="critical"']
      receiver: everyone
      routes:
        - matchers: ['service=~"api|web"']
          receiver: web-pager
    - matchers: ['service="api"']
      receiver: api-mail
receivers:
  - name: fallback
  - name: db-slack
    slack_configs: [{api_url: 'http://slack.invalid/x', channel: '#db'}]
  - name: db-pager
    pagerduty_configs: [{routing_key: k}]
  - name: everyone
    email_configs: [{to: a@b.c, from: x@y.z, smarthost: 'h:25'}]
  - name: web-pager
    pagerduty_configs: [{routing_key: k}]
  - name: api-mail
    email_configs: [{to: a@b.c, from: x@y.z, smarthost: 'h:25'}]
`

describe('planTestAlert', () => {
  const {config, problems} = checkAlertmanagerConfig(yaml, 'am.yml', {templates: false})
  const tree = buildRouteTree(config!)
  const fixed = {labels: {spock_test_id: 't1'}, defaults: {alertname: 'SpockTestAlert'}}

  test('the config is valid', () => expect(problems.filter((p) => p.severity === 'error')).toEqual([]))

  test('every planned label set really routes to its receiver (checked against the route tree)', () => {
    const plan = planTestAlert(config!, tree, {channel: 'pagerduty', ...fixed})
    expect(plan.unreachable).toEqual([])
    for (const t of plan.targets) expect(matchRoutes(tree, t.labels).map((x) => x.receiver)).toEqual(t.reaches)
    expect(plan.targets.map((t) => [t.receiver, t.reaches])).toEqual([
      ['db-pager', ['db-slack', 'db-pager']],
      ['web-pager', ['web-pager']],
    ])
    expect(plan.targets[1]!.labels).toMatchObject({severity: 'critical', service: 'api'})
  })

  test('a route shadowed by an earlier sibling is reached by steering around it', () => {
    // api-mail needs service="api"; the earlier severity="critical" sibling must not match, so severity stays unset.
    const plan = planTestAlert(config!, tree, {receiver: 'api-mail', ...fixed})
    expect(plan.targets[0]).toMatchObject({receiver: 'api-mail', reaches: ['api-mail']})
    expect(plan.targets[0]!.labels.severity).toBeUndefined()
  })

  test('--label values are kept; a route that needs another value is unreachable', () => {
    const plan = planTestAlert(config!, tree, {receiver: 'db-pager', labels: {spock_test_id: 't1', team: 'web'}, defaults: {}})
    expect(plan.targets).toEqual([])
    expect(plan.unreachable[0]!.reason).toMatch(/^the route to "db-pager" \(line 7\) needs \{.*team="db".*\}, but --label sets team="web"$/)
  })

  test('unknown receiver or channel explains what exists', () => {
    expect(() => planTestAlert(config!, tree, {receiver: 'nope', ...fixed})).toThrowError(/receiver "nope" is not defined/)
    expect(() => planTestAlert(config!, tree, {channel: 'telegram', ...fixed})).toThrowError(/no receiver has a telegram integration/)
  })
})
