// `spock probe`: an app's health endpoints (/health, /ready, /metrics) — status, latency and a body check —
// each through the one HTTP client, in parallel (bounded).
import {ApiError, ConnectionError, SpockError} from '../errors.js'
import {mapConcurrent} from '../concurrency.js'
import {HttpClient} from '../http/client.js'

interface ProbeOptions {
  /** Status codes that pass (default: any 2xx). */
  expectStatus?: number[]
  /** Some part of the body must match it. */
  expectBody?: {source: string; test(body: string): boolean}
  timeoutMs: number
  headers?: Record<string, string>
  insecureSkipVerify?: boolean
}

export interface ProbeResult {
  url: string
  ok: boolean
  status?: number
  /** Milliseconds until the whole answer was read. */
  latencyMs: number
  bytes?: number
  error?: string
}

export interface ProbeReport {
  results: ProbeResult[]
  ok: boolean
}

async function probeOne(url: string, opts: ProbeOptions): Promise<ProbeResult> {
  let u: URL
  try {
    u = new URL(url)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http')
  } catch {
    return {url, ok: false, latencyMs: 0, error: 'not an http(s) URL'}
  }
  const http = new HttpClient({url: u.origin, headers: opts.headers ?? {}, tls: {insecureSkipVerify: opts.insecureSkipVerify}, timeoutMs: opts.timeoutMs})
  const shown = http.displayUrl + u.pathname + u.search
  const started = performance.now()
  try {
    // Every status is an answer here: whether it passes is the probe's call.
    const res = await http.get(u.pathname + u.search, {accept: Array.from({length: 500}, (_, i) => i + 100)})
    const latencyMs = Math.round((performance.now() - started) * 10) / 10
    const statusOk = opts.expectStatus ? opts.expectStatus.includes(res.status) : res.status >= 200 && res.status < 300
    const bodyOk = !opts.expectBody || opts.expectBody.test(res.text)
    const error = !statusOk
      ? `HTTP ${res.status}, expected ${opts.expectStatus ? opts.expectStatus.join(' or ') : '2xx'}`
      : !bodyOk
        ? `the body does not match /${opts.expectBody!.source}/`
        : undefined
    return {url: shown, ok: statusOk && bodyOk, status: res.status, latencyMs, bytes: Buffer.byteLength(res.text), error}
  } catch (e) {
    const latencyMs = Math.round((performance.now() - started) * 10) / 10
    if (e instanceof ConnectionError || e instanceof ApiError || e instanceof SpockError) return {url: shown, ok: false, latencyMs, error: e.message.replace(/^cannot reach \S+: /, '')}
    throw e
  } finally {
    await http.close()
  }
}

export async function probe(urls: readonly string[], opts: ProbeOptions): Promise<ProbeReport> {
  const results = await mapConcurrent(urls, 8, (url) => probeOne(url, opts))
  return {results, ok: results.every((r) => r.ok)}
}
