// HTTP/1.1 for the API servers (Prometheus, Alertmanager, Mimir...): keep-alive sockets (net or tls), one
// request in flight per socket, Content-Length, chunked and read-to-close bodies.
// Why not node:http: on this kind of machine it costs 3-4x more per request (1,000 silence POSTs took
// 330-440 ms through http.request and 81-133 ms here, same run), which decides bulk silence commands.
// Notifications to third-party endpoints (--direct) still go through node:http(s), in transport.ts.
import {createRequire} from 'node:module'
import {connect as netConnect, isIP, type Socket} from 'node:net'
import {defaultCa} from './extra-ca.js'
import type {RawResponse, TlsOptions, Transport} from './transport.js'

interface Pending {
  resolve: (res: RawResponse) => void
  reject: (err: Error) => void
  method: string
}

/** One connection; parses exactly one response at a time. */
class Connection {
  private buffer: Buffer = Buffer.alloc(0)
  private pending: Pending | undefined
  private head: {status: number; headers: RawResponse['headers']; keepAlive: boolean} | undefined
  private body: Buffer[] = []
  private bodyLeft = 0 // Content-Length bytes still to come
  private mode: 'length' | 'chunked' | 'close' = 'length'
  closed = false
  private left = false // onGone was called

  constructor(
    readonly socket: Socket,
    private readonly onIdle: (c: Connection) => void,
    private readonly onGone: (c: Connection) => void,
  ) {
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => this.data(chunk))
    socket.on('error', (err) => this.gone(err))
    socket.on('close', () => this.gone(this.mode === 'close' && this.head ? undefined : resetError()))
  }

  send(bytes: string, pending: Pending): void {
    this.pending = pending
    this.socket.ref()
    this.socket.write(bytes)
  }

  fail(err: Error): void {
    const p = this.pending
    this.pending = undefined
    this.destroy()
    p?.reject(err)
  }

  destroy(): void {
    this.closed = true
    this.socket.destroy()
  }

  private gone(err: Error | undefined): void {
    if (this.pending && this.head && this.mode === 'close' && !err) return this.finish(false)
    if (this.left) return
    this.left = true
    this.closed = true
    this.onGone(this)
    const p = this.pending
    this.pending = undefined
    if (p) p.reject(err ?? resetError())
  }

  private data(chunk: Buffer): void {
    if (!this.pending) {
      this.destroy() // e.g. a 408 sent just before the server closes an idle connection
      return this.gone(undefined)
    }
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk])
    try {
      while (this.pending && this.step());
    } catch (err) {
      this.fail(err as Error)
    }
  }

  /** Consumes what it can of the buffer; true when it should run again. */
  private step(): boolean {
    if (!this.head) {
      const end = this.buffer.indexOf('\r\n\r\n')
      if (end < 0) {
        if (this.buffer.length > 1 << 20) throw new Error('response headers larger than 1 MiB')
        return false
      }
      const head = parseHead(this.buffer.subarray(0, end).toString('latin1'))
      this.buffer = this.buffer.subarray(end + 4)
      if (head.status >= 100 && head.status < 200) return true // 100 Continue, 103 Early Hints: a real response follows
      this.head = head
      const length = head.headers['content-length']
      const noBody = this.pending!.method === 'HEAD' || head.status === 204 || head.status === 304
      if (/chunked/i.test(String(head.headers['transfer-encoding'] ?? ''))) this.mode = 'chunked'
      else if (noBody || length !== undefined) [this.mode, this.bodyLeft] = ['length', noBody ? 0 : Number(length)]
      else this.mode = 'close'
      if (!Number.isSafeInteger(this.bodyLeft) || this.bodyLeft < 0) throw new Error(`bad Content-Length: ${String(length)}`)
    }
    if (this.mode === 'length') {
      const take = Math.min(this.bodyLeft, this.buffer.length)
      if (take > 0) this.body.push(this.buffer.subarray(0, take))
      this.buffer = this.buffer.subarray(take)
      this.bodyLeft -= take
      if (this.bodyLeft === 0) this.finish(this.head.keepAlive)
      return false
    }
    if (this.mode === 'close') {
      if (this.buffer.length > 0) this.body.push(this.buffer)
      this.buffer = Buffer.alloc(0)
      return false
    }
    return this.chunk()
  }

  /** One step of a chunked body: a size line, its data and CRLF, or the last chunk and trailers. */
  private chunk(): boolean {
    const line = this.buffer.indexOf('\r\n')
    if (line < 0) return false
    const size = Number.parseInt(this.buffer.subarray(0, line).toString('latin1').split(';')[0]!.trim(), 16)
    if (!Number.isSafeInteger(size) || size < 0) throw new Error('bad chunk size in response')
    if (size === 0) {
      // The last chunk, then trailer lines (usually none) and an empty line.
      const rest = line + 2
      const end = this.buffer[rest] === 13 && this.buffer[rest + 1] === 10 ? rest + 2 : this.buffer.indexOf('\r\n\r\n', rest) + 4
      if (end < 4 || end > this.buffer.length) return false
      this.buffer = this.buffer.subarray(end)
      this.finish(this.head!.keepAlive)
      return false
    }
    if (this.buffer.length < line + 2 + size + 2) return false
    this.body.push(this.buffer.subarray(line + 2, line + 2 + size))
    this.buffer = this.buffer.subarray(line + 2 + size + 2)
    return true
  }

  private finish(reusable: boolean): void {
    const p = this.pending!
    const res: RawResponse = {status: this.head!.status, headers: this.head!.headers, text: Buffer.concat(this.body).toString('utf8')}
    this.pending = undefined
    this.head = undefined
    this.body = []
    this.mode = 'length'
    if (reusable && this.buffer.length === 0 && !this.closed) {
      this.socket.unref()
      this.onIdle(this)
    } else {
      this.destroy()
      this.gone(undefined)
    }
    p.resolve(res)
  }
}

let tlsModule: typeof import('node:tls') | undefined
/** node:tls (and crypto under it) load on the first https connection: plain-http runs start faster. */
function tls_(): typeof import('node:tls') {
  return (tlsModule ??= createRequire(import.meta.url)('node:tls') as typeof import('node:tls'))
}

function parseHead(text: string): {status: number; headers: RawResponse['headers']; keepAlive: boolean} {
  const lines = text.split('\r\n')
  const m = /^HTTP\/1\.([01]) (\d{3})/.exec(lines[0] ?? '')
  if (!m) throw new Error(`not an HTTP/1.x response: ${JSON.stringify((lines[0] ?? '').slice(0, 40))}`)
  const headers: Record<string, string> = {}
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value
  }
  const connection = (headers.connection ?? '').toLowerCase()
  const keepAlive = m[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive')
  return {status: Number(m[2]), headers, keepAlive}
}

/** What both transports reject a request with when it gets no answer in time (HttpClient names it). */
export function timeoutError(ms: number): Error {
  const err = new Error(`no answer within ${ms} ms`)
  err.name = 'TimeoutError'
  return err
}

function resetError(): Error {
  return Object.assign(new Error('the server closed the connection before answering'), {code: 'ECONNRESET'})
}

/** CR or LF in a header would split the request (header injection): refuse it. */
function headerLine(name: string, value: string): string {
  if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new Error(`header ${JSON.stringify(name)} contains a line break`)
  return `${name}: ${value}\r\n`
}

// Serialized header lines by headers object: an API client sends the same few objects thousands of times.
const blocks = new WeakMap<Record<string, string>, string>()
function headerBlock(headers: Record<string, string>): string {
  let block = blocks.get(headers)
  if (block === undefined) {
    block = Object.entries(headers).map(([k, v]) => headerLine(k, v)).join('')
    blocks.set(headers, block)
  }
  return block
}

/**
 * At most `sockets` connections per origin; further requests wait for a free one.
 * Header objects are serialized once and cached: do not change one after passing it here.
 */
export function createWireTransport(tls: TlsOptions, sockets = 16): Transport {
  const pools = new Map<string, {idle: Connection[]; open: Set<Connection>; waiting: ((c: Connection | undefined) => void)[]}>()
  const poolFor = (origin: string) => {
    let pool = pools.get(origin)
    if (!pool) pools.set(origin, (pool = {idle: [], open: new Set(), waiting: []}))
    return pool
  }

  const connect = (url: URL, pool: ReturnType<typeof poolFor>): Connection => {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
    const secure = url.protocol === 'https:'
    const port = Number(url.port || (secure ? 443 : 80))
    const socket = secure
      ? tls_().connect({host, port, ...tls, ca: tls.ca ?? defaultCa(), servername: tls.servername ?? (isIP(host) ? undefined : host), ALPNProtocols: ['http/1.1']})
      : netConnect({host, port})
    const c = new Connection(
      socket,
      (conn) => {
        const next = pool.waiting.shift()
        if (next) next(conn)
        else pool.idle.push(conn)
      },
      (conn) => {
        pool.open.delete(conn)
        pool.idle = pool.idle.filter((x) => x !== conn)
        pool.waiting.shift()?.(undefined) // a waiter may open a connection in its place
      },
    )
    pool.open.add(c)
    return c
  }

  const acquire = (url: URL): Promise<Connection> => {
    const pool = poolFor(`${url.protocol}//${url.host}`)
    const idle = pool.idle.pop()
    if (idle) return Promise.resolve(idle)
    if (pool.open.size < sockets) return Promise.resolve(connect(url, pool))
    return new Promise((resolve) => pool.waiting.push((c) => resolve(c ?? acquire(url))))
  }

  return {
    request: async (url, init) => {
      let head = `${init.method} ${url.pathname}${url.search} HTTP/1.1\r\n${headerLine('host', url.host)}${headerBlock(init.headers)}`
      if (init.body !== undefined) head += `content-length: ${Buffer.byteLength(init.body)}\r\n`
      const bytes = `${head}\r\n${init.body ?? ''}`
      const conn = await acquire(url)
      return new Promise<RawResponse>((resolve, reject) => {
        const timer = setTimeout(() => conn.fail(timeoutError(init.timeoutMs)), init.timeoutMs)
        conn.send(bytes, {
          method: init.method,
          resolve: (res) => {
            clearTimeout(timer)
            resolve(res)
          },
          reject: (err) => {
            clearTimeout(timer)
            reject(err)
          },
        })
      })
    },
    close: () => {
      for (const pool of pools.values()) for (const c of [...pool.open]) c.destroy()
      pools.clear()
    },
  }
}
