// Receiver integrations (*_configs): fields and the checks Alertmanager runs while loading each one.
import {anything, bool, checkedString, type Decoder, int, latest, list, map, object, secret, str, uint, type FieldSpec, type Kind, type ObjectSchema} from '../../yaml/decode.js'
import {httpConfig, sigv4, tlsConfig} from './http.js'
import {checkAlertmanagerUrl, checkGoDuration, checkHostPort} from './url.js'
import {tryParseDuration} from '../../model/duration.js'
import {GO_BUILTIN_FUNCS} from '../../gotemplate/funcs.js'
import {parseTemplate} from '../../gotemplate/parser.js'

type Obj = Record<string, unknown>
type Fields = Record<string, Kind | FieldSpec>

export const amUrl = checkedString(checkAlertmanagerUrl)
/** Slack's public bot-token endpoint: not a secret, and newer Alertmanagers compare api_url with it. */
const SLACK_APP_URL = 'https://slack.com/api/chat.postMessage'

const secretUrlKind = checkedString((s) => (s === '<secret>' ? undefined : checkAlertmanagerUrl(s)), {secret: true})
/** A URL that may embed a token (webhook paths): decoded as "<secret>", except the public Slack API endpoint. */
export const secretUrl: Kind = (node, d, label) => {
  const v = secretUrlKind(node, d, label)
  return v !== undefined && node.kind === 'scalar' && node.value === SLACK_APP_URL ? SLACK_APP_URL : v
}
export const hostPort = checkedString(checkHostPort)
const goDuration = checkedString(checkGoDuration)
const modelDuration = checkedString((s) => (tryParseDuration(s) === undefined ? `not a valid duration string: "${s}"` : undefined))

const set = (v: unknown): boolean => v !== undefined && v !== null && v !== '' && v !== 0
const problem = (d: Decoder, c: Obj, message: string, field?: string) => d.report(d.at(c, field), message, {check: 'am/integration'})

function exclusive(d: Decoder, c: Obj, a: string, b: string): void {
  if (set(c[a]) && set(c[b])) problem(d, c, `at most one of ${a} & ${b} must be configured`, b)
}

function integration(name: string, fields: Fields, validate?: ObjectSchema['validate'], opts: {http?: boolean} = {}): Kind {
  const common: Fields = opts.http === false ? {send_resolved: bool} : {send_resolved: bool, http_config: httpConfig}
  return object({name, fields: {...common, ...fields}, validate})
}

const email = integration(
  'email_config',
  {
    to: str, from: str, hello: str, smarthost: hostPort, auth_username: str, auth_password: secret,
    auth_password_file: str, auth_secret: secret, auth_identity: str, headers: map(str), html: str, text: str,
    require_tls: bool, tls_config: tlsConfig, auth_secret_file: latest(str), force_implicit_tls: latest(bool),
    threading: latest(anything),
  },
  (c, d) => {
    if (!set(c.to)) problem(d, c, 'missing to address in email config')
    const seen = new Set<string>()
    for (const h of Object.keys((c.headers as Obj | undefined) ?? {})) {
      const canon = h.toLowerCase().replace(/(^|-)([a-z])/g, (_m, p: string, ch: string) => p + ch.toUpperCase())
      if (seen.has(canon)) problem(d, c, `duplicate header "${canon}" in email config`, 'headers')
      seen.add(canon)
    }
  },
  {http: false},
)

const pagerduty = integration(
  'pagerduty_config',
  {
    service_key: secret, service_key_file: str, routing_key: secret, routing_key_file: str, url: amUrl,
    client: str, client_url: str, description: str, details: (n, d, l) => map(d.version === 'latest' ? anything : str)(n, d, l), images: list(object({name: 'pagerduty image', fields: {src: str, alt: str, href: str}})),
    links: list(object({name: 'pagerduty link', fields: {href: str, text: str}})), source: str, severity: str, class: str,
    component: str, group: str, timeout: latest(modelDuration),
  },
  (c, d) => {
    if (!set(c.routing_key) && !set(c.service_key) && !set(c.routing_key_file) && !set(c.service_key_file)) {
      problem(d, c, 'missing service or routing key in PagerDuty config')
    }
    exclusive(d, c, 'routing_key', 'routing_key_file')
    exclusive(d, c, 'service_key', 'service_key_file')
  },
)

const slackField = object({
  name: 'slack field', fields: {title: str, value: str, short: bool},
  validate: (c, d) => {
    if (!set(c.title)) problem(d, c, 'missing title in Slack field configuration')
    if (!set(c.value)) problem(d, c, 'missing value in Slack field configuration')
  },
})
const slackConfirm = object({
  name: 'slack confirm', fields: {text: str, title: str, ok_text: str, dismiss_text: str},
  validate: (c, d) => void (!set(c.text) && problem(d, c, 'missing text in Slack confirmation configuration')),
})
const slackAction = object({
  name: 'slack action', fields: {type: str, text: str, url: str, style: str, name: str, value: str, confirm: slackConfirm},
  validate: (c, d) => {
    if (!set(c.type)) problem(d, c, 'missing type in Slack action configuration')
    if (!set(c.text)) problem(d, c, 'missing text in Slack action configuration')
    if (!set(c.url) && !set(c.name)) problem(d, c, 'missing name or url in Slack action configuration')
  },
})

const slack = integration(
  'slack_config',
  {
    api_url: secretUrl, api_url_file: str, channel: str, username: str, color: str, title: str, title_link: str,
    pretext: str, text: str, fields: list(slackField), short_fields: bool, footer: str, fallback: str, callback_id: str,
    icon_emoji: str, icon_url: str, image_url: str, thumb_url: str, link_names: bool, mrkdwn_in: list(str),
    actions: list(slackAction), app_token: latest(secret), app_token_file: latest(str), app_url: latest(amUrl),
    message_text: latest(str), update_message: latest(bool), timeout: latest(modelDuration),
  },
  (c, d) => {
    exclusive(d, c, 'api_url', 'api_url_file')
    exclusive(d, c, 'app_token', 'app_token_file')
    const url = set(c.api_url) || set(c.api_url_file)
    const token = set(c.app_token) || set(c.app_token_file)
    if (url && token) problem(d, c, 'at most one of api_url/api_url_file & app_token/app_token_file must be configured')
    if (c.update_message === true && c.api_url !== SLACK_APP_URL) {
      problem(d, c, `update_message can only be used with bot tokens. api_url must be set to ${SLACK_APP_URL}`, 'update_message')
    }
  },
)

const webhook = integration(
  'webhook_config',
  {url: secretOrPlainUrl(), max_alerts: uint, url_file: latest(str), timeout: latest(modelDuration), payload: latest(anything)},
  (c, d) => {
    if (!set(c.url) && !(d.version === 'latest' && set(c.url_file))) problem(d, c, d.version === 'latest' ? 'one of url or url_file must be configured' : 'missing URL in webhook config')
    exclusive(d, c, 'url', 'url_file')
  },
)

function secretOrPlainUrl(): Kind {
  return (node, d, label) => (d.version === 'latest' ? secretUrl : amUrl)(node, d, label)
}

const wechat = integration(
  'wechat_config',
  {
    api_secret: secret, corp_id: str, message: str, api_url: amUrl, to_user: str, to_party: str, to_tag: str,
    agent_id: str, message_type: str, api_secret_file: latest(str),
  },
  (c, d) => {
    const t = typeof c.message_type === 'string' && c.message_type !== '' ? c.message_type : 'text'
    if (t !== 'text' && t !== 'markdown') problem(d, c, `weChat message type "${t}" does not match valid options ^(text|markdown)$`, 'message_type')
    exclusive(d, c, 'api_secret', 'api_secret_file')
  },
)

const OPSGENIE_TYPES = /^(team|teams|user|escalation|schedule)$/
const opsgenie = integration(
  'opsgenie_config',
  {
    api_key: secret, api_key_file: str, api_url: amUrl, message: str, description: str, source: str,
    details: map(str), entity: str, actions: str, tags: str, note: str, priority: str, update_alerts: bool,
    responders: list(object({name: 'opsgenie responder', fields: {id: str, name: str, username: str, type: str}})),
  },
  (c, d) => {
    exclusive(d, c, 'api_key', 'api_key_file')
    for (const r of (c.responders as (Obj | undefined)[] | undefined) ?? []) {
      if (!r) continue
      if (!set(r.id) && !set(r.username) && !set(r.name)) problem(d, r, 'opsgenie responder has to have at least one of id, username or name specified')
      const type = typeof r.type === 'string' ? r.type : ''
      if (type.includes('{{')) {
        const parsed = parseTemplate(type, {name: '', funcs: GO_BUILTIN_FUNCS})
        if (!parsed.ok) problem(d, r, `opsgenie responder type is not a valid template: ${parsed.error.message}`, 'type')
      } else if (!OPSGENIE_TYPES.test(type.toLowerCase())) {
        problem(d, r, `opsgenie responder type "${type}" does not match valid options team, teams, user, escalation, schedule`, 'type')
      }
    }
  },
)

const RESERVED_VICTOROPS = ['routing_key', 'message_type', 'state_message', 'entity_display_name', 'monitoring_tool', 'entity_id', 'entity_state']
const victorops = integration(
  'victorops_config',
  {
    api_key: secret, api_key_file: str, api_url: amUrl, routing_key: str, message_type: str, state_message: str,
    entity_display_name: str, monitoring_tool: str, custom_fields: map(str),
  },
  (c, d) => {
    if (!set(c.routing_key)) problem(d, c, 'missing Routing key in VictorOps config')
    exclusive(d, c, 'api_key', 'api_key_file')
    for (const k of RESERVED_VICTOROPS) {
      if (c.custom_fields && k in (c.custom_fields as Obj)) problem(d, c, `victorOps config contains custom field ${k} which cannot be used as it conflicts with the fixed/static fields`, 'custom_fields')
    }
  },
)

const pushover = integration(
  'pushover_config',
  {
    user_key: secret, token: secret, title: str, message: str, url: str, url_title: str, sound: str, priority: str,
    retry: goDuration, expire: goDuration, html: bool, user_key_file: latest(str), token_file: latest(str),
    device: latest(str), ttl: latest(goDuration), monospace: latest(bool),
  },
  (c, d) => {
    const v25 = d.version === '0.25'
    if (!set(c.user_key) && (v25 || !set(c.user_key_file))) problem(d, c, v25 ? 'missing user key in Pushover config' : 'one of user_key or user_key_file must be configured')
    if (!set(c.token) && (v25 || !set(c.token_file))) problem(d, c, v25 ? 'missing token in Pushover config' : 'one of token or token_file must be configured')
    exclusive(d, c, 'user_key', 'user_key_file')
    exclusive(d, c, 'token', 'token_file')
  },
)

const sns = integration(
  'sns_config',
  {
    api_url: str, sigv4, topic_arn: str, phone_number: str, target_arn: str, subject: str, message: str,
    attributes: map(str), use_aws_http_client: latest(bool),
  },
  (c, d) => {
    const n = [c.target_arn, c.topic_arn, c.phone_number].filter(set).length
    if (n !== 1 && n !== 3) problem(d, c, 'must provide either a Target ARN, Topic ARN, or Phone Number for SNS config')
  },
)

const PARSE_MODES = new Set(['', 'Markdown', 'MarkdownV2', 'HTML'])
const telegram = integration(
  'telegram_config',
  {
    api_url: amUrl, bot_token: secret, chat_id: int, message: str, disable_notifications: bool, parse_mode: str,
    bot_token_file: latest(str), chat_id_file: latest(str), message_thread_id: latest(int),
  },
  (c, d) => {
    if (d.version === '0.25' && !set(c.bot_token)) problem(d, c, 'missing bot_token on telegram_config')
    exclusive(d, c, 'bot_token', 'bot_token_file')
    if (!set(c.chat_id) && !set(c.chat_id_file)) problem(d, c, d.version === '0.25' ? 'missing chat_id on telegram_config' : 'missing chat_id or chat_id_file on telegram_config')
    if (typeof c.parse_mode === 'string' && !PARSE_MODES.has(c.parse_mode)) {
      problem(d, c, 'unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string', 'parse_mode')
    }
  },
)

const discord = integration(
  'discord_config',
  {
    webhook_url: secretUrl, title: str, message: str, webhook_url_file: latest(str), content: latest(str),
    username: latest(str), avatar_url: latest(str),
  },
  (c, d) => exclusive(d, c, 'webhook_url', 'webhook_url_file'),
)

const webex = integration('webex_config', {api_url: amUrl, message: str, room_id: str}, (c, d) => {
  if (!set(c.room_id)) problem(d, c, 'missing room_id on webex_config')
  const http = c.http_config as Obj | undefined
  // bearer_token(_file) becomes an authorization when http_config is validated
  if (!http?.authorization && !set(http?.bearer_token) && !set(http?.bearer_token_file)) problem(d, c, 'missing webex_configs.http_config.authorization')
})

function webhookUrlPair(name: string, extra: Fields = {}): Kind {
  return integration(name, {webhook_url: secretUrl, webhook_url_file: str, ...extra}, (c, d) => {
    if (name !== 'mattermost_config' && !set(c.webhook_url) && !set(c.webhook_url_file)) problem(d, c, 'one of webhook_url or webhook_url_file must be configured')
    exclusive(d, c, 'webhook_url', 'webhook_url_file')
  })
}

const msteams = webhookUrlPair('msteams_config', {title: str, summary: str, text: str})
const msteamsv2 = webhookUrlPair('msteamsv2_config', {title: str, text: str})
const mattermost = webhookUrlPair('mattermost_config', Object.fromEntries(
  ['channel', 'username', 'text', 'fallback', 'color', 'pretext', 'author_name', 'author_link', 'author_icon', 'title', 'title_link',
    'thumb_url', 'footer', 'footer_icon', 'image_url', 'icon_url', 'icon_emoji', 'type'].map((k) => [k, str])
    .concat(['fields', 'attachments', 'props', 'priority'].map((k) => [k, anything])),
))
const rocketchat = integration('rocketchat_config', Object.fromEntries(
  ['token_id_file', 'token_file', 'channel', 'color', 'title', 'title_link', 'text', 'emoji', 'icon_url', 'image_url', 'thumb_url'].map((k) => [k, str])
    .concat([['api_url', amUrl], ['token_id', secret], ['token', secret], ['short_fields', bool], ['link_names', bool], ['fields', anything], ['actions', anything]]),
), (c, d) => {
  exclusive(d, c, 'token', 'token_file')
  exclusive(d, c, 'token_id', 'token_id_file')
})
const jira = integration('jira_config', {
  api_url: amUrl, api_type: str, project: str, summary: anything, description: anything, labels: list(str), priority: str,
  issue_type: str, reopen_transition: str, resolve_transition: str, wont_fix_resolution: str, reopen_duration: modelDuration, fields: anything,
}, (c, d) => {
  if (!set(c.project)) problem(d, c, 'missing project in jira_config')
  if (!set(c.issue_type)) problem(d, c, 'missing issue_type in jira_config')
  if (set(c.api_type) && !['auto', 'cloud', 'datacenter'].includes(c.api_type as string)) problem(d, c, 'unknown api_type on jira_config, must be auto, cloud or datacenter', 'api_type')
})
const incidentio = integration('incidentio_config', {
  url: secretUrl, url_file: str, alert_source_token: secret, alert_source_token_file: str, max_alerts: uint, timeout: modelDuration,
}, (c, d) => {
  if (!set(c.url) && !set(c.url_file)) problem(d, c, 'one of url or url_file must be configured')
  exclusive(d, c, 'url', 'url_file')
  exclusive(d, c, 'alert_source_token', 'alert_source_token_file')
})

/** Receiver fields: integration lists, by Alertmanager release. */
export const INTEGRATIONS: Record<string, Kind | FieldSpec> = {
  discord_configs: list(discord, {nullItems: 'error'}),
  email_configs: list(email, {nullItems: 'error'}),
  pagerduty_configs: list(pagerduty, {nullItems: 'error'}),
  slack_configs: list(slack, {nullItems: 'error'}),
  webhook_configs: list(webhook, {nullItems: 'error'}),
  opsgenie_configs: list(opsgenie, {nullItems: 'error'}),
  wechat_configs: list(wechat, {nullItems: 'error'}),
  pushover_configs: list(pushover, {nullItems: 'error'}),
  victorops_configs: list(victorops, {nullItems: 'error'}),
  sns_configs: list(sns, {nullItems: 'error'}),
  telegram_configs: list(telegram, {nullItems: 'error'}),
  webex_configs: list(webex, {nullItems: 'error'}),
  msteams_configs: latest(list(msteams, {nullItems: 'error'})),
  msteamsv2_configs: latest(list(msteamsv2, {nullItems: 'error'})),
  jira_configs: latest(list(jira, {nullItems: 'error'})),
  rocketchat_configs: latest(list(rocketchat, {nullItems: 'error'})),
  mattermost_configs: latest(list(mattermost, {nullItems: 'error'})),
  incidentio_configs: latest(list(incidentio, {nullItems: 'error'})),
}
