// Stand-in notification endpoints: an HTTP sink (webhook, Slack, PagerDuty, ...) and an
// SMTP sink. Real Alertmanagers deliver to them; tests assert on what arrived.
// Misbehaving endpoints too: a scripted SMTP peer (drops, silence, echoes) and HTTP paths that echo or never answer.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import {createServer as createTcpServer, type AddressInfo, type Server, type Socket} from 'node:net'
import {SMTPServer} from 'smtp-server'

export interface RecordedRequest {
  method: string
  /** Path with query string, as sent. */
  path: string
  headers: Record<string, string | string[] | undefined>
  body: string
  /** Parsed body when it is valid JSON. */
  json?: unknown
}

export interface HttpSink {
  url: string
  requests: RecordedRequest[]
  waitFor(pred: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>
  /** Answer `status` for requests to this path (without query string) from now on. */
  setStatus(path: string, status: number): void
  /** Answer requests to this path with their own URL, headers and body (one JSON line), with `status`. */
  setEcho(path: string, status: number): void
  /** Never answer requests to this path. */
  setHang(path: string): void
  stop(): Promise<void>
}

export interface SmtpMessage {
  from: string
  to: string[]
  /** Raw message: headers and body as received after DATA. */
  data: string
  /** The session was upgraded with STARTTLS (or is implicit TLS). */
  secure: boolean
  /** The user and SASL method of a successful AUTH, if any. */
  auth?: {username: string; method: string}
}

export interface SmtpSinkOptions {
  /** Offer STARTTLS with this certificate (PEM); smtp-server's built-in self-signed one when true. */
  starttls?: {key: string; cert: string} | true
  /** Offer AUTH with these methods and accept only this user and password. */
  auth?: {username: string; password: string; methods: ('PLAIN' | 'LOGIN' | 'CRAM-MD5')[]}
}

export interface SmtpSink {
  host: string
  port: number
  /** host:port, ready for an Alertmanager `smarthost`. */
  address: string
  messages: SmtpMessage[]
  waitFor(pred: (m: SmtpMessage) => boolean, timeoutMs?: number): Promise<SmtpMessage>
  stop(): Promise<void>
}

const DEFAULT_WAIT_MS = 10_000

export async function startHttpSink(): Promise<HttpSink> {
  const log = recorder<RecordedRequest>('HTTP sink', (r) => `${r.method} ${r.path}`)
  const statuses = new Map<string, number>()
  const echoes = new Map<string, number>()
  const hangs = new Set<string>()
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const path = req.url ?? '/'
      const bare = path.split('?', 1)[0]!
      log.add({method: req.method ?? 'GET', path, headers: {...req.headers}, body, json: parseJson(body)})
      if (hangs.has(bare)) return
      const echo = echoes.get(bare)
      if (echo !== undefined) {
        res.writeHead(echo, {'content-type': 'application/json'})
        res.end(JSON.stringify({error: 'rejected', url: path, authorization: req.headers.authorization, headers: req.headers, body}))
        return
      }
      const status = statuses.get(bare) ?? 200
      res.writeHead(status, {'content-type': 'application/json'})
      res.end(status < 400 ? '{"ok":true}' : '{"ok":false}')
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests: log.items,
    waitFor: log.waitFor,
    setStatus: (path, status) => statuses.set(path, status),
    setEcho: (path, status) => echoes.set(path, status),
    setHang: (path) => hangs.add(path),
    stop: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const log = recorder<SmtpMessage>('SMTP sink', (m) => `${m.from} -> ${m.to.join(',')}`)
  const disabled = [...(opts.starttls ? [] : ['STARTTLS']), ...(opts.auth ? [] : ['AUTH'])]
  const tls = typeof opts.starttls === 'object' ? opts.starttls : {}
  const server = new SMTPServer({
    secure: false,
    ...tls,
    authOptional: !opts.auth,
    authMethods: opts.auth?.methods,
    disabledCommands: disabled,
    logger: false,
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      const want = opts.auth
      const ok = want !== undefined && auth.username === want.username &&
        (auth.method === 'CRAM-MD5' ? auth.validatePassword(want.password) : auth.password === want.password)
      if (!ok) return callback(new Error('Invalid username or password'))
      callback(null, {user: JSON.stringify({username: auth.username, method: auth.method})})
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const {mailFrom, rcptTo} = session.envelope
        log.add({
          from: mailFrom === false ? '' : mailFrom.address,
          to: rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
          auth: session.user ? (JSON.parse(session.user) as {username: string; method: string}) : undefined,
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const {port} = server.server.address() as AddressInfo
  return {
    host: '127.0.0.1',
    port,
    address: `127.0.0.1:${port}`,
    messages: log.items,
    waitFor: log.waitFor,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** What a scripted SMTP peer does with one command line: reply text (CRLF added), 'drop' the connection, or nothing. */
export type SmtpScript = (line: string, state: {inData: boolean}) => string | 'drop' | undefined

export interface ScriptedSmtp {
  address: string
  /** Every line the client sent. */
  lines: string[]
  stop(): Promise<void>
}

/**
 * A misbehaving SMTP peer for failure tests: greets (unless `greet` is false) and answers each line as `script`
 * says. During DATA the script sees every message line; after "." the peer answers 250 unless told otherwise.
 */
export async function startScriptedSmtp(script: SmtpScript, opts: {greet?: boolean} = {}): Promise<ScriptedSmtp> {
  const lines: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createTcpServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    if (opts.greet !== false) socket.write('220 scripted.test ESMTP\r\n')
    const state = {inData: false}
    let buffer = ''
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      let at: number
      while ((at = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, at)
        buffer = buffer.slice(at + 2)
        lines.push(line)
        const answer = script(line, state)
        if (answer === 'drop') {
          socket.destroy()
          return
        }
        if (state.inData && line === '.') {
          state.inData = false
          socket.write(`${answer ?? '250 2.0.0 queued'}\r\n`)
          continue
        }
        if (answer !== undefined) socket.write(`${answer}\r\n`)
        if (/^DATA$/i.test(line) && answer?.startsWith('354')) state.inData = true
      }
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const {port} = server.address() as AddressInfo
  return {
    address: `127.0.0.1:${port}`,
    lines,
    stop: () => {
      for (const s of sockets) s.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** The replies of a well-behaved server without STARTTLS or AUTH, for scripts that misbehave at one point only. */
export function plainSmtp(line: string): string | undefined {
  if (/^EHLO /i.test(line)) return '250-scripted.test\r\n250 8BITMIME'
  if (/^(MAIL FROM|RCPT TO|RSET)/i.test(line)) return '250 2.1.0 Ok'
  if (/^DATA$/i.test(line)) return '354 go ahead'
  if (/^QUIT$/i.test(line)) return '221 bye'
  return undefined
}

/** An append-only list whose waitFor checks past items first, then each new one. */
function recorder<T>(what: string, describe: (item: T) => string) {
  const items: T[] = []
  const waiters = new Set<(item: T) => void>()
  return {
    items,
    add(item: T) {
      items.push(item)
      for (const waiter of [...waiters]) waiter(item)
    },
    waitFor(pred: (item: T) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
      const found = items.find(pred)
      if (found !== undefined) return Promise.resolve(found)
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter)
          const seen = items.map(describe).join('; ') || 'nothing'
          reject(new Error(`${what}: no matching item within ${timeoutMs} ms (received: ${seen})`))
        }, timeoutMs)
        const waiter = (item: T) => {
          if (!pred(item)) return
          clearTimeout(timer)
          waiters.delete(waiter)
          resolve(item)
        }
        waiters.add(waiter)
      })
    },
  }
}

function parseJson(body: string): unknown {
  if (body === '') return undefined
  try {
    return JSON.parse(body) as unknown
  } catch {
    return undefined
  }
}
