// renderReceiver per integration: Alertmanager 0.25's defaults where the config sets nothing, the config's
// value where it does, the truncation each notifier applies, and html escaping where Alertmanager uses
// html/template. The integration test (test/integration/template-receiver.test.ts) holds Slack, email,
// webhook, Discord and PagerDuty to a real Alertmanager; these pin the rest and the edge cases.
import {describe, expect, it} from 'vitest'
import {labelsFingerprint, syntheticData, type DataInput} from '../../../src/alertmanager/template/data.js'
import {renderReceiver, truncateInBytes, truncateInRunes} from '../../../src/alertmanager/template/receiver.js'
import {TemplateRenderError} from '../../../src/alertmanager/template/render.js'
import {parsePlain} from '../../../src/yaml/plain.js'

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5)
const LABELS = {alertname: 'DiskFull', severity: 'page', instance: 'db<1>'}
const data = (labels: Record<string, string> = LABELS, annotations: Record<string, string> = {summary: 'Disk 95% full'}): DataInput => {
  const d = syntheticData(labels, {annotations, now: NOW, externalURL: 'http://am:9093'})
  d.groupLabels = {alertname: labels.alertname!}
  return d
}

function render(receiver: string, d: DataInput = data()) {
  const config = parsePlain(`global: {smtp_from: 'am@example.com'}\nroute: {receiver: ${receiver}}\nreceivers:\n- name: ${receiver}\n${RECEIVERS[receiver]}`) as Record<string, unknown>
  return renderReceiver(config, receiver, d)
}

const RECEIVERS: Record<string, string> = {
  slack: `  slack_configs:
  - {api_url: 'http://x', title: '{{ .CommonLabels.alertname }}', footer: '', short_fields: true, fields: [{title: a, value: '{{ .Status }}'}, {title: b, value: v, short: false}],
     actions: [{type: button, text: 'Runbook {{ .CommonLabels.alertname }}', url: 'http://rb', confirm: {text: 'sure?'}}]}
  - {api_url: 'http://x'}`,
  email: `  email_configs:
  - {to: 'team@example.com', headers: {subject: 'S {{ .Status }}', x-team-NAME: '{{ .CommonLabels.severity }}'}}
  - {to: 'b@example.com', from: 'other@example.com', html: '', text: 'T {{ .CommonLabels.instance }}'}`,
  webhook: `  webhook_configs:
  - {url: 'http://x'}
  - {url: 'http://x', max_alerts: 1}`,
  pagerduty: `  pagerduty_configs:
  - {routing_key: k}
  - {service_key: k, client: 'C {{ .Status }}', details: {firing: 'mine', extra: '{{ .CommonLabels.severity }}'}}
  - {routing_key: k, source: src, severity: '{{ .CommonLabels.severity }}', links: [{href: 'http://l/{{ .CommonLabels.alertname }}', text: t}]}`,
  opsgenie: `  opsgenie_configs:
  - {api_key: k, tags: ' a, {{ .CommonLabels.severity }} ,, b ', details: {severity: 'overridden {{ .Status }}', extra: x}, responders: [{name: team, type: team}]}`,
  telegram: `  telegram_configs:
  - {bot_token: t, chat_id: 1}
  - {bot_token: t, chat_id: 1, parse_mode: MarkdownV2, message: '{{ .CommonLabels.instance }}'}`,
  other: `  discord_configs: [{webhook_url: 'http://x'}]
  webex_configs: [{api_url: 'http://x', room_id: r}]
  victorops_configs: [{api_key: k, routing_key: 'rk-{{ .CommonLabels.severity }}', custom_fields: {a: '{{ .Status }}'}}]
  pushover_configs: [{user_key: u, token: t, html: true, message: '<b>{{ .CommonLabels.instance }}</b>'}]
  sns_configs: [{topic_arn: 'arn:aws:sns:us-east-1:1:t', attributes: {k: '{{ .Status }}'}}]
  wechat_configs: [{api_secret: s, corp_id: c}]
  msteams_configs: [{webhook_url: 'http://x', title: 't', summary: 's', text: 'x'}]`,
}

describe('renderReceiver', () => {
  it('Slack: defaults, overrides, an explicit empty value, fields with short_fields, actions', () => {
    const [one, two] = render('slack')
    expect(one).toMatchObject({integration: 'slack', index: 1})
    expect(one!.fields).toMatchObject({
      title: 'DiskFull', footer: '', username: 'Alertmanager', color: 'danger', text: '',
      title_link: 'http://am:9093/#/alerts?receiver=slack',
      fields: [{title: 'a', value: 'firing', short: true}, {title: 'b', value: 'v', short: false}],
      actions: [{type: 'button', text: 'Runbook DiskFull', url: 'http://rb', style: '', name: '', value: '', confirm: {title: '', text: 'sure?', ok_text: '', dismiss_text: ''}}],
    })
    expect(two!.fields.title).toBe('[FIRING:1] DiskFull (db<1> page)')
    expect(two!.fields.fallback).toBe('[FIRING:1] DiskFull (db<1> page) | http://am:9093/#/alerts?receiver=slack')
    expect(two!.fields.fields).toBeUndefined()
  })

  it('email: canonical header names, default Subject/To/From, html escaped as html/template, text as text', () => {
    const [one, two] = render('email')
    expect(Object.keys(one!.fields)).toEqual(['from', 'to', 'headers.Subject', 'headers.To', 'headers.From', 'headers.X-Team-Name', 'html'])
    expect(one!.fields).toMatchObject({'from': 'am@example.com', 'headers.Subject': 'S firing', 'headers.X-Team-Name': 'page', 'headers.To': 'team@example.com'})
    expect(one!.fields.html).toContain('instance = db&lt;1&gt;<br')
    expect(two!.fields).toEqual({
      from: 'other@example.com', to: 'b@example.com', 'headers.Subject': '[FIRING:1] DiskFull (db<1> page)', 'headers.To': 'b@example.com',
      'headers.From': 'other@example.com', text: 'T db<1>',
    })
  })

  it('webhook: the v4 payload, receiver quoted as a regexp, max_alerts truncation counted', () => {
    const d = data()
    d.alerts = [...d.alerts!, {...d.alerts![0]!, labels: {...LABELS, instance: 'db2'}}]
    const config = parsePlain(`receivers:\n- name: 'team.a+b'\n${RECEIVERS.webhook}`) as Record<string, unknown>
    const [all, capped] = renderReceiver(config, 'team.a+b', d)
    const payload = all!.fields.payload as Record<string, unknown>
    expect(payload).toMatchObject({receiver: 'team\\.a\\+b', status: 'firing', version: '4', groupKey: '{}:{alertname="DiskFull"}', truncatedAlerts: 0, externalURL: 'http://am:9093'})
    expect((payload.alerts as unknown[])[0]).toEqual({
      status: 'firing', labels: {alertname: 'DiskFull', instance: 'db<1>', severity: 'page'}, annotations: {summary: 'Disk 95% full'},
      startsAt: '2024-01-02T03:04:05Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: '', fingerprint: labelsFingerprint(LABELS),
    })
    expect((capped!.fields.payload as {alerts: unknown[]; truncatedAlerts: number})).toMatchObject({truncatedAlerts: 1, alerts: [expect.anything()]})
  })

  it('PagerDuty: v2 defaults (source = client, severity error), v1 fields, details merged with the defaults', () => {
    const [v2, v1, custom] = render('pagerduty')
    expect(v2!.fields).toMatchObject({source: 'Alertmanager', severity: 'error', client: 'Alertmanager', description: '[FIRING:1] DiskFull (db<1> page)'})
    expect(v2!.fields.details).toEqual({
      firing: 'Labels:\n - alertname = DiskFull\n - instance = db<1>\n - severity = page\nAnnotations:\n - summary = Disk 95% full\nSource: \n',
      num_firing: '1', num_resolved: '0', resolved: '',
    })
    expect(Object.keys(v1!.fields)).toEqual(['description', 'client', 'client_url', 'details'])
    expect(v1!.fields.details).toMatchObject({firing: 'mine', extra: 'page'})
    expect(custom!.fields).toMatchObject({source: 'src', severity: 'page', links: [{href: 'http://l/DiskFull', text: 't'}]})
  })

  it('Opsgenie: details start from the common labels, tags split and trimmed, responders', () => {
    const [og] = render('opsgenie')
    expect(og!.fields).toMatchObject({
      message: '[FIRING:1] DiskFull (db<1> page)', source: 'http://am:9093/#/alerts?receiver=opsgenie', tags: ['a', 'page', 'b'],
      details: {alertname: 'DiskFull', extra: 'x', instance: 'db<1>', severity: 'overridden firing'},
      responders: [{id: '', name: 'team', username: '', type: 'team'}],
    })
    expect(og!.fields.description).toBe('Disk 95% full\nAlerts Firing:\nLabels:\n - alertname = DiskFull\n - instance = db<1>\n - severity = page\nAnnotations:\n - summary = Disk 95% full\nSource: \n\n')
  })

  it('Telegram: parse_mode HTML (the default) escapes values, other modes do not', () => {
    const [html, md] = render('telegram')
    expect(html!.fields.parse_mode).toBe('HTML')
    expect(html!.fields.message).toContain(' - instance = db&lt;1&gt;\n')
    expect(md!.fields).toEqual({message: 'db<1>', parse_mode: 'MarkdownV2'})
  })

  it('Discord, Webex, VictorOps, Pushover (html), SNS, WeChat and Teams fields', () => {
    const byName = Object.fromEntries(render('other').map((r) => [r.integration, r.fields]))
    expect(Object.keys(byName)).toEqual(['discord', 'webex', 'victorops', 'pushover', 'sns', 'wechat', 'msteams'])
    expect(byName.discord!.title).toBe('[FIRING:1] DiskFull (db<1> page)')
    expect(byName.webex!.message).toContain('Alerts Firing:')
    expect(byName.victorops).toMatchObject({routing_key: 'rk-page', message_type: 'CRITICAL', monitoring_tool: 'Alertmanager', custom_fields: {a: 'firing'}})
    expect(byName.pushover).toMatchObject({message: '<b>db&lt;1&gt;</b>', priority: '2', url: 'http://am:9093/#/alerts?receiver=other'})
    expect(byName.sns).toMatchObject({subject: '[FIRING:1] DiskFull (db<1> page)', attributes: {k: 'firing'}})
    expect(byName.wechat).toMatchObject({to_user: '', agent_id: ''})
    expect(byName.msteams).toEqual({title: 't', summary: 's', text: 'x'})
  })

  it('truncates as Alertmanager does', () => {
    expect(truncateInRunes('abcdef', 4)).toBe('abc…')
    expect(truncateInRunes('ab', 4)).toBe('ab')
    expect(truncateInRunes('abcdef', 3)).toBe('abc')
    expect(truncateInBytes('ééé', 5)).toBe('é…')
    const long = render('slack', data({alertname: 'x'.repeat(2000)}))[1]!.fields.title as string
    expect([...long].length).toBe(1024)
    expect(long.endsWith('…')).toBe(true)
  })

  it('fails as Alertmanager fails: unknown receiver, template errors; a field\'s own defines stay in that field', () => {
    expect(() => renderReceiver({receivers: []}, 'nope', data())).toThrow('no receiver named "nope"')
    const config = (text: string) => ({receivers: [{name: 'r', slack_configs: [{title: text, text: '{{ template "mine" . }}'}]}]})
    expect(() => renderReceiver(config('{{ .Nope }}'), 'r', data())).toThrow(TemplateRenderError)
    expect(() => renderReceiver(config('{{ define "mine" }}x{{ end }}'), 'r', data())).toThrow('template "mine" not defined')
    expect(renderReceiver({receivers: [{name: 'r', foo_configs: [{}]}]}, 'r', data())).toEqual([{integration: 'foo', index: 1, fields: {}}])
  })
})
