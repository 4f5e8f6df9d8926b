// --direct: deliver a test notification straight to each integration's endpoint, read from alertmanager.yml
// (secrets from the file or its *_file references), and report the HTTP or SMTP result. Never prints a secret.
import {dirname, resolve} from 'node:path'
import type {SyntheticAlert} from './alert.js'
import {ConfigError} from '../errors.js'
import {readConfigFileSync} from '../files/read.js'
import {maxResponseBytes} from '../http/size.js'
import {createTransport} from '../http/transport.js'
import * as body from './payloads.js'
import {redactReply, secretForms, smtpCredentialForms} from './redact-reply.js'
import {sendMail, type SmtpAuth} from './smtp.js'

type Obj = Record<string, unknown>

export interface DirectResult {
  receiver: string
  integration: string
  index: number // which *_configs entry, from 1
  endpoint: string // scheme://host only: webhook paths and queries are secrets
  ok: boolean
  detail: string // "HTTP 200", "250 Ok: queued", or the error
  action: DirectAction
}

/** trigger: the test notification; resolve: close what it opened (PagerDuty incident, Opsgenie alert). */
type DirectAction = 'trigger' | 'resolve'

/** Integrations whose test notification opens something that stays open until it is resolved. */
export const RESOLVABLE = ['pagerduty', 'opsgenie']

interface Prepared {
  endpoint: string
  secrets: string[]
  send: () => Promise<{ok: boolean; detail: string}>
}

/** What the receiver's templates rendered for one *_configs entry (index from 0), when spock rendered them. */
export type RenderedFields = (receiver: string, integration: string, index: number) => Record<string, unknown> | undefined

const SUPPORTED = ['webhook', 'slack', 'email', 'pagerduty', 'discord', 'msteams', 'telegram', 'opsgenie']

export async function sendDirect(
  raw: Obj,
  configPath: string,
  receivers: readonly string[],
  channel: string | undefined,
  alert: SyntheticAlert,
  timeoutMs: number,
  action: DirectAction = 'trigger',
  rendered?: RenderedFields,
): Promise<DirectResult[]> {
  const g = (raw.global ?? {}) as Obj
  const dir = dirname(resolve(configPath))
  const list = (raw.receivers ?? []) as Obj[]
  const jobs: {receiver: string; integration: string; index: number; prep: Prepared | string}[] = []
  for (const name of receivers) {
    const r = list.find((x) => x.name === name) ?? {}
    for (const [key, entries] of Object.entries(r)) {
      if (!key.endsWith('_configs') || !Array.isArray(entries)) continue
      const integration = key.slice(0, -'_configs'.length)
      if (channel && integration !== channel) continue
      if (action === 'resolve' && !RESOLVABLE.includes(integration)) continue
      entries.forEach((cfg: Obj, index) => {
        const fields = action === 'trigger' ? rendered?.(name, integration, index) : undefined
        const prep = SUPPORTED.includes(integration) ? prepare(integration, cfg, g, dir, name, alert, timeoutMs, action, fields) : `--direct does not support ${integration} yet; test it through Alertmanager`
        jobs.push({receiver: name, integration, index, prep})
      })
    }
  }
  // Every secret of every planned endpoint, in every form it could come back in: redacted from all replies.
  const forms = secretForms(jobs.flatMap((j) => (typeof j.prep === 'string' ? [] : j.prep.secrets)))
  return Promise.all(
    jobs.map(async (j): Promise<DirectResult> => {
      const at = {receiver: j.receiver, integration: j.integration, index: j.index + 1, action}
      if (typeof j.prep === 'string') return {...at, endpoint: '-', ok: false, detail: j.prep}
      const {endpoint, send} = j.prep
      try {
        const r = await send()
        return {...at, endpoint, ok: r.ok, detail: redactReply(oneLine(r.detail), forms)}
      } catch (err) {
        const e = err as NodeJS.ErrnoException
        const detail = e.code === 'ECONNREFUSED' ? 'connection refused' : (e.message ?? String(err))
        return {...at, endpoint, ok: false, detail: redactReply(oneLine(detail), forms)}
      }
    }),
  )
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' | ').trim()
}

/** The endpoint and sender for one *_configs entry; every secret value read for it is listed in `secrets`. */
function prepare(integration: string, cfg: Obj, g: Obj, dir: string, receiver: string, a: SyntheticAlert, timeoutMs: number, action: DirectAction, fields?: Obj): Prepared {
  const found: string[] = []
  const prep = prepareEntry(integration, cfg, g, dir, receiver, a, timeoutMs, found, action, fields)
  prep.secrets.push(...found)
  return prep
}

function prepareEntry(
  integration: string,
  cfg: Obj,
  g: Obj,
  dir: string,
  receiver: string,
  a: SyntheticAlert,
  timeoutMs: number,
  found: string[],
  action: DirectAction,
  fields?: Obj,
): Prepared {
  // The receiver's own templates when they were rendered; spock's text otherwise.
  const own = (payload: Obj, key?: {routing?: string; service?: string}): Obj => (fields ? (body.renderedPayload(integration, fields, a, cfg, key) ?? payload) : payload)
  const secret = (value: unknown, file: unknown, what: string): string | undefined => {
    const v = readSecret(value, file, what, dir)
    if (v) found.push(v)
    return v
  }
  const http = (cfg.http_config ?? g.http_config ?? {}) as Obj
  const post = (url: string | undefined, payload: unknown, extra: Record<string, string> = {}): Prepared => {
    if (!url) throw new ConfigError(`receiver "${receiver}": ${integration} has no URL`, {hint: 'run "spock config check" on the file'})
    const headers: Record<string, string> = {'content-type': 'application/json', 'user-agent': 'spock', ...authHeaders(http, secret), ...extra}
    const secrets = [url, ...Object.values(extra), ...Object.values(authHeaders(http, secret))]
    return {
      endpoint: hostOnly(url),
      secrets,
      send: async () => {
        const insecure = Boolean((http.tls_config as Obj | undefined)?.insecure_skip_verify)
        // One-shot; redirects are not followed; HTTP_PROXY, HTTPS_PROXY and NO_PROXY apply.
        const transport = createTransport({tls: {rejectUnauthorized: !insecure}, timeoutMs, maxResponseBytes: maxResponseBytes(), connections: 1})
        try {
          const res = await transport.request(new URL(url), {method: 'POST', headers, body: JSON.stringify(payload)})
          const text = res.text.trim().split('\n')[0]!.slice(0, 200)
          const ok = res.status >= 200 && res.status < 300
          return {ok, detail: `HTTP ${res.status}${ok || !text ? '' : `: ${text}`}`}
        } finally {
          await transport.close()
        }
      },
    }
  }
  switch (integration) {
    case 'webhook':
      return post(secret(cfg.url, cfg.url_file, 'url'), own(body.webhookPayload(a, receiver)))
    case 'slack':
      return post(secret(cfg.api_url ?? g.slack_api_url, cfg.api_url_file ?? g.slack_api_url_file, 'api_url'), own(body.slackPayload(a, cfg)))
    case 'discord':
      return post(secret(cfg.webhook_url, cfg.webhook_url_file, 'webhook_url'), own(body.discordPayload(a)))
    case 'msteams':
      return post(secret(cfg.webhook_url, cfg.webhook_url_file, 'webhook_url'), own(body.msteamsPayload(a)))
    case 'pagerduty': {
      const routing = secret(cfg.routing_key, cfg.routing_key_file, 'routing_key')
      const service = secret(cfg.service_key, cfg.service_key_file, 'service_key')
      const url = (cfg.url as string | undefined) ?? (service ? 'https://events.pagerduty.com/generic/2010-04-15/create_event.json' : ((g.pagerduty_url as string | undefined) ?? 'https://events.pagerduty.com/v2/enqueue'))
      const prep = post(url, action === 'trigger' ? own(body.pagerdutyPayload(a, cfg, {routing, service}, action), {routing, service}) : body.pagerdutyPayload(a, cfg, {routing, service}, action))
      prep.secrets.push(...[routing, service].filter((s): s is string => Boolean(s)))
      return prep
    }
    case 'telegram': {
      const token = secret(cfg.bot_token ?? g.telegram_bot_token, cfg.bot_token_file ?? g.telegram_bot_token_file, 'bot_token')
      const api = String(cfg.api_url ?? g.telegram_api_url ?? 'https://api.telegram.org').replace(/\/$/, '')
      const prep = post(`${api}/bot${token}/sendMessage`, own(body.telegramPayload(a, cfg)))
      if (token) prep.secrets.push(token)
      return prep
    }
    case 'opsgenie': {
      const key = secret(cfg.api_key ?? g.opsgenie_api_key, cfg.api_key_file ?? g.opsgenie_api_key_file, 'api_key')
      const api = String(cfg.api_url ?? g.opsgenie_api_url ?? 'https://api.opsgenie.com/').replace(/\/?$/, '/')
      const auth: Record<string, string> = key ? {authorization: `GenieKey ${key}`} : {}
      if (action === 'resolve') return post(`${api}v2/alerts/${encodeURIComponent(a.labels.spock_test_id ?? '')}/close?identifierType=alias`, {source: 'spock'}, auth)
      return post(`${api}v2/alerts`, own(body.opsgeniePayload(a)), auth)
    }
    case 'email':
      return prepareMail(cfg, g, a, secret, timeoutMs, dir, fields)
  }
  throw new ConfigError(`--direct does not support ${integration}`)
}

function prepareMail(
  cfg: Obj,
  g: Obj,
  a: SyntheticAlert,
  secret: (v: unknown, f: unknown, what: string) => string | undefined,
  timeoutMs: number,
  dir: string,
  fields?: Obj,
): Prepared {
  const smarthost = String(cfg.smarthost ?? g.smtp_smarthost ?? '')
  const m = /^(.*):(\d+)$/.exec(smarthost)
  if (!m) throw new ConfigError(`email smarthost "${smarthost}" must be host:port`, {hint: 'set smarthost or global.smtp_smarthost'})
  const username = (cfg.auth_username ?? g.smtp_auth_username) as string | undefined
  const password = secret(cfg.auth_password ?? g.smtp_auth_password, cfg.auth_password_file ?? g.smtp_auth_password_file, 'auth_password')
  const authSecret = secret(cfg.auth_secret ?? g.smtp_auth_secret, cfg.auth_secret_file ?? g.smtp_auth_secret_file, 'auth_secret')
  const toHeader = String(cfg.to ?? '')
  const fromHeader = String(cfg.from ?? g.smtp_from ?? '')
  const to = toHeader.split(',').map((s) => s.trim().replace(/^.*<(.*)>$/, '$1')).filter(Boolean)
  const from = fromHeader.replace(/^.*<(.*)>$/, '$1')
  const tls = (cfg.tls_config ?? {}) as Obj
  const ca = typeof tls.ca_file === 'string' && tls.ca_file !== '' ? readFileOf(tls.ca_file, 'tls_config.ca_file', dir) : undefined
  const auth: SmtpAuth | undefined = username ? {username, password, secret: authSecret} : undefined
  const secrets = [password, authSecret].filter((s): s is string => Boolean(s))
  if (username) for (const s of [...secrets]) secrets.push(...smtpCredentialForms(username, s))
  return {
    endpoint: `smtp://${m[1]}:${m[2]}`,
    secrets,
    send: async () => {
      const r = await sendMail(
        {
          host: m[1]!.replace(/^\[|\]$/g, ''),
          port: Number(m[2]),
          hello: String(cfg.hello ?? g.smtp_hello ?? 'localhost'),
          from,
          to,
          headers: {from: fromHeader, to: toHeader},
          requireTls: (cfg.require_tls ?? g.smtp_require_tls ?? true) !== false,
          insecureSkipVerify: Boolean(tls.insecure_skip_verify),
          serverName: typeof tls.server_name === 'string' && tls.server_name !== '' ? tls.server_name : undefined,
          ca,
          auth,
          timeoutMs,
        },
        fields ? body.renderedMail(fields) : body.mailText(a),
      )
      return {ok: r.ok, detail: r.reply}
    },
  }
}

function readSecret(value: unknown, file: unknown, what: string, dir: string): string | undefined {
  if (typeof value === 'string' && value !== '') return value
  if (typeof file !== 'string' || file === '') return undefined
  return readFileOf(file, what, dir).trim()
}

function readFileOf(file: string, what: string, dir: string): string {
  return readConfigFileSync(resolve(dir, file), what).toString('utf8')
}

function authHeaders(http: Obj, secret: (v: unknown, f: unknown, what: string) => string | undefined): Record<string, string> {
  const basic = http.basic_auth as Obj | undefined
  if (basic) {
    const pw = secret(basic.password, basic.password_file, 'basic_auth password') ?? ''
    return {authorization: `Basic ${Buffer.from(`${basic.username ?? ''}:${pw}`).toString('base64')}`}
  }
  const auth = http.authorization as Obj | undefined
  const token = auth ? secret(auth.credentials, auth.credentials_file, 'authorization credentials') : secret(http.bearer_token, http.bearer_token_file, 'bearer_token')
  if (token) return {authorization: `${(auth?.type as string | undefined) ?? 'Bearer'} ${token}`}
  return {}
}

/** Only scheme and host: the path of a Slack or Discord webhook URL is itself the secret. */
function hostOnly(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : '/…'}`
  } catch {
    return '<invalid URL>'
  }
}
