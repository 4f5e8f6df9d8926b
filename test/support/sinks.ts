// Stand-in notification endpoints: an HTTP sink (webhook, Slack, PagerDuty, ...) and an
// SMTP sink. Real Alertmanagers deliver to them; tests assert on what arrived.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
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
  stop(): Promise<void>
}

export interface SmtpMessage {
  from: string
  to: string[]
  /** Raw message: headers and body as received after DATA. */
  data: string
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
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const path = req.url ?? '/'
      const status = statuses.get(path.split('?', 1)[0]!) ?? 200
      log.add({method: req.method ?? 'GET', path, headers: {...req.headers}, body, json: parseJson(body)})
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
    stop: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const log = recorder<SmtpMessage>('SMTP sink', (m) => `${m.from} -> ${m.to.join(',')}`)
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 500,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const {mailFrom, rcptTo} = session.envelope
        log.add({
          from: mailFrom === false ? '' : mailFrom.address,
          to: rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
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
