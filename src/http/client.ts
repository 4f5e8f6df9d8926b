// One HTTP client per server: base URL with path prefix, auth, TLS, headers, timeout, retries, typed errors.
// Requests go over transport.ts (undici, loaded at the first request).
import {ApiError, ConfigError, ConnectionError} from '../errors.js'
import {readConfigFileSync} from '../files/read.js'
import {serverMessage} from './parse.js'
import {createTransport, TransportError, type TlsOptions, type Transport} from './transport.js'
import {isSecretHeader, redactText, redactUrl} from './redact.js'
import {formatSize, MAX_RESPONSE_ENV, maxResponseBytes} from './size.js'

interface TlsSettings {
  caFile?: string
  certFile?: string
  keyFile?: string
  insecureSkipVerify?: boolean
  serverName?: string
}

export interface ServerSettings {
  url: string
  headers: Record<string, string>
  tenant?: string
  basicAuth?: {username: string; password?: string; passwordFile?: string}
  bearerToken?: string
  bearerTokenFile?: string
  tls: TlsSettings
  timeoutMs: number
  maxResponseBytes?: number // SPOCK_MAX_RESPONSE_SIZE (64 MiB) when not set
}

export interface HttpResponse {
  status: number
  contentType: string
  text: string
  url: string // redacted
}

export interface RequestOptions {
  query?: URLSearchParams | Record<string, string | string[] | undefined>
  body?: unknown // sent as JSON
  accept?: number[] // statuses that are not errors (besides 2xx)
}

export type LogLine = (line: string) => void

const RETRY_STATUS = new Set([502, 503, 504])
// UND_ERR_SOCKET: the server closed the connection before it answered (undici's word for a reset).
const RETRY_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])

export class HttpClient {
  readonly baseUrl: URL
  readonly displayUrl: string
  private readonly headers: Record<string, string>
  private readonly jsonHeaders: Record<string, string> // the same plus content-type
  private readonly secrets: string[]
  private readonly transport: Transport
  private readonly timeoutMs: number
  private readonly maxResponseBytes: number
  private readonly urls = new Map<string, URL>()

  constructor(
    settings: ServerSettings,
    private readonly log?: LogLine,
  ) {
    this.baseUrl = parseBaseUrl(settings.url)
    this.displayUrl = redactUrl(this.baseUrl).replace(/\/$/, '')
    this.timeoutMs = settings.timeoutMs
    const {headers, secrets} = buildHeaders(settings, this.baseUrl)
    this.headers = headers
    this.jsonHeaders = {...headers, 'content-type': 'application/json'}
    this.secrets = secrets
    this.maxResponseBytes = settings.maxResponseBytes ?? maxResponseBytes()
    this.transport = createTransport({tls: tlsOptions(settings.tls), timeoutMs: this.timeoutMs, maxResponseBytes: this.maxResponseBytes})
  }

  /** Full URL for a path below the base URL (keeps a path prefix such as /prometheus). */
  urlFor(path: string, query?: RequestOptions['query']): URL {
    if (query !== undefined) return this.buildUrl(path, query)
    // Built once per path: a bulk command sends the same POST a thousand times (never changed after)
    let url = this.urls.get(path)
    if (!url) this.urls.set(path, (url = this.buildUrl(path)))
    return url
  }

  private buildUrl(path: string, query?: RequestOptions['query']): URL {
    const url = new URL(this.baseUrl.toString())
    url.username = ''
    url.password = ''
    url.pathname = url.pathname.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`)
    for (const [k, v] of queryEntries(query)) url.searchParams.append(k, v)
    return url
  }

  async get(path: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    return this.send('GET', path, opts, 3)
  }

  async post(path: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    return this.send('POST', path, opts, 0)
  }

  async delete(path: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    return this.send('DELETE', path, opts, 0)
  }

  async getJson(path: string, opts: RequestOptions = {}): Promise<unknown> {
    return parseJson(await this.get(path, opts))
  }

  async postJson(path: string, opts: RequestOptions = {}): Promise<unknown> {
    const res = await this.post(path, opts)
    return res.text.trim() === '' ? undefined : parseJson(res)
  }

  redact(text: string): string {
    return redactText(text, this.secrets)
  }

  async close(): Promise<void> {
    await this.transport.close()
  }

  private async send(method: 'GET' | 'POST' | 'DELETE', path: string, opts: RequestOptions, retries: number): Promise<HttpResponse> {
    const url = this.urlFor(path, opts.query)
    let redacted: string | undefined
    const shown = (): string => (redacted ??= redactUrl(url)) // only for logs and errors: most requests never need it
    for (let attempt = 0; ; attempt++) {
      const started = Date.now()
      try {
        const res = await this.transport.request(url, {
          method,
          headers: opts.body === undefined ? this.headers : this.jsonHeaders,
          body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
          follow: method === 'GET',
        })
        const moved = res.redirects > 0 ? ` (${res.redirects} redirect${res.redirects > 1 ? 's' : ''}, to ${redactUrl(res.url)})` : ''
        this.log?.(`${method} ${shown()} ${res.status} ${Date.now() - started}ms${moved}`)
        const contentType = String(res.headers['content-type'] ?? '')
        if (attempt < retries && RETRY_STATUS.has(res.status)) {
          await backoff(attempt)
          continue
        }
        const out = {status: res.status, contentType, text: res.text, get url() { return shown() }}
        if ((res.status >= 200 && res.status < 300) || opts.accept?.includes(res.status)) return out
        if (res.status >= 300 && res.status < 400) throw this.redirectError(method, out, res.headers.location, res.url)
        throw this.apiError(method, out)
      } catch (err) {
        if (err instanceof ApiError) throw err
        const code = networkCode(err)
        this.log?.(`${method} ${shown()} failed after ${Date.now() - started}ms: ${code ?? (err as Error).name}`)
        if (attempt < retries && code && RETRY_CODES.has(code)) {
          await backoff(attempt)
          continue
        }
        throw this.connectionError(shown(), err)
      }
    }
  }

  private apiError(method: string, res: HttpResponse): ApiError {
    const detail = this.redact(serverMessage(res))
    const hint =
      res.status === 401 || res.status === 403
        ? 'check the credentials (basic auth, bearer token) and tenant for this server'
        : res.status === 404
          ? 'check the URL and its path prefix (e.g. https://host/prometheus)'
          : undefined
    return new ApiError(`${method} ${res.url} failed with HTTP ${res.status}${detail ? `: ${detail}` : ''}`, {
      status: res.status,
      url: res.url,
      hint,
    })
  }

  /** A 3xx that was not followed: POST and DELETE never follow, GET only when Location is missing or unusable. */
  private redirectError(method: string, res: HttpResponse, location: string | string[] | undefined, from: URL): ApiError {
    let target = typeof location === 'string' ? location : ''
    try {
      if (target) target = redactUrl(new URL(target, from))
    } catch {
      target = redactUrl(target)
    }
    const to = target ? ` to ${this.redact(target)}` : ' without a Location'
    return new ApiError(`${method} ${res.url} was redirected (HTTP ${res.status})${to}; spock follows redirects for GET requests only`, {
      status: res.status,
      url: res.url,
      hint: target ? 'use the URL the server redirects to in --alertmanager-url / --prometheus-url or the context' : 'check the URL and its path prefix',
    })
  }

  private connectionError(shown: string, err: unknown): ConnectionError {
    const name = (err as Error | undefined)?.name
    const code = networkCode(err)
    if (code === 'SPOCK_TOO_LARGE') {
      return new ConnectionError(`cannot read ${shown}: the response is larger than ${formatSize(this.maxResponseBytes)}`, {
        cause: err,
        hint: `ask for less (a narrower query or matcher), or raise the limit with ${MAX_RESPONSE_ENV}, e.g. ${MAX_RESPONSE_ENV}=256MiB`,
      })
    }
    const timedOut = name === 'TimeoutError' || name === 'AbortError' || code?.includes('TIMEOUT')
    const proxy = (err as {proxy?: string} | undefined)?.proxy
    const via = proxy ? ` (through proxy ${proxy})` : ''
    const reason = timedOut ? `no answer within ${formatMs(this.timeoutMs)}` : describeNetworkError(err)
    return new ConnectionError(`cannot reach ${shown}: ${this.redact(reason)}${this.redact(via)}`, {
      cause: err,
      hint: timedOut
        ? 'the server (or a proxy on the way) did not answer in time; raise --timeout or check the server'
        : code === 'SPOCK_TOO_MANY_REDIRECTS'
          ? 'check the URL: the server keeps redirecting (a login page or a proxy may be in the way)'
          : proxy
            ? 'check the proxy (HTTP_PROXY, HTTPS_PROXY; NO_PROXY to bypass it for this server) and the URL'
            : 'check the URL (--alertmanager-url / --prometheus-url or the context in the spock config) and that the server is up',
    })
  }
}

function parseBaseUrl(raw: string): URL {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new ConfigError(`invalid server URL "${redactUrl(raw)}"`, {hint: 'write it as http://host:port or https://host/prefix'})
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`unsupported scheme "${url.protocol.slice(0, -1)}" in "${redactUrl(raw)}"`, {hint: 'use http:// or https://'})
  }
  url.search = ''
  url.hash = ''
  return url
}

function buildHeaders(s: ServerSettings, url: URL): {headers: Record<string, string>; secrets: string[]} {
  const headers: Record<string, string> = {accept: 'application/json', 'user-agent': 'spock'}
  const secrets: string[] = []
  for (const [k, v] of Object.entries(s.headers)) {
    headers[k.toLowerCase()] = v
    if (isSecretHeader(k)) secrets.push(v) // a server may echo the request back in an error
  }
  if (s.tenant) headers['x-scope-orgid'] = s.tenant
  const userInfo = url.username ? {username: decodeURIComponent(url.username), password: decodeURIComponent(url.password)} : undefined
  if (userInfo) secrets.push(userInfo.username) // http://TOKEN@host: the user name may be the credential
  const basic = s.basicAuth ?? userInfo
  if (basic) {
    const password = basic === s.basicAuth ? (s.basicAuth.password ?? readSecret(s.basicAuth.passwordFile)) : (basic.password ?? '')
    if (password) secrets.push(password)
    headers.authorization = `Basic ${Buffer.from(`${basic.username}:${password ?? ''}`).toString('base64')}`
  }
  const token = s.bearerToken ?? readSecret(s.bearerTokenFile)
  if (token) {
    if (basic) throw new ConfigError('both basic auth and a bearer token are set for one server', {hint: 'keep only one of them'})
    secrets.push(token)
    headers.authorization = `Bearer ${token}`
  }
  if (headers.authorization) secrets.push(headers.authorization.replace(/^\S+ /, ''))
  return {headers, secrets}
}

function readSecret(file: string | undefined): string | undefined {
  if (!file) return undefined
  return readConfigFileSync(file, 'secret').toString('utf8').trim()
}

function tlsOptions(t: TlsSettings): TlsOptions {
  const read = (file: string | undefined, what: string): Buffer | undefined => {
    if (!file) return undefined
    return readConfigFileSync(file, `TLS ${what}`)
  }
  return {
    ca: read(t.caFile, 'CA'),
    cert: read(t.certFile, 'certificate'),
    key: read(t.keyFile, 'key'),
    rejectUnauthorized: !t.insecureSkipVerify,
    servername: t.serverName,
  }
}

function queryEntries(query: RequestOptions['query']): [string, string][] {
  if (!query) return []
  if (query instanceof URLSearchParams) return [...query.entries()]
  const out: [string, string][] = []
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue
    for (const item of Array.isArray(v) ? v : [v]) out.push([k, item])
  }
  return out
}

function parseJson(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.text)
  } catch {
    const kind = res.contentType.split(';')[0] || 'an empty body'
    throw new ApiError(`${res.url} did not answer with JSON (got ${kind})`, {
      url: res.url,
      hint: 'is this the right server? a login page or proxy may be in the way',
    })
  }
}


function networkCode(err: unknown): string | undefined {
  const e = err as {code?: string; cause?: {code?: string}} | undefined
  return e?.code ?? e?.cause?.code
}

function describeNetworkError(err: unknown): string {
  const code = networkCode(err)
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'DNS lookup failed',
    ECONNRESET: 'connection reset',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate (use a CA file, or --insecure-skip-verify)',
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in chain (use a CA file)',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not trusted (use a CA file)',
    ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
    UND_ERR_SOCKET: 'the server closed the connection before answering',
  }
  if (code && known[code]) return known[code]
  const message = (err as Error | undefined)?.message ?? String(err)
  const tunnel = /^Proxy response \((\d+)\) !== 200/.exec(message)
  if (tunnel) return `the proxy refused the connection (HTTP ${tunnel[1]})`
  if (err instanceof TransportError || code?.startsWith('UND_ERR')) return message
  return code ? `${code}: ${message}` : message
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt))
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`
}
