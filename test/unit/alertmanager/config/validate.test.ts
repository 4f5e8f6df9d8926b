import {describe, expect, test} from 'vitest'
import {checkAlertmanagerConfig, hasErrors} from '../../../../src/alertmanager/config/validate.js'
import type {TemplateSource} from '../../../../src/alertmanager/config/templates.js'
import {AM_CASES} from './am-cases.js'

const FILE = '/cfg/alertmanager.yml'
const noTemplates = {templates: false} as const

function errors(yaml: string, opts: Parameters<typeof checkAlertmanagerConfig>[2] = noTemplates): string[] {
  return checkAlertmanagerConfig(yaml, FILE, opts).problems.filter((p) => p.severity === 'error').map((p) => `${p.line}:${p.column} ${p.check} ${p.message}`)
}

function findings(yaml: string, opts: Parameters<typeof checkAlertmanagerConfig>[2] = noTemplates): string[] {
  return checkAlertmanagerConfig(yaml, FILE, opts).problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.check} ${p.message}`)
}

describe('amtool 0.25 verdicts on small cases', () => {
  test.each(AM_CASES)('$name: amtool exit $amtoolExit', ({yaml, amtoolExit}) => {
    const {problems} = checkAlertmanagerConfig(yaml, FILE, noTemplates)
    expect(hasErrors(problems)).toBe(amtoolExit !== 0)
  })

  // amtool names a line for YAML type errors; spock must point at the same line
  const withLine = AM_CASES.filter((c) => /line (\d+)/.test(c.amtoolMessage))
  test.each(withLine)('$name: an error on amtool\'s line', ({yaml, amtoolMessage}) => {
    const line = Number(/line (\d+)/.exec(amtoolMessage)![1])
    const lines = checkAlertmanagerConfig(yaml, FILE, noTemplates).problems.filter((p) => p.severity === 'error').map((p) => p.line)
    expect(lines).toContain(line)
  })
})

describe('all errors at once, with positions', () => {
  test('three independent errors are all reported', () => {
    const yaml = [
      'global:',
      '  resolve_timeout: 5', // 2: bad duration
      'route:',
      '  receiver: team',
      '  routes:',
      '  - receiver: nobody', // 6: undefined receiver
      '    group_by: [a, a]', // 7: duplicate
      'receivers:',
      '- name: team',
      '  webhook_configs:',
      '  - url: ftp://example.com/', // 11: scheme
    ].join('\n')
    expect(errors(yaml)).toMatchInlineSnapshot(`
      [
        "2:20 am/schema resolve_timeout: not a valid duration string: "5"",
        "6:15 am/receiver-undefined undefined receiver "nobody" used in route",
        "7:15 am/schema duplicated label "a" in group_by",
        "11:10 am/schema url: unsupported scheme "ftp" for URL",
      ]
    `)
  })

  test('a YAML syntax error is a yaml/parse problem with its position', () => {
    const [first] = checkAlertmanagerConfig('route:\n  receiver: [x\n', FILE, noTemplates).problems
    expect(first).toMatchObject({check: 'yaml/parse', severity: 'error', file: FILE})
    expect(first!.line).toBeGreaterThan(0)
  })

  test('a second YAML document is ignored, with a warning', () => {
    const yaml = 'route:\n  receiver: r\nreceivers:\n- name: r\n---\nroute: 5\n'
    expect(findings(yaml)).toEqual(['0:0 warning yaml/multi-document the file has 2 YAML documents; Alertmanager reads only the first'])
  })

  test('an empty file has no route', () => {
    expect(errors('')).toEqual(['0:0 am/root-route no route provided in config'])
  })

  test('no cascade: an invalid URL is not also reported as missing', () => {
    const yaml = 'route:\n  receiver: r\nreceivers:\n- name: r\n  webhook_configs:\n  - url: "http://a b/"\n'
    expect(errors(yaml)).toEqual(['6:10 am/schema url: invalid character " " in host name'])
  })

  test('an unknown field from a newer release says so', () => {
    const yaml = 'route:\n  receiver: r\nreceivers:\n- name: r\n  msteams_configs:\n  - webhook_url: http://a/\n'
    const [p] = checkAlertmanagerConfig(yaml, FILE, noTemplates).problems
    expect(p).toMatchObject({line: 5, column: 3, message: 'unknown field "msteams_configs" in receiver'})
    expect(p!.hint).toContain('later release')
  })
})

describe('schema version', () => {
  const newer = [
    'global:',
    '  slack_app_token: xoxb-1',
    'route:',
    '  receiver: r',
    'receivers:',
    '- name: r',
    '  msteamsv2_configs:',
    '  - webhook_url: https://example.com/hook',
    '  slack_configs:',
    '  - channel: "#x"',
    '  telegram_configs:',
    '  - bot_token_file: /run/secret',
    '    chat_id: 5',
  ].join('\n')

  test('0.25 (the default) rejects fields Alertmanager 0.25 does not know', () => {
    expect(errors(newer).length).toBeGreaterThan(0)
  })

  test('latest accepts them', () => {
    expect(errors(newer, {templates: false, version: 'latest'})).toEqual([])
  })

  test('matchers: 0.25 uses the classic parser; latest the UTF-8 parser with classic fallback', () => {
    const yaml = 'route:\n  receiver: r\n  routes:\n  - matchers: [\'"service.name"="api"\']\n    receiver: r\nreceivers:\n- name: r\n'
    expect(errors(yaml)).toHaveLength(1)
    expect(errors(yaml, {templates: false, version: 'latest'})).toEqual([])
    const {config} = checkAlertmanagerConfig(yaml, FILE, {templates: false, version: 'latest'})
    expect(config?.route?.routes[0]?.matchers).toEqual([{name: 'service.name', type: '=', value: 'api'}])
  })

  test('latest still checks the newer integrations', () => {
    const yaml = 'route:\n  receiver: r\nreceivers:\n- name: r\n  msteams_configs:\n  - title: x\n'
    expect(errors(yaml, {templates: false, version: 'latest'})).toEqual(['6:5 am/integration one of webhook_url or webhook_url_file must be configured'])
  })
})

describe('secrets never appear in results', () => {
  const SECRETS = ['hunter2-smtp', 'T0KEN-bearer', 'XXSLACKXX', 'pd-routing-key-9', 'og-api-key-7', 'bot-token-55']
  const yaml = [
    'global:',
    '  smtp_auth_password: hunter2-smtp',
    '  smtp_auth_password_file: /x', // conflict → error mentioning the field
    '  slack_api_url: "ftp://hooks.example.com/XXSLACKXX"', // bad scheme in a secret URL
    '  opsgenie_api_key: og-api-key-7',
    'route:',
    '  receiver: r',
    'receivers:',
    '- name: r',
    '  webhook_configs:',
    '  - url: http://a/',
    '    http_config: {bearer_token: T0KEN-bearer, bearer_token_file: /y}',
    '  pagerduty_configs:',
    '  - routing_key: pd-routing-key-9',
    '    routing_key_file: /z',
    '  telegram_configs:',
    '  - bot_token: bot-token-55',
    '    chat_id: "not a number"',
  ].join('\n')

  test('not in problems, hints or the returned config', () => {
    const result = checkAlertmanagerConfig(yaml, FILE, noTemplates)
    expect(hasErrors(result.problems)).toBe(true)
    const text = JSON.stringify(result)
    for (const s of SECRETS) expect(text).not.toContain(s)
  })
})

describe('warnings beyond amtool', () => {
  test('unused receiver, unused time interval, shadowed route', () => {
    const yaml = [
      'route:',
      '  receiver: default',
      '  routes:',
      '  - matchers: [team="db"]',
      '    receiver: db',
      '  - matchers: [team="db", severity="critical"]', // 6: shadowed by the route on line 4
      '    receiver: db',
      '  - matchers: [team=~"web|api"]',
      '    receiver: default',
      '  - matchers: [team="web"]', // 10: shadowed: "web" matches web|api
      '    receiver: default',
      'receivers:',
      '- name: default',
      '- name: db',
      '- name: spare', // 15: unused
      'time_intervals:',
      '- name: nights', // 17: unused
      '  time_intervals: [{times: [{start_time: "00:00", end_time: "06:00"}]}]',
    ].join('\n')
    expect(findings(yaml)).toMatchInlineSnapshot(`
      [
        "6:5 warning am/shadowed-route route is unreachable: sibling {team="db"} at line 4 matches every alert it would and has no "continue: true"",
        "10:5 warning am/shadowed-route route is unreachable: sibling {team=~"web|api"} at line 8 matches every alert it would and has no "continue: true"",
        "15:9 warning am/unused-receiver receiver "spare" is not used by any route",
        "17:9 warning am/unused-time-interval time interval "nights" is not used by any route",
      ]
    `)
  })

  test('an earlier sibling with continue: true shadows nothing', () => {
    const yaml = 'route:\n  receiver: r\n  routes:\n  - continue: true\n    receiver: r\n  - matchers: [a=b]\n    receiver: r\nreceivers:\n- name: r\n'
    expect(findings(yaml)).toEqual([])
  })
})

describe('templates', () => {
  const source = (files: Record<string, string>): TemplateSource => ({
    glob: (pattern) => Object.keys(files).filter((f) => new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`).test(f)).sort(),
    read: (file) => files[file]!,
  })
  const config = (extra: string) =>
    `templates: ['tmpl/*.tmpl']\nroute:\n  receiver: r\nreceivers:\n- name: r\n  slack_configs:\n  - api_url: https://hooks.example.com/x\n    text: '${extra}'\n`

  test('a template file that does not parse is an error at its line, in that file', () => {
    const files = {'/cfg/tmpl/a.tmpl': '{{ define "a" }}ok{{ end }}\n{{ if }}\n'}
    const problems = checkAlertmanagerConfig(config('x'), FILE, {templates: source(files)}).problems
    expect(problems).toMatchObject([{check: 'am/template-parse', severity: 'error', file: '/cfg/tmpl/a.tmpl', line: 2}])
  })

  test('a reference to an undefined template is a warning; defined and built-in ones are fine', () => {
    const files = {'/cfg/tmpl/a.tmpl': '{{ define "custom.text" }}{{ template "__subject" . }}{{ end }}'}
    const yaml = config('{{ template "custom.text" . }}{{ template "slack.default.text" . }}{{ template "custom.missing" . }}')
    expect(findings(yaml, {templates: source(files)})).toEqual([
      '8:11 warning am/template-undefined template "custom.missing" is referenced but not defined in any template file',
    ])
  })

  test('template text in a receiver field that does not parse is a warning (amtool accepts it)', () => {
    const yaml = config('{{ .Status | shout }}')
    expect(findings(yaml, {templates: source({})})).toEqual([
      '8:11 warning am/template-syntax template text does not parse: function "shout" not defined',
    ])
  })

  test('a glob that matches nothing is fine, as in amtool', () => {
    expect(findings(config('x'), {templates: source({})})).toEqual([])
  })
})

describe('the returned config', () => {
  test('routes carry sorted matchers from match, match_re and matchers', () => {
    const yaml = 'route:\n  receiver: r\n  routes:\n  - match: {b: "1"}\n    match_re: {a: "x|y"}\n    matchers: [c!="2"]\n    receiver: r\nreceivers:\n- name: r\n'
    const {config} = checkAlertmanagerConfig(yaml, FILE, noTemplates)
    expect(config?.route?.routes[0]?.matchers).toEqual([
      {name: 'a', type: '=~', value: '^(?:x|y)$'},
      {name: 'b', type: '=', value: '1'},
      {name: 'c', type: '!=', value: '2'},
    ])
  })
})
