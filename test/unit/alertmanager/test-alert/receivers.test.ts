// test-alert by receiver: why a receiver has no label set (which decides the temporary path), route paths
// counted from 1, the temporary Alertmanager's config, and --annotation parsing.
import {describe, expect, test} from 'vitest'
import {checkAlertmanagerConfig} from '../../../../src/alertmanager/config/validate.js'
import {buildRouteTree} from '../../../../src/alertmanager/routing.js'
import {annotationArgs} from '../../../../src/test-alert/annotations.js'
import {planTestAlert} from '../../../../src/test-alert/plan.js'
import {temporaryConfig} from '../../../../src/test-alert/temporary-config.js'

const yaml = `route:
  receiver: fallback
  routes:
    - matchers: ['team="db"']
      receiver: db
    - matchers: ['team="db"']
      receiver: shadowed
    - matchers: ['alertname="Watchdog"']
      receiver: dms
receivers:
  - name: fallback
    webhook_configs: [{url: 'http://hook.invalid/a'}]
  - name: db
    webhook_configs: [{url: 'http://hook.invalid/b'}]
  - name: shadowed
    webhook_configs: [{url: 'http://hook.invalid/c'}]
  - name: dms
    webhook_configs: [{url: 'http://hook.invalid/d'}]
  - name: orphan
    slack_configs: [{api_url: 'http://slack.invalid/secret-path', channel: '#x'}]
  - name: blackhole
`

describe('planTestAlert --all-receivers', () => {
  const {config} = checkAlertmanagerConfig(yaml, 'am.yml', {templates: false})
  const tree = buildRouteTree(config!)
  const plan = planTestAlert(config!, tree, {allReceivers: true, labels: {spock_test_id: 't1'}, defaults: {alertname: 'SpockTestAlert'}})

  test('every receiver is planned once: a target or a reason with its kind', () => {
    // Then fallback and db are targets, route paths counted from 1 (the root is [])
    expect(plan.targets.map((t) => [t.receiver, t.routePath])).toEqual([
      ['fallback', []],
      ['db', [1]],
    ])
    expect(plan.unreachable.map((u) => [u.receiver, u.kind])).toEqual([
      ['shadowed', 'shadowed'],
      ['dms', 'needs-labels'],
      ['orphan', 'no-route'],
      ['blackhole', 'no-integrations'],
    ])
    expect(plan.unreachable.find((u) => u.receiver === 'orphan')!.reason).toBe('no route sends alerts to "orphan"')
  })
})

describe('temporaryConfig', () => {
  const raw = {
    global: {resolve_timeout: '5m', smtp_smarthost: 'mail:25', smtp_auth_password: '<secret>', slack_api_url: '<secret>'},
    templates: ['tmpl/*.tmpl', '/etc/am/abs.tmpl'],
    route: {receiver: 'a', routes: [{receiver: 'b'}]},
    receivers: [
      {name: 'a', webhook_configs: [{url: 'http://a.invalid/x', http_config: {bearer_token_file: 'token'}}]},
      {name: 'mail', email_configs: [{to: 'x@y.z'}]},
      {name: 'masked', webhook_configs: [{url: '<secret>'}]},
    ],
    inhibit_rules: [{source_matchers: ['a="b"'], target_matchers: ['c="d"']}],
  }

  test('one root route to the receiver; global, templates and the receiver kept; paths resolved against the config directory', () => {
    const made = temporaryConfig(raw, 'a', '/etc/alertmanager')
    expect(made).toEqual({
      document: {
        global: {resolve_timeout: '5m', smtp_smarthost: 'mail:25'}, // masked settings of other channels left out
        templates: ['/etc/alertmanager/tmpl/*.tmpl', '/etc/am/abs.tmpl'],
        route: {receiver: 'a', group_by: ['...'], group_wait: '0s', group_interval: '1s', repeat_interval: '1h'},
        receivers: [{name: 'a', webhook_configs: [{url: 'http://a.invalid/x', http_config: {bearer_token_file: '/etc/alertmanager/token'}}]}],
      },
      secrets: ['http://a.invalid/x'],
    })
  })

  test('a masked secret the receiver needs (its own or a global one): refused, with --config as the way out', () => {
    expect(temporaryConfig(raw, 'masked', undefined)).toEqual({refused: expect.stringMatching(/^the running config has receiver "masked"'s secrets masked as <secret>.*; pass --config alertmanager\.yml$/)})
    expect(temporaryConfig(raw, 'mail', undefined)).toEqual({refused: expect.stringContaining('global.smtp_auth_password')})
  })
})

describe('annotationArgs', () => {
  test('k=v pairs, values may hold "="; --summary and --description win', () => {
    expect(annotationArgs(['runbook=https://x/?a=b', 'summary=from-annotation'], 'S', undefined)).toEqual({runbook: 'https://x/?a=b', summary: 'S'})
  })
  test('not k=v: a usage error naming the argument', () => {
    expect(() => annotationArgs(['oops'])).toThrow('--annotation "oops" is not NAME=VALUE')
  })
})
