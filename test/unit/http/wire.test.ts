// HTTP/1.1 framing of wire.ts against local servers that answer in each framing a server may choose.
import {createServer as createHttpServer, type Server as HttpServer} from 'node:http'
import {createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket} from 'node:net'
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest'
import type {Transport} from '../../../src/http/transport.js'
import {createWireTransport} from '../../../src/http/wire.js'

const HEADERS = {accept: 'application/json'}
let transport: Transport
afterEach(() => transport?.close())

function urlOf(server: HttpServer | NetServer, path = '/x'): URL {
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`)
}

function listen<S extends HttpServer | NetServer>(server: S): Promise<S> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

/** A raw TCP server: `answer` gets each request's text (head and body) and writes whatever bytes it likes. */
async function rawServer(answer: (socket: Socket, request: string) => void): Promise<NetServer & {connections: number}> {
  const server = createNetServer((socket) => {
    server.connections++
    let buf = ''
    socket.on('data', (d) => {
      buf += d.toString('latin1')
      const end = buf.indexOf('\r\n\r\n')
      if (end < 0) return
      const length = Number(/content-length: *(\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0)
      if (buf.length < end + 4 + length) return
      const request = buf.slice(0, end + 4 + length)
      buf = buf.slice(end + 4 + length)
      answer(socket, request)
    })
    socket.on('error', () => undefined)
  }) as NetServer & {connections: number}
  server.connections = 0
  return listen(server)
}

const get = (url: URL, timeoutMs = 2000) => transport.request(url, {method: 'GET', headers: HEADERS, timeoutMs})

describe('wire transport', () => {
  let http: HttpServer
  let connections = 0
  let inFlight = 0
  let maxInFlight = 0
  beforeAll(async () => {
    http = createHttpServer((req, res) => {
      let body = ''
      req.on('data', (d) => (body += d))
      req.on('end', async () => {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        if (req.url === '/slow') await new Promise((r) => setTimeout(r, 50))
        inFlight--
        if (req.url === '/chunked') {
          res.write('{"a":')
          setTimeout(() => res.end(' 1, "é": "ü"}'), 5)
        } else if (req.url === '/nocontent') {
          res.writeHead(204).end()
        } else if (req.url === '/hang') {
          // never answers
        } else {
          res.setHeader('content-type', 'application/json')
          res.end(JSON.stringify({method: req.method, body, host: req.headers.host, accept: req.headers.accept}))
        }
      })
    })
    http.on('connection', () => connections++)
    await listen(http)
  })
  afterAll(() => new Promise<void>((r) => http.close(() => r())))

  test('Content-Length bodies, and one kept-alive connection for sequential requests', async () => {
    transport = createWireTransport({rejectUnauthorized: true})
    const before = connections
    const a = await transport.request(urlOf(http), {method: 'POST', headers: HEADERS, body: '{"x":"ä"}', timeoutMs: 2000})
    const b = await get(urlOf(http))
    expect(a.status).toBe(200)
    expect(JSON.parse(a.text)).toEqual({method: 'POST', body: '{"x":"ä"}', host: urlOf(http).host, accept: 'application/json'})
    expect(a.headers['content-type']).toBe('application/json')
    expect(JSON.parse(b.text).method).toBe('GET')
    expect(connections - before).toBe(1)
  })

  test('chunked bodies, UTF-8 included', async () => {
    transport = createWireTransport({rejectUnauthorized: true})
    const r = await get(urlOf(http, '/chunked'))
    expect(JSON.parse(r.text)).toEqual({a: 1, é: 'ü'})
  })

  test('204 has no body and the connection stays usable', async () => {
    transport = createWireTransport({rejectUnauthorized: true})
    expect((await get(urlOf(http, '/nocontent'))).status).toBe(204)
    expect((await get(urlOf(http))).status).toBe(200)
  })

  test('at most `sockets` requests in flight; the others queue and all complete', async () => {
    transport = createWireTransport({rejectUnauthorized: true}, 2)
    maxInFlight = 0
    const all = await Promise.all(Array.from({length: 7}, () => get(urlOf(http, '/slow'))))
    expect(all.every((r) => r.status === 200)).toBe(true)
    expect(maxInFlight).toBe(2)
  })

  test('a request that gets no answer fails with a TimeoutError', async () => {
    transport = createWireTransport({rejectUnauthorized: true})
    await expect(get(urlOf(http, '/hang'), 100)).rejects.toMatchObject({name: 'TimeoutError'})
  })

  test('a header value with a line break is refused, not sent', async () => {
    transport = createWireTransport({rejectUnauthorized: true})
    await expect(transport.request(urlOf(http), {method: 'GET', headers: {'x-a': 'b\r\nx-evil: 1'}, timeoutMs: 1000})).rejects.toThrow(/line break/)
  })

  test('connection refused keeps its code (ECONNREFUSED)', async () => {
    const closed = await listen(createNetServer())
    const url = urlOf(closed)
    await new Promise<void>((r) => closed.close(() => r()))
    transport = createWireTransport({rejectUnauthorized: true})
    await expect(get(url)).rejects.toMatchObject({code: 'ECONNREFUSED'})
  })

  test('a body that ends when the server closes the connection', async () => {
    const server = await rawServer((s) => s.end('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it'))
    transport = createWireTransport({rejectUnauthorized: true})
    const r = await get(urlOf(server))
    expect(r.text).toBe('all of it')
    expect((await get(urlOf(server))).text).toBe('all of it') // a new connection
    expect(server.connections).toBe(2)
    server.close()
  })

  test('100 Continue before the real response is skipped', async () => {
    const server = await rawServer((s) => s.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok'))
    transport = createWireTransport({rejectUnauthorized: true})
    const r = await get(urlOf(server))
    expect([r.status, r.text]).toEqual([201, 'ok'])
    server.close()
  })

  test('chunk extensions and trailers are read past', async () => {
    const server = await rawServer((s) => s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n'))
    transport = createWireTransport({rejectUnauthorized: true})
    expect((await get(urlOf(server))).text).toBe('abcde')
    expect((await get(urlOf(server))).text).toBe('abcde') // same connection, framing intact
    expect(server.connections).toBe(1)
    server.close()
  })

  test('a response split byte by byte is put back together', async () => {
    const body = Buffer.from('ñañ', 'utf8') // 5 bytes, two characters of two bytes each
    const reply = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`), body])
    const server = await rawServer(async (s) => {
      for (const byte of reply) {
        s.write(Buffer.from([byte]))
        await new Promise((r) => setImmediate(r))
      }
    })
    transport = createWireTransport({rejectUnauthorized: true})
    expect((await get(urlOf(server))).text).toBe('ñañ')
    server.close()
  })

  test('a server that closes without answering gives ECONNRESET (GETs are retried by HttpClient)', async () => {
    const server = await rawServer((s) => s.destroy())
    transport = createWireTransport({rejectUnauthorized: true})
    await expect(get(urlOf(server))).rejects.toMatchObject({code: 'ECONNRESET'})
    server.close()
  })

  test('bytes on an idle connection drop it; the next request opens a new one', async () => {
    const server = await rawServer((s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
      setTimeout(() => s.write('HTTP/1.1 408 Request Timeout\r\n\r\n'), 20)
    })
    transport = createWireTransport({rejectUnauthorized: true})
    expect((await get(urlOf(server))).text).toBe('ok')
    await new Promise((r) => setTimeout(r, 60))
    expect((await get(urlOf(server))).text).toBe('ok')
    expect(server.connections).toBe(2)
    server.close()
  })
})
