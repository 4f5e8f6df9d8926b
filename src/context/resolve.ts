// Connection settings: flag > SPOCK_* environment > selected context > default, with where each came from.
import {ConfigError, UsageError} from '../errors.js'
import type {ServerSettings} from '../http/client.js'
import {tryParseDuration} from '../model/duration.js'
import type {ContextConfig, ServerConfig, SpockConfig} from './schema.js'

export type Source = 'flag' | 'env' | 'default' | `context:${string}`

export interface ConnectionFlags {
  context?: string
  'prometheus-url'?: string
  'alertmanager-url'?: string[]
  tenant?: string
  header?: string[]
  'basic-auth-user'?: string
  'basic-auth-password-file'?: string
  'bearer-token-file'?: string
  'ca-file'?: string
  'cert-file'?: string
  'key-file'?: string
  'insecure-skip-verify'?: boolean
  timeout?: string
}

export interface ResolvedServer extends ServerSettings {
  sources: Record<string, Source>
}

export interface ResolvedContext {
  context?: string
  prometheus: ResolvedServer
  alertmanagers: ResolvedServer[]
  author?: {value: string; source: Source}
}

const DEFAULT_PROMETHEUS_URL = 'http://localhost:9090'
const DEFAULT_ALERTMANAGER_URL = 'http://localhost:9093'
const DEFAULT_TIMEOUT_MS = 30_000

type Pick<T> = {value: T; source: Source} | undefined

/** The first defined candidate wins. */
function first<T>(...candidates: [T | undefined, Source][]): Pick<T> {
  for (const [value, source] of candidates) {
    if (value !== undefined && value !== '') return {value, source}
  }
  return undefined
}

export function resolveContext(flags: ConnectionFlags, env: NodeJS.ProcessEnv, file: SpockConfig | undefined): ResolvedContext {
  const name = flags.context ?? env.SPOCK_CONTEXT ?? file?.['current-context']
  let ctx: ContextConfig | undefined
  if (name) {
    const contexts = file?.contexts ?? {}
    if (!(name in contexts)) {
      const known = Object.keys(contexts)
      throw new ConfigError(`context "${name}" is not defined in the spock config`, {
        hint: known.length > 0 ? `known contexts: ${known.join(', ')}` : 'add it under "contexts:" in the config file (see README)',
      })
    }
    ctx = contexts[name] ?? {}
  }
  const src: Source = `context:${name ?? ''}`
  const urlEnv = env.SPOCK_ALERTMANAGER_URL?.split(',').map((u) => u.trim()).filter(Boolean)
  const amUrls =
    first<string[]>(
      [flags['alertmanager-url']?.length ? flags['alertmanager-url'] : undefined, 'flag'],
      [urlEnv?.length ? urlEnv : undefined, 'env'],
      [ctx?.alertmanager?.urls ?? (ctx?.alertmanager?.url ? [ctx.alertmanager.url] : undefined), src],
    ) ?? {value: [DEFAULT_ALERTMANAGER_URL], source: 'default' as Source}
  const prometheusUrl =
    first([flags['prometheus-url'], 'flag'], [env.SPOCK_PROMETHEUS_URL, 'env'], [ctx?.prometheus?.url, src]) ??
    {value: DEFAULT_PROMETHEUS_URL, source: 'default' as Source}
  const author = first([env.SPOCK_AUTHOR, 'env'], [ctx?.author, src])
  return {
    context: name,
    prometheus: resolveServer(prometheusUrl, flags, env, ctx?.prometheus, src),
    alertmanagers: amUrls.value.map((url) => resolveServer({value: url, source: amUrls.source}, flags, env, ctx?.alertmanager, src)),
    author,
  }
}

function resolveServer(
  url: {value: string; source: Source},
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  c: ServerConfig | undefined,
  src: Source,
): ResolvedServer {
  const sources: Record<string, Source> = {url: url.source}
  const take = <T>(key: string, pick: Pick<T>): T | undefined => {
    if (pick) sources[key] = pick.source
    return pick?.value
  }
  const tenant = take('tenant', first([flags.tenant, 'flag'], [env.SPOCK_TENANT, 'env'], [c?.tenant, src]))
  const timeoutText = take('timeout', first([flags.timeout, 'flag'], [env.SPOCK_TIMEOUT, 'env'], [c?.timeout, src]))
  const username = take(
    'basicAuth.username',
    first([flags['basic-auth-user'], 'flag'], [env.SPOCK_BASIC_AUTH_USER, 'env'], [c?.basic_auth?.username, src]),
  )
  const password = take('basicAuth.password', first([env.SPOCK_BASIC_AUTH_PASSWORD, 'env']))
  const passwordFile = password
    ? undefined
    : take(
        'basicAuth.passwordFile',
        first(
          [flags['basic-auth-password-file'], 'flag'],
          [env.SPOCK_BASIC_AUTH_PASSWORD_FILE, 'env'],
          [c?.basic_auth?.password_file, src],
        ),
      )
  const bearerToken = take('bearerToken', first([env.SPOCK_BEARER_TOKEN, 'env']))
  const bearerTokenFile = bearerToken
    ? undefined
    : take('bearerTokenFile', first([flags['bearer-token-file'], 'flag'], [env.SPOCK_BEARER_TOKEN_FILE, 'env'], [c?.bearer_token_file, src]))
  const tlsPick = (key: 'ca-file' | 'cert-file' | 'key-file', envName: string, file: string | undefined) =>
    take(`tls.${key}`, first([flags[key], 'flag'], [env[envName], 'env'], [file, src]))
  const insecure = take(
    'tls.insecureSkipVerify',
    first<boolean>(
      [flags['insecure-skip-verify'] ? true : undefined, 'flag'],
      [parseBool(env.SPOCK_INSECURE_SKIP_VERIFY), 'env'],
      [c?.tls_config?.insecure_skip_verify, src],
    ),
  )
  const headers = {...c?.headers}
  if (c?.headers && Object.keys(c.headers).length > 0) sources.headers = src
  const envHeaders = parseEnvHeaders(env.SPOCK_HEADERS)
  if (Object.keys(envHeaders).length > 0) sources.headers = 'env'
  const flagHeaders = parseHeaders(flags.header ?? [], (i) => `--header #${i + 1}`)
  if (Object.keys(flagHeaders).length > 0) sources.headers = 'flag'
  Object.assign(headers, envHeaders, flagHeaders)
  return {
    url: url.value,
    headers,
    tenant,
    basicAuth: username ? {username, password, passwordFile} : undefined,
    bearerToken,
    bearerTokenFile,
    tls: {
      caFile: tlsPick('ca-file', 'SPOCK_CA_FILE', c?.tls_config?.ca_file),
      certFile: tlsPick('cert-file', 'SPOCK_CERT_FILE', c?.tls_config?.cert_file),
      keyFile: tlsPick('key-file', 'SPOCK_KEY_FILE', c?.tls_config?.key_file),
      insecureSkipVerify: insecure,
      serverName: c?.tls_config?.server_name,
    },
    timeoutMs: timeoutText === undefined ? DEFAULT_TIMEOUT_MS : parseTimeout(timeoutText),
    sources,
  }
}

/** "Name: value" or "Name=value" → header map. `where(i)` names item i for errors ("--header #2"). */
export function parseHeaders(items: readonly string[], where: (index: number) => string): Record<string, string> {
  const out: Record<string, string> = {}
  items.forEach((item, i) => {
    const m = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*[:=]\s*(.*)$/.exec(item)
    if (!m) throw new UsageError(`invalid header in ${where(i)}: ${headerProblem(item)}`, {hint: 'write it as "Name: value", e.g. "X-Scope-OrgID: team-a"'})
    out[m[1]!] = m[2]!.trim()
  })
  return out
}

/**
 * What is wrong with a header, without its value: the text may be a credential with a missing colon.
 * The name is shown only when a value follows it ("Authorization Bearer X"); a lone word could be a token.
 */
function headerProblem(item: string): string {
  const m = /^\s*([A-Za-z][A-Za-z0-9-]{0,63})\s+\S/.exec(item)
  if (m) return `no ":" after the name "${m[1]}" (value not shown)`
  if (item.trim() === '') return 'it is empty'
  return 'no "Name: value" form (text not shown, it may be a secret)'
}

/** SPOCK_HEADERS: one header a line; blank lines are skipped but counted. */
function parseEnvHeaders(text: string | undefined): Record<string, string> {
  const lines = (text ?? '').split('\n').map((line, i) => ({line, n: i + 1})).filter((l) => l.line.trim() !== '')
  return parseHeaders(lines.map((l) => l.line), (i) => `SPOCK_HEADERS line ${lines[i]!.n}`)
}
// Node's timers hold at most 2^31-1 ms (~24.8 days); a longer one fires at once. A day is plenty.
const MAX_TIMEOUT_MS = 24 * 3600_000

export function parseTimeout(text: string): number {
  const ms = tryParseDuration(text)
  if (ms === undefined || ms <= 0) throw new UsageError(`invalid timeout "${text}"`, {hint: 'use a duration such as 10s, 1m or 500ms'})
  if (ms > MAX_TIMEOUT_MS) throw new UsageError(`timeout "${text}" is too long: at most 24h`, {hint: 'use a duration such as 30s, 10m or 24h'})
  return ms
}

function parseBool(text: string | undefined): boolean | undefined {
  if (text === undefined || text === '') return undefined
  return /^(1|true|yes|on)$/i.test(text)
}
