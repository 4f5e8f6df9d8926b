// "What it will look like" proved against a real Alertmanager 0.25: one alert group goes to a receiver with
// email (default html and an html template with hostile values in text, attributes and an href), Slack,
// webhook, Discord and PagerDuty integrations pointed at local sinks; spock's renderReceiver for the same
// receiver and the same group must give exactly what the sinks received.
// The group's data is what the test posted (labels, annotations, start time, generator URL) and the external
// URL it gave Alertmanager; nothing is normalised, the fingerprint is computed as Alertmanager computes it.
import {readFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type DataInput, labelsFingerprint} from '../../src/alertmanager/template/data.js'
import {renderReceiver, type RenderedIntegration} from '../../src/alertmanager/template/receiver.js'
import {parsePlain} from '../../src/yaml/plain.js'
import {type AlertmanagerServer, startAlertmanager} from '../support/servers.js'
import {type HttpSink, type SmtpSink, startHttpSink, startSmtpSink} from '../support/sinks.js'

const EXTERNAL_URL = 'http://am.example.test:9093'

const HTML_TEMPLATE = `{{ define "hostile.html" }}<html><head><title>{{ .CommonLabels.alertname }}</title></head>
<!-- a comment html/template drops {{ .CommonLabels.team }} -->
<body>
<p class="{{ .CommonLabels.team }}" title='{{ .CommonLabels.quote }}' data-x={{ .CommonLabels.team }}>{{ .CommonLabels.alertname }} &amp; {{ .CommonLabels.quote }}</p>
<a href="{{ .CommonAnnotations.link }}">bad link</a> <a href="{{ .CommonAnnotations.good }}">good link</a>
<a href="https://search.example/?q={{ .CommonLabels.alertname }}&t={{ .CommonLabels.team }}">query</a>
<a href="/path/{{ .CommonLabels.quote }}">path</a> <img src="{{ .CommonAnnotations.link }}">
{{ range .Alerts }}<li>{{ .Labels.alertname }}: {{ .Annotations.summary }} {{ .Annotations.summary | safeHtml }}</li>{{ end }}
<span title="{{ .CommonAnnotations.summary | safeHtml }}">{{ template "__subject" . }}</span>
<script>var team = {{ .CommonLabels.team }};</script>
<p style="color: {{ .CommonLabels.team }}" onclick="f({{ .CommonLabels.quote }})">x</p>
<textarea>{{ .CommonAnnotations.summary | safeHtml }} {{ .CommonLabels.quote }}</textarea>
<p title={{ .CommonAnnotations.summary | safeHtml }} data-x={{ .CommonLabels.team }}>[{{ .CommonLabels.missing }}]</p>
<a href="http://x/{{ .CommonLabels.quote }}{{ .CommonLabels.team }}">two</a>
</body></html>{{ end }}
`

const LABELS = {alertname: 'Disk<script>alert(1)</script>', team: 'db & "ops"', quote: `it's "quoted" <b>`}
const ANNOTATIONS = {summary: '<b>bold</b> & <i>more</i>', link: 'javascript:alert(document.cookie)', good: 'https://runbooks.example/disk?x=1&y=<2>'}

let am: AlertmanagerServer
let http: HttpSink
let smtp: SmtpSink
let config: Record<string, unknown>
let rendered: RenderedIntegration[]
let payload: Record<string, unknown>

function amConfig(): string {
  const smtpCfg = `smarthost: '${smtp.address}', from: 'am@example.test', require_tls: false`
  return `route:
  receiver: team
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1h
  repeat_interval: 4h
receivers:
- name: team
  email_configs:
  - {to: 'default@example.test', ${smtpCfg}}
  - {to: 'hostile@example.test', ${smtpCfg}, html: '{{ template "hostile.html" . }}', text: 'plain {{ .CommonLabels.alertname }}', headers: {subject: 'S: {{ .CommonLabels.team }}'}}
  slack_configs:
  - api_url: '${http.url}/slack'
    channel: '#alerts'
    text: '{{ range .Alerts }}{{ .Annotations.summary }} {{ .Labels.quote }}{{ end }}'
    fields: [{title: team, value: '{{ .CommonLabels.team }}', short: true}]
  webhook_configs:
  - url: '${http.url}/webhook'
  discord_configs:
  - webhook_url: '${http.url}/discord'
  pagerduty_configs:
  - {routing_key: k, url: '${http.url}/pagerduty', severity: '{{ if .CommonLabels.team }}critical{{ end }}'}
templates:
- '*.tmpl'
`
}

/** The text/html part of a multipart mail, quoted-printable decoded. */
function mimePart(data: string, type: string): string {
  const boundary = /boundary=([^\s;]+)/.exec(data)![1]!
  const part = data.split(`--${boundary}`).find((p) => p.includes(`Content-Type: ${type}`))!
  const body = part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '')
  const bytes = body.replace(/=\r\n/g, '').replace(/\r\n/g, '\n')
  return Buffer.from(bytes.replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
}

/** A header's value, RFC 2047 Q-encoding undone. */
function header(data: string, name: string): string {
  const raw = new RegExp(`^${name}: (.*)$`, 'm').exec(data)![1]!.replace(/\r$/, '')
  return raw.replace(/=\?utf-8\?q\?(.*?)\?=/g, (_m, q: string) =>
    Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'))
}

const fields = (integration: string, index = 1) => rendered.find((r) => r.integration === integration && r.index === index)!.fields

beforeAll(async () => {
  http = await startHttpSink()
  smtp = await startSmtpSink()
  const text = () => amConfig()
  am = await startAlertmanager({config: text(), templates: {'hostile.tmpl': HTML_TEMPLATE}, args: [`--web.external-url=${EXTERNAL_URL}`]})
  config = parsePlain(text()) as Record<string, unknown>
  const startsAt = new Date(Date.now() - 60_000).toISOString()
  const res = await fetch(`${am.url}/api/v2/alerts`, {
    method: 'POST', headers: {'content-type': 'application/json'},
    body: JSON.stringify([{labels: LABELS, annotations: ANNOTATIONS, startsAt, generatorURL: 'http://prom.example/graph?g0.expr=disk'}]),
  })
  expect(res.status).toBe(200)
  const hook = await http.waitFor((r) => r.path === '/webhook', 20_000)
  payload = hook.json as Record<string, unknown>
  // The group as the test posted it.
  const data: DataInput = {
    status: 'firing',
    alerts: [{status: 'firing', labels: LABELS, annotations: ANNOTATIONS, startsAt, endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prom.example/graph?g0.expr=disk', fingerprint: labelsFingerprint(LABELS)}],
    groupLabels: {alertname: LABELS.alertname},
    commonLabels: LABELS,
    commonAnnotations: ANNOTATIONS,
    externalURL: EXTERNAL_URL,
  }
  rendered = renderReceiver(config, 'team', data, {configPath: `${am.dir}/alertmanager.yml`})
}, 40_000)

afterAll(async () => {
  await Promise.all([am?.stop(), http?.stop(), smtp?.stop()])
})

describe('renderReceiver against a real Alertmanager 0.25', () => {
  it('renders the webhook payload Alertmanager posts', () => {
    expect(fields('webhook').payload).toEqual(payload)
    expect(JSON.stringify(fields('webhook').payload)).toBe(JSON.stringify(payload)) // key order too
  })

  it('renders every Slack field Alertmanager posts', async () => {
    const req = await http.waitFor((r) => r.path === '/slack')
    const body = req.json as {channel: string; username: string; icon_emoji?: string; icon_url?: string; attachments: Record<string, unknown>[]}
    const f = fields('slack')
    expect(body.channel).toBe(f.channel)
    expect(body.username).toBe(f.username)
    const att = body.attachments[0]!
    for (const k of ['title', 'title_link', 'text', 'fallback', 'color', 'pretext', 'footer', 'callback_id', 'image_url', 'thumb_url']) {
      expect({field: k, value: att[k] ?? ''}).toEqual({field: k, value: f[k]})
    }
    expect(att.fields).toEqual(f.fields)
    expect(att.title).toContain('<script>') // Slack fields are text/template: nothing escaped
  })

  it('renders the Discord and PagerDuty fields Alertmanager posts', async () => {
    const discord = (await http.waitFor((r) => r.path === '/discord')).json as {embeds: {title: string; description: string}[]}
    expect(discord.embeds[0]).toMatchObject({title: fields('discord').title, description: fields('discord').message})
    const pd = (await http.waitFor((r) => r.path === '/pagerduty')).json as {client: string; client_url: string; payload: Record<string, unknown>}
    const f = fields('pagerduty')
    expect({client: pd.client, client_url: pd.client_url}).toEqual({client: f.client, client_url: f.client_url})
    expect(pd.payload).toMatchObject({summary: f.description, source: f.source, severity: f.severity, custom_details: f.details})
  })

  it('renders the default email (subject and html) byte for byte', async () => {
    const mail = await smtp.waitFor((m) => m.to.includes('default@example.test'), 20_000)
    const f = fields('email', 1)
    expect(header(mail.data, 'Subject')).toBe(f['headers.Subject'])
    expect(mimePart(mail.data, 'text/html')).toBe(f.html)
    expect(f.html).toContain('Disk&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(f.html).not.toContain('Mailgun') // the licence comment is dropped by html/template
  })

  it('escapes html as html/template does: text, attributes, URLs (#ZgotmplZ), safeHtml, comments', async () => {
    const mail = await smtp.waitFor((m) => m.to.includes('hostile@example.test'), 20_000)
    const f = fields('email', 2)
    const html = mimePart(mail.data, 'text/html')
    expect(html).toBe(f.html)
    expect(mimePart(mail.data, 'text/plain')).toBe(f.text)
    expect(header(mail.data, 'Subject')).toBe(f['headers.Subject'])
    expect(html).toContain('href="#ZgotmplZ"')
    expect(html).toContain('<b>bold</b> & <i>more</i></li>') // safeHtml in text
    expect(html).toContain('var team = "db \\u0026 \\"ops\\"";') // script: a JSON string
    expect(html).toContain('style="color: ZgotmplZ"')
    expect(html).not.toContain('a comment')
  })

  it('reads the templates the config names, relative to it', () => {
    expect(readFileSync(`${am.dir}/hostile.tmpl`, 'utf8')).toBe(HTML_TEMPLATE)
  })
})
