// The effective connection settings as rows, with where each value came from. Secrets never appear.
import {REDACTED, redactHeaders, redactUrl} from '../http/redact.js'
import type {ResolvedContext, ResolvedServer, Source} from './resolve.js'

export interface SettingRow {
  server: string // prometheus | alertmanager | alertmanager[1] ...
  setting: string
  value: string
  source: Source
}

export interface EffectiveConfig {
  configFile: string
  configFileExists: boolean
  context: string | null
  settings: SettingRow[]
}

export function describeContext(ctx: ResolvedContext, file: {path: string; exists: boolean}): EffectiveConfig {
  const settings: SettingRow[] = [...serverRows('prometheus', ctx.prometheus)]
  ctx.alertmanagers.forEach((am, i) => settings.push(...serverRows(i === 0 ? 'alertmanager' : `alertmanager[${i}]`, am)))
  if (ctx.author) settings.push({server: '-', setting: 'author', value: ctx.author.value, source: ctx.author.source})
  return {configFile: file.path, configFileExists: file.exists, context: ctx.context ?? null, settings}
}

function serverRows(server: string, s: ResolvedServer): SettingRow[] {
  const rows: SettingRow[] = []
  const add = (setting: string, value: string | undefined, key = setting) => {
    if (value !== undefined) rows.push({server, setting, value, source: s.sources[key] ?? 'default'})
  }
  add('url', redactUrl(s.url))
  add('timeout', `${s.timeoutMs / 1000}s`)
  add('tenant', s.tenant)
  add('basic_auth.username', s.basicAuth?.username, 'basicAuth.username')
  add('basic_auth.password', s.basicAuth?.password === undefined ? undefined : REDACTED, 'basicAuth.password')
  add('basic_auth.password_file', s.basicAuth?.passwordFile, 'basicAuth.passwordFile')
  add('bearer_token', s.bearerToken === undefined ? undefined : REDACTED, 'bearerToken')
  add('bearer_token_file', s.bearerTokenFile, 'bearerTokenFile')
  add('tls.ca_file', s.tls.caFile, 'tls.ca-file')
  add('tls.cert_file', s.tls.certFile, 'tls.cert-file')
  add('tls.key_file', s.tls.keyFile, 'tls.key-file')
  add('tls.insecure_skip_verify', s.tls.insecureSkipVerify ? 'true' : undefined, 'tls.insecureSkipVerify')
  for (const [k, v] of Object.entries(redactHeaders(s.headers))) add(`headers.${k}`, v, 'headers')
  return rows
}
