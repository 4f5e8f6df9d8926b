// Every templated field each integration of one receiver sends, rendered as Alertmanager 0.25 renders it:
// the config's value or Alertmanager's default for that field, text fields with text/template, email html
// (and Telegram's parse_mode HTML, Pushover's html) with html/template's escaping, and the truncation the
// notifier applies before sending. Input: the parsed alertmanager.yml (plain values), the receiver's name and
// the alert group (template data); output: one item per integration, in config order.
import type {AlertmanagerTemplateVersion} from '../../gotemplate/am-funcs.js'
import type {TemplateSet} from '../../gotemplate/exec.js'
import {UsageError} from '../../errors.js'
import {labelSetString} from '../group-key.js'
import {type DataInput, parseGoTime, templateData} from './data.js'
import {configTemplateFiles, executeField, type FieldMode, notificationTemplates} from './render.js'

/** One integration of the receiver with what it sends. */
export interface RenderedIntegration {
  /** The channel, as in `<integration>_configs`: slack, email, webhook, pagerduty, opsgenie, telegram, discord, ... */
  integration: string
  /** Position in that receiver's `<integration>_configs` list, from 1. */
  index: number
  /** Field name (as in the config, e.g. `title`, `headers.Subject`) → rendered text, or a structure (details, fields, payload). */
  fields: Record<string, string | object>
}

export interface RenderReceiverOptions {
  /** Where the config lives: its `templates:` globs are read relative to it (none read without it). */
  configPath?: string
  /** More template files (paths, already expanded), loaded after the config's. */
  templateFiles?: readonly string[]
  /** Template functions of this Alertmanager version (default 0.25). */
  version?: AlertmanagerTemplateVersion
  /** The aggregation group's key (webhook `groupKey`); default `{}:` + the group labels. */
  groupKey?: string
}

type Obj = Record<string, unknown>

/** The ellipsis Alertmanager appends when it truncates a field. */
const TRUNCATION_MARKER = '…'

/** notify.TruncateInRunes. */
export function truncateInRunes(s: string, n: number): string {
  const r = [...s]
  if (r.length <= n) return s
  if (n <= 3) return r.slice(0, n).join('')
  return r.slice(0, n - 1).join('') + TRUNCATION_MARKER
}

/** notify.TruncateInBytes (UTF-8 bytes, never splitting a character). */
export function truncateInBytes(s: string, n: number): string {
  if (Buffer.byteLength(s, 'utf8') <= n) return s
  if (n <= 3) return n === 3 ? TRUNCATION_MARKER : '.'.repeat(n)
  const r = [...s]
  let out = ''
  let size = 0
  for (const ch of r) {
    const b = Buffer.byteLength(ch, 'utf8')
    if (size + b > n - 3) break
    out += ch
    size += b
  }
  return out + TRUNCATION_MARKER
}

/** regexp.QuoteMeta: Alertmanager puts the receiver's name into the data quoted so. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')
}

/** A map as encoding/json writes it: keys in byte order. */
function sortedMap(m: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k of Object.keys(m ?? {}).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) out[k] = m![k]!
  return out
}

/** time.Time's JSON form (RFC 3339 with nanoseconds, trailing zeros dropped). */
function jsonTime(s: string | undefined): string {
  return parseGoTime(s).Format('2006-01-02T15:04:05.999999999Z07:00')
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v))
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {})
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => typeof x === 'object' && x !== null) : [])
/** A config string, or the default when it is absent or empty (Go's zero value after unmarshalling over defaults). */
const orDefault = (v: unknown, def: string): string => {
  const s = str(v)
  return s === undefined || s === '' ? def : s
}
/** A config string where only absence gives the default (an explicit "" stays ""): yaml.v2 over a defaults struct. */
const ifAbsent = (c: Obj, key: string, def: string): string => (key in c && c[key] !== null ? str(c[key]) ?? '' : def)

/** Renders one field: the template text with the group's data. */
type Render = (text: string, mode?: FieldMode) => string

interface IntegrationContext {
  render: Render
  data: DataInput
  global: Obj
  groupKey: string
  version: AlertmanagerTemplateVersion
}

type FieldsOf = (cfg: Obj, ctx: IntegrationContext) => Record<string, string | object>

const t = (name: string): string => `{{ template "${name}" . }}`

function slackFields(c: Obj, {render}: IntegrationContext): Record<string, string | object> {
  const f: Record<string, string | object> = {
    channel: render(str(c.channel) ?? ''),
    username: render(ifAbsent(c, 'username', t('slack.default.username'))),
    icon_emoji: render(ifAbsent(c, 'icon_emoji', t('slack.default.iconemoji'))),
    icon_url: render(ifAbsent(c, 'icon_url', t('slack.default.iconurl'))),
    color: render(ifAbsent(c, 'color', '{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}')),
    title: truncateInRunes(render(ifAbsent(c, 'title', t('slack.default.title'))), 1024),
    title_link: render(ifAbsent(c, 'title_link', t('slack.default.titlelink'))),
    pretext: render(ifAbsent(c, 'pretext', t('slack.default.pretext'))),
    text: render(ifAbsent(c, 'text', t('slack.default.text'))),
    fallback: render(ifAbsent(c, 'fallback', t('slack.default.fallback'))),
    callback_id: render(ifAbsent(c, 'callback_id', t('slack.default.callbackid'))),
    image_url: render(str(c.image_url) ?? ''),
    thumb_url: render(str(c.thumb_url) ?? ''),
    footer: render(ifAbsent(c, 'footer', t('slack.default.footer'))),
  }
  const fields = list(c.fields)
  if (fields.length > 0) {
    f.fields = fields.map((x) => ({
      title: render(str(x.title) ?? ''),
      value: render(str(x.value) ?? ''),
      short: typeof x.short === 'boolean' ? x.short : c.short_fields === true,
    }))
  }
  const actions = list(c.actions)
  if (actions.length > 0) {
    f.actions = actions.map((a) => {
      const out: Obj = {}
      for (const k of ['type', 'text', 'url', 'style', 'name', 'value']) out[k] = render(str(a[k]) ?? '')
      if (a.confirm && typeof a.confirm === 'object') {
        const cf = obj(a.confirm)
        out.confirm = Object.fromEntries(['title', 'text', 'ok_text', 'dismiss_text'].map((k) => [k, render(str(cf[k]) ?? '')]))
      }
      return out
    })
  }
  return f
}

/** textproto.CanonicalMIMEHeaderKey for ordinary header names: each dash-separated word capitalised. */
function canonicalHeader(h: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(h)) return h
  return h.split('-').map((w) => (w === '' ? w : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('-')
}

function emailFields(c: Obj, {render, global}: IntegrationContext): Record<string, string | object> {
  const from = orDefault(c.from, str(global.smtp_from) ?? '')
  const to = str(c.to) ?? ''
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(obj(c.headers))) headers[canonicalHeader(k)] = str(v) ?? ''
  if (!('Subject' in headers)) headers.Subject = t('email.default.subject')
  if (!('To' in headers)) headers.To = to
  if (!('From' in headers)) headers.From = from
  const f: Record<string, string | object> = {from: render(from), to: render(to)}
  const names = ['Subject', 'To', 'From', ...Object.keys(headers).filter((h) => !['Subject', 'To', 'From'].includes(h)).sort()]
  for (const h of names) f[`headers.${h}`] = render(headers[h]!)
  const html = ifAbsent(c, 'html', t('email.default.html'))
  const text = str(c.text) ?? ''
  if (text !== '') f.text = render(text)
  if (html !== '') f.html = render(html, 'html')
  return f
}

function webhookFields(c: Obj, {data, groupKey}: IntegrationContext): Record<string, string | object> {
  const max = typeof c.max_alerts === 'number' ? c.max_alerts : Number(c.max_alerts ?? 0) || 0
  const all = data.alerts ?? []
  const alerts = max > 0 && all.length > max ? all.slice(0, max) : all
  return {
    payload: {
      receiver: quoteMeta(data.receiver ?? ''),
      status: data.status ?? '',
      alerts: alerts.map((a) => ({
        status: a.status ?? '',
        labels: sortedMap(a.labels),
        annotations: sortedMap(a.annotations),
        startsAt: jsonTime(a.startsAt),
        endsAt: jsonTime(a.endsAt),
        generatorURL: a.generatorURL ?? '',
        fingerprint: a.fingerprint ?? '',
      })),
      groupLabels: sortedMap(data.groupLabels),
      commonLabels: sortedMap(data.commonLabels),
      commonAnnotations: sortedMap(data.commonAnnotations),
      externalURL: data.externalURL ?? '',
      version: '4',
      groupKey,
      truncatedAlerts: all.length - alerts.length,
    },
  }
}

const PAGERDUTY_DETAILS: Record<string, string> = {
  firing: '{{ template "pagerduty.default.instances" .Alerts.Firing }}',
  resolved: '{{ template "pagerduty.default.instances" .Alerts.Resolved }}',
  num_firing: '{{ .Alerts.Firing | len }}',
  num_resolved: '{{ .Alerts.Resolved | len }}',
}

function pagerdutyFields(c: Obj, {render}: IntegrationContext): Record<string, string | object> {
  const client = ifAbsent(c, 'client', t('pagerduty.default.client'))
  const details: Record<string, string> = {}
  for (const [k, v] of Object.entries(obj(c.details))) details[k] = str(v) ?? ''
  for (const [k, v] of Object.entries(PAGERDUTY_DETAILS)) if (!(k in details)) details[k] = v
  const renderedDetails = Object.fromEntries(Object.keys(details).sort().map((k) => [k, render(details[k]!)]))
  const description = truncateInRunes(render(ifAbsent(c, 'description', '{{ template "pagerduty.default.description" .}}')), 1024)
  const v1 = c.service_key !== undefined || c.service_key_file !== undefined
  if (v1) {
    return {description, client: render(client), client_url: render(ifAbsent(c, 'client_url', t('pagerduty.default.clientURL'))), details: renderedDetails}
  }
  const f: Record<string, string | object> = {
    description,
    client: render(client),
    client_url: render(ifAbsent(c, 'client_url', t('pagerduty.default.clientURL'))),
    source: render(orDefault(c.source, client)),
    severity: render(orDefault(c.severity, 'error')),
    class: render(str(c.class) ?? ''),
    component: render(str(c.component) ?? ''),
    group: render(str(c.group) ?? ''),
    details: renderedDetails,
  }
  const images = list(c.images)
  if (images.length > 0) f.images = images.map((i) => ({src: render(str(i.src) ?? ''), alt: render(str(i.alt) ?? ''), href: render(str(i.href) ?? '')}))
  const links = list(c.links)
  if (links.length > 0) f.links = links.map((l) => ({href: render(str(l.href) ?? ''), text: render(str(l.text) ?? '')}))
  return f
}

/** opsgenie's safeSplit: split on sep, trim, drop empties. */
function safeSplit(s: string, sep: string): string[] {
  return s.split(sep).map((x) => x.trim()).filter((x) => x !== '')
}

function opsgenieFields(c: Obj, {render, data}: IntegrationContext): Record<string, string | object> {
  const details: Record<string, string> = {...(data.commonLabels ?? {})}
  for (const [k, v] of Object.entries(obj(c.details))) details[k] = render(str(v) ?? '')
  const f: Record<string, string | object> = {
    message: truncateInRunes(render(ifAbsent(c, 'message', t('opsgenie.default.message'))), 130),
    description: render(ifAbsent(c, 'description', t('opsgenie.default.description'))),
    source: render(ifAbsent(c, 'source', t('opsgenie.default.source'))),
    details: Object.fromEntries(Object.keys(details).sort().map((k) => [k, details[k]!])),
    tags: safeSplit(render(str(c.tags) ?? ''), ','),
    note: render(str(c.note) ?? ''),
    priority: render(str(c.priority) ?? ''),
    entity: render(str(c.entity) ?? ''),
    actions: safeSplit(render(str(c.actions) ?? ''), ','),
  }
  const responders = list(c.responders)
  if (responders.length > 0) {
    f.responders = responders.map((r) => ({id: render(str(r.id) ?? ''), name: render(str(r.name) ?? ''), username: render(str(r.username) ?? ''), type: render(str(r.type) ?? '')}))
  }
  return f
}

function telegramFields(c: Obj, {render}: IntegrationContext): Record<string, string | object> {
  const parseMode = ifAbsent(c, 'parse_mode', 'HTML')
  return {message: truncateInRunes(render(ifAbsent(c, 'message', t('telegram.default.message')), parseMode === 'HTML' ? 'html' : 'text'), 4096), parse_mode: parseMode}
}

function discordFields(c: Obj, {render}: IntegrationContext): Record<string, string | object> {
  return {title: render(ifAbsent(c, 'title', t('discord.default.title'))), message: render(ifAbsent(c, 'message', t('discord.default.message')))}
}

function webexFields(c: Obj, {render}: IntegrationContext): Record<string, string | object> {
  return {message: truncateInBytes(render(ifAbsent(c, 'message', t('webex.default.message'))), 7439)}
}

function msteamsFields(c: Obj, {render}: IntegrationContext): Record<string, string | object> {
  return {
    title: render(ifAbsent(c, 'title', t('msteams.default.title'))),
    summary: render(ifAbsent(c, 'summary', t('msteams.default.summary'))),
    text: render(ifAbsent(c, 'text', t('msteams.default.text'))),
  }
}

function victoropsFields(c: Obj, {render}: IntegrationContext): Record<string, string | object> {
  const f: Record<string, string | object> = {
    routing_key: render(str(c.routing_key) ?? ''),
    message_type: render(orDefault(c.message_type, 'CRITICAL')),
    entity_display_name: render(orDefault(c.entity_display_name, t('victorops.default.entity_display_name'))),
    state_message: truncateInRunes(render(orDefault(c.state_message, t('victorops.default.state_message'))), 20480),
    monitoring_tool: render(orDefault(c.monitoring_tool, t('victorops.default.monitoring_tool'))),
  }
  const custom = obj(c.custom_fields)
  if (Object.keys(custom).length > 0) f.custom_fields = Object.fromEntries(Object.keys(custom).sort().map((k) => [k, render(str(custom[k]) ?? '')]))
  return f
}

function pushoverFields(c: Obj, {render}: IntegrationContext): Record<string, string | object> {
  return {
    title: truncateInRunes(render(ifAbsent(c, 'title', t('pushover.default.title'))), 250),
    message: truncateInRunes(render(ifAbsent(c, 'message', t('pushover.default.message')), c.html === true ? 'html' : 'text'), 1024),
    url: truncateInRunes(render(ifAbsent(c, 'url', t('pushover.default.url'))), 512),
    url_title: render(str(c.url_title) ?? ''),
    priority: render(ifAbsent(c, 'priority', '{{ if eq .Status "firing" }}2{{ else }}0{{ end }}')),
    sound: render(str(c.sound) ?? ''),
  }
}

function snsFields(c: Obj, {render}: IntegrationContext): Record<string, string | object> {
  const f: Record<string, string | object> = {
    subject: render(ifAbsent(c, 'subject', t('sns.default.subject'))),
    message: truncateInBytes(render(ifAbsent(c, 'message', t('sns.default.message'))), 256 * 1024),
  }
  const attrs = obj(c.attributes)
  if (Object.keys(attrs).length > 0) f.attributes = Object.fromEntries(Object.keys(attrs).sort().map((k) => [render(k), render(str(attrs[k]) ?? '')]))
  return f
}

function wechatFields(c: Obj, {render}: IntegrationContext): Record<string, string | object> {
  return {
    message: render(ifAbsent(c, 'message', t('wechat.default.message'))),
    to_user: render(ifAbsent(c, 'to_user', t('wechat.default.to_user'))),
    to_party: render(ifAbsent(c, 'to_party', t('wechat.default.to_party'))),
    to_tag: render(ifAbsent(c, 'to_tag', t('wechat.default.to_tag'))),
    agent_id: render(ifAbsent(c, 'agent_id', t('wechat.default.agent_id'))),
  }
}

const INTEGRATIONS: Record<string, FieldsOf> = {
  email: emailFields, slack: slackFields, webhook: webhookFields, pagerduty: pagerdutyFields, opsgenie: opsgenieFields,
  telegram: telegramFields, discord: discordFields, webex: webexFields, msteams: msteamsFields, victorops: victoropsFields,
  pushover: pushoverFields, sns: snsFields, wechat: wechatFields,
}

/** Integration names renderReceiver knows the fields of. */
export const RENDERED_INTEGRATIONS: readonly string[] = Object.keys(INTEGRATIONS)

/**
 * Every templated field of every integration of `receiverName`, rendered for the alert group `data`.
 * `config` is the parsed alertmanager.yml (plain values). Throws UsageError for an unknown receiver and
 * TemplateRenderError (Go's message) when a template fails, as Alertmanager would fail that notification.
 */
export function renderReceiver(config: Record<string, unknown>, receiverName: string, data: DataInput, opts: RenderReceiverOptions = {}): RenderedIntegration[] {
  const receivers = list(config.receivers)
  const receiver = receivers.find((r) => r.name === receiverName)
  if (!receiver) {
    const names = receivers.map((r) => str(r.name)).filter((n): n is string => Boolean(n))
    throw new UsageError(`no receiver named ${JSON.stringify(receiverName)} in the config`, {hint: names.length > 0 ? `receivers: ${names.join(', ')}` : 'the config has no receivers'})
  }
  const version = opts.version ?? '0.25'
  const files = [
    ...(opts.configPath ? configTemplateFiles(opts.configPath, Array.isArray(config.templates) ? config.templates.filter((x): x is string => typeof x === 'string') : []) : []),
    ...(opts.templateFiles ?? []),
  ]
  const set: TemplateSet = notificationTemplates(files, version)
  const groupData = {...data, receiver: receiverName}
  const value = templateData({...groupData, receiver: quoteMeta(receiverName)})
  const render: Render = (text, mode = 'text') => executeField(set, text, value, mode)
  const ctx: IntegrationContext = {
    render,
    data: groupData,
    global: obj(config.global),
    groupKey: opts.groupKey ?? `{}:${labelSetString(data.groupLabels ?? {})}`,
    version,
  }
  const out: RenderedIntegration[] = []
  for (const [key, value] of Object.entries(receiver)) {
    if (!key.endsWith('_configs') || !Array.isArray(value)) continue
    const integration = key.slice(0, -'_configs'.length)
    const fieldsOf = INTEGRATIONS[integration]
    list(value).forEach((cfg, i) => {
      out.push({integration, index: i + 1, fields: fieldsOf ? fieldsOf(cfg, ctx) : {}})
    })
  }
  return out
}
