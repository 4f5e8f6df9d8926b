// A loopback HTTP proxy for proxy tests: forwards plain-HTTP requests sent to it with an absolute URL
// (GET http://host/path) and tunnels CONNECT host:port (for https). Host names in `hosts` are mapped to
// addresses only here: a test that addresses a server as prometheus.spock-test reaches it only through
// this proxy, so a request that bypasses the proxy fails.
import {createServer, request, type IncomingMessage} from 'node:http'
import {connect, type AddressInfo, type Socket} from 'node:net'

export interface ForwardProxy {
  url: string // http://127.0.0.1:port
  seen: {method: string; target: string}[] // "GET" + absolute URL, or "CONNECT" + host:port
  stop(): Promise<void>
}

export async function startForwardProxy(opts: {hosts?: Record<string, string>; auth?: {user: string; password: string}} = {}): Promise<ForwardProxy> {
  const seen: ForwardProxy['seen'] = []
  const sockets = new Set<Socket>()
  const mapHost = (host: string) => opts.hosts?.[host] ?? host
  const expected = opts.auth && `Basic ${Buffer.from(`${opts.auth.user}:${opts.auth.password}`).toString('base64')}`
  const allowed = (req: IncomingMessage) => !expected || req.headers['proxy-authorization'] === expected

  const server = createServer((req, res) => {
    seen.push({method: req.method ?? '', target: req.url ?? ''})
    if (!allowed(req)) return void res.writeHead(407, {'proxy-authenticate': 'Basic realm="test"'}).end()
    let target: URL
    try {
      target = new URL(req.url ?? '')
    } catch {
      return void res.writeHead(400).end('absolute URL expected')
    }
    const headers = {...req.headers}
    delete headers['proxy-authorization']
    delete headers['proxy-connection']
    const up = request(
      {host: mapHost(target.hostname), port: target.port || 80, path: `${target.pathname}${target.search}`, method: req.method, headers},
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    up.on('error', () => res.writeHead(502).end())
    req.pipe(up)
  })

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push({method: 'CONNECT', target: req.url ?? ''})
    sockets.add(client)
    client.on('error', () => undefined)
    client.on('close', () => sockets.delete(client))
    if (!allowed(req)) return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n')
    const m = /^(.*):(\d+)$/.exec(req.url ?? '')
    if (!m) return void client.end('HTTP/1.1 400 Bad Request\r\n\r\n')
    const up = connect(Number(m[2]), mapHost(m[1]!.replace(/^\[(.*)\]$/, '$1')), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) up.write(head)
      up.pipe(client)
      client.pipe(up)
    })
    sockets.add(up)
    up.on('close', () => sockets.delete(up))
    up.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'))
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    stop: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
