// Every HTTP(S) request spock sends goes through here, on undici: the API servers (client.ts) and
// test-alert --direct (notify/direct.ts). undici is imported at the first request, so commands that never
// talk to a server never load it. On top of undici this adds what spock promises in the README:
// - one deadline for the whole request (pool wait, connect, headers, body), not one per phase;
// - a response size cap, checked against Content-Length and while the body streams in;
// - HTTP_PROXY / HTTPS_PROXY / NO_PROXY as Go reads them (proxy-env.ts);
// - redirects: followed for GET (at most 10, like Go's client), returned as they are for other methods.
import type {Dispatcher} from 'undici'
import {defaultCa} from './extra-ca.js'
import {proxyFor} from './proxy-env.js'
import {redactUrl} from './redact.js'

export interface TlsOptions {
  ca?: Buffer
  cert?: Buffer
  key?: Buffer
  rejectUnauthorized: boolean
  servername?: string
}

export type ResponseHeaders = Record<string, string | string[] | undefined>

export interface RawResponse {
  status: number
  headers: ResponseHeaders
  text: string
  url: URL // where the answer came from: differs from the request's URL after redirects
  redirects: number
}

export interface RequestInit {
  method: string
  headers: Record<string, string>
  body?: string
  follow?: boolean // follow redirects (GET only, as Go's client does by default)
}

export interface TransportOptions {
  tls: TlsOptions
  timeoutMs: number // the deadline of each request, all phases included
  maxResponseBytes: number
  connections?: number // per server; further requests wait for a free one
  env?: Readonly<Record<string, string | undefined>> // proxy variables; process.env by default
}

export interface Transport {
  request(url: URL, init: RequestInit): Promise<RawResponse>
  close(): Promise<void>
}

export const MAX_REDIRECTS = 10
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]) // the ones Go follows

/** Errors of this module carry one of these codes (client.ts words them for the user). */
export type TransportCode = 'SPOCK_TIMEOUT' | 'SPOCK_TOO_LARGE' | 'SPOCK_TOO_MANY_REDIRECTS'

export class TransportError extends Error {
  constructor(
    readonly code: TransportCode,
    message: string,
  ) {
    super(message)
    this.name = code === 'SPOCK_TIMEOUT' ? 'TimeoutError' : 'TransportError'
  }
}

type Undici = typeof import('./undici.js')
let undici: Undici | undefined
let loading: Promise<Undici> | undefined
const load = async (): Promise<Undici> => (undici ??= await (loading ??= import('./undici.js')))

export function createTransport(opts: TransportOptions): Transport {
  const env = opts.env ?? process.env
  const dispatchers = new Map<string, Dispatcher>()
  const routes = new Map<string, {dispatcher: Dispatcher; proxy: URL | undefined}>() // by origin
  const route = (u: Undici, url: URL, origin: string) => {
    let r = routes.get(origin)
    if (!r) {
      const proxy = proxyFor(url, env)
      const key = `${url.protocol} ${proxy?.href ?? ''}`
      let dispatcher = dispatchers.get(key)
      if (!dispatcher) dispatchers.set(key, (dispatcher = makeDispatcher(u, opts, url.protocol === 'https:', proxy)))
      routes.set(origin, (r = {dispatcher, proxy}))
    }
    return r
  }

  return {
    request: async (url, init) => {
      const u = undici ?? (await load())
      let hop: Exchange | undefined
      let expired: TransportError | undefined
      const timer = setTimeout(() => {
        expired = new TransportError('SPOCK_TIMEOUT', `no answer within ${opts.timeoutMs} ms`)
        hop?.fail(expired)
      }, opts.timeoutMs)
      let target = url
      let headers = init.headers
      let proxy: URL | undefined
      try {
        for (let redirects = 0; ; redirects++) {
          const {origin, path} = parts(target)
          const via = route(u, target, origin)
          proxy = via.proxy
          const res = await new Promise<Answer>((resolve, reject) => {
            hop = new Exchange(opts.maxResponseBytes, resolve, reject)
            if (expired) return hop.fail(expired)
            via.dispatcher.dispatch({origin, path, method: init.method as Dispatcher.HttpMethod, headers, body: init.body}, hop)
          })
          const next = init.follow && REDIRECT_STATUS.has(res.status) ? redirectTarget(target, res.headers.location) : undefined
          if (!next) return {...res, url: target, redirects}
          if (redirects === MAX_REDIRECTS) {
            throw new TransportError('SPOCK_TOO_MANY_REDIRECTS', `stopped after ${MAX_REDIRECTS} redirects, the last to ${redactUrl(next)}`)
          }
          if (!sameOrSubdomain(next.hostname, url.hostname)) headers = withoutCredentials(headers)
          target = next
        }
      } catch (err) {
        throw annotate(err, proxy)
      } finally {
        clearTimeout(timer)
      }
    },
    close: async () => {
      const all = [...dispatchers.values()]
      dispatchers.clear()
      routes.clear()
      await Promise.all(all.map((d) => d.destroy().catch(() => undefined)))
    },
  }
}

// A URL's origin and path, read once per URL object (the client reuses one for each path it sends to).
const known = new WeakMap<URL, {origin: string; path: string}>()
function parts(url: URL): {origin: string; path: string} {
  let p = known.get(url)
  if (!p) known.set(url, (p = {origin: url.origin, path: `${url.pathname}${url.search}`}))
  return p
}

interface Answer {
  status: number
  headers: ResponseHeaders
  text: string
}

/**
 * One request and its answer, as an undici dispatch handler: the body is collected up to the size cap, and
 * fail() (the deadline, the cap) settles the promise at once, whatever undici is doing with the request then
 * (waiting for a pooled connection, connecting, reading).
 */
class Exchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined
  private reason: Error | undefined
  private settled = false
  private status = 0
  private headers: ResponseHeaders = {}
  private chunks: Buffer[] = []
  private size = 0

  constructor(
    private readonly limit: number,
    private readonly resolve: (a: Answer) => void,
    private readonly reject: (err: Error) => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller
    if (this.reason) controller.abort(this.reason)
  }

  onResponseStart(_c: Dispatcher.DispatchController, status: number, headers: ResponseHeaders): void {
    this.status = status
    this.headers = headers
    const declared = headers['content-length']
    if (typeof declared === 'string' && Number(declared) > this.limit) this.fail(this.tooLarge())
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.length
    if (this.size > this.limit) this.fail(this.tooLarge()) // the connection is closed: the rest is never read
    else this.chunks.push(chunk)
  }

  onResponseEnd(): void {
    if (this.settled) return
    this.settled = true
    const body = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size)
    this.chunks = []
    this.resolve({status: this.status, headers: this.headers, text: body.toString('utf8')})
  }

  onResponseError(_c: Dispatcher.DispatchController | undefined, err: Error): void {
    this.fail(err)
  }

  fail(err: Error): void {
    if (this.settled) return
    this.settled = true
    this.reason = err
    this.chunks = []
    this.controller?.abort(err)
    this.reject(err)
  }

  private tooLarge(): TransportError {
    return new TransportError('SPOCK_TOO_LARGE', `the response is larger than ${this.limit} bytes`)
  }
}

function makeDispatcher(u: Undici, opts: TransportOptions, secure: boolean, proxy: URL | undefined): Dispatcher {
  // Timeouts are the request's deadline above: undici's own per-phase timers (300 s by default) are off.
  const pool = {connections: opts.connections ?? 16, headersTimeout: 0, bodyTimeout: 0}
  const connectTimeout = {timeout: opts.timeoutMs}
  // The CA list (NODE_EXTRA_CA_CERTS added) is built only for TLS: plain-http commands never read it.
  const tls = () => ({...opts.tls, ca: opts.tls.ca ?? defaultCa(), ...connectTimeout})
  if (!proxy) return new u.Agent({...pool, connect: secure ? tls() : connectTimeout})
  return new u.ProxyAgent({
    ...pool,
    uri: proxy.href,
    requestTls: secure ? tls() : undefined, // to the server, through the CONNECT tunnel
    proxyTls: proxy.protocol === 'https:' ? {ca: opts.tls.ca ?? defaultCa(), rejectUnauthorized: opts.tls.rejectUnauthorized, ...connectTimeout} : connectTimeout,
    proxyTunnel: false, // http:// URLs are forwarded by an http:// proxy (as Go does); https:// always tunnel
    factory: (origin, o) => new u.Pool(origin, {...pool, ...o}), // keeps the pool limits on forwarded requests
  })
}

/** The Location of a redirect as a URL, or undefined when it cannot be followed (then the 3xx is the answer). */
function redirectTarget(from: URL, location: string | string[] | undefined): URL | undefined {
  if (typeof location !== 'string' || location === '') return undefined
  try {
    const next = new URL(location, from)
    return next.protocol === 'http:' || next.protocol === 'https:' ? next : undefined
  } catch {
    return undefined
  }
}

/** Go's rule for keeping credentials on a redirect: the same host, or a subdomain of the first request's host. */
function sameOrSubdomain(host: string, first: string): boolean {
  return host === first || host.endsWith(`.${first}`)
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) if (!/^(authorization|cookie|cookie2|www-authenticate)$/i.test(k)) out[k] = v
  return out
}

/** Errors of proxied requests name the proxy (its password redacted). */
function annotate(err: unknown, proxy: URL | undefined): unknown {
  if (proxy && err && typeof err === 'object') Object.defineProperty(err, 'proxy', {value: redactUrl(proxy), enumerable: false})
  return err
}
