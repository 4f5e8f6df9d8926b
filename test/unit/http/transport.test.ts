// transport.ts against local servers: framing a server may choose, pooling, the deadline, the size cap,
// redirects, and errors keeping their codes. Raw TCP servers play the misbehaving ones.
import {createServer as createHttpServer, type Server as HttpServer} from 'node:http'
import {createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket} from 'node:net'
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest'
import {createTransport, MAX_REDIRECTS, type Transport, type TransportOptions} from '../../../src/http/transport.js'
import {startForwardProxy} from '../../support/forward-proxy.js'

const HEADERS = {accept: 'application/json'}
let transport: Transport | undefined
afterEach(async () => {
  await transport?.close()
  transport = undefined
})

function make(opts: Partial<TransportOptions> = {}): Transport {
  transport = createTransport({tls: {rejectUnauthorized: true}, timeoutMs: 2000, maxResponseBytes: 1 << 20, env: {}, ...opts})
  return transport
}

function urlOf(server: HttpServer | NetServer, path = '/x', host = '127.0.0.1'): URL {
  return new URL(`http://${host}:${(server.address() as AddressInfo).port}${path}`)
}

function listen<S extends HttpServer | NetServer>(server: S, host = '127.0.0.1'): Promise<S> {
  return new Promise((resolve) => server.listen(0, host, () => resolve(server)))
}

/** A raw TCP server: `answer` gets each request's head and writes whatever bytes it likes. */
async function rawServer(answer: (socket: Socket, head: string) => void): Promise<NetServer & {connections: number}> {
  const server = createNetServer((socket) => {
    server.connections++
    let buf = ''
    socket.on('data', (d) => {
      buf += d.toString('latin1')
      const end = buf.indexOf('\r\n\r\n')
      if (end < 0) return
      const length = Number(/content-length: *(\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0)
      if (buf.length < end + 4 + length) return
      const head = buf.slice(0, end)
      buf = buf.slice(end + 4 + length)
      answer(socket, head)
    })
    socket.on('error', () => undefined)
  }) as NetServer & {connections: number}
  server.connections = 0
  return listen(server)
}

const get = (url: URL) => transport!.request(url, {method: 'GET', headers: HEADERS, follow: true})

describe('transport', () => {
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
          res.end(JSON.stringify({method: req.method, body, host: req.headers.host, accept: req.headers.accept, auth: req.headers.authorization}))
        }
      })
    })
    http.on('connection', () => connections++)
    await listen(http)
  })
  afterAll(() => new Promise<void>((r) => http.close(() => r())))

  test('Content-Length bodies, and kept-alive connections for sequential requests', async () => {
    make()
    const before = connections
    const a = await transport!.request(urlOf(http), {method: 'POST', headers: HEADERS, body: '{"x":"ä"}'})
    const b = await get(urlOf(http))
    expect(a.status).toBe(200)
    expect(JSON.parse(a.text)).toEqual({method: 'POST', body: '{"x":"ä"}', host: urlOf(http).host, accept: 'application/json'})
    expect(a.headers['content-type']).toBe('application/json')
    expect(JSON.parse(b.text).method).toBe('GET')
    for (let i = 0; i < 6; i++) await get(urlOf(http))
    // undici's pool opens a second connection for the second request (the first still counts as busy
    // when the answer arrives), then alternates between the two.
    expect(connections - before).toBeLessThanOrEqual(2)
  })

  test('chunked bodies, UTF-8 included', async () => {
    make()
    expect(JSON.parse((await get(urlOf(http, '/chunked'))).text)).toEqual({a: 1, é: 'ü'})
  })

  test('204 has no body and the connection stays usable', async () => {
    make()
    expect((await get(urlOf(http, '/nocontent'))).status).toBe(204)
    expect((await get(urlOf(http))).status).toBe(200)
  })

  test('at most `connections` requests in flight; the others queue and all complete', async () => {
    make({connections: 2})
    maxInFlight = 0
    const all = await Promise.all(Array.from({length: 7}, () => get(urlOf(http, '/slow'))))
    expect(all.every((r) => r.status === 200)).toBe(true)
    expect(maxInFlight).toBe(2)
  })

  test('the deadline covers waiting for a pooled connection: queued requests fail on time too', async () => {
    make({connections: 1, timeoutMs: 200})
    const started = Date.now()
    const results = await Promise.allSettled([get(urlOf(http, '/hang')), get(urlOf(http, '/hang')), get(urlOf(http))])
    expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).name)).toEqual(['TimeoutError', 'TimeoutError', 'TimeoutError'])
    expect(Date.now() - started).toBeLessThan(10_000) // not one deadline after another
  })

  test('a header value with a line break is refused, not sent', async () => {
    make()
    await expect(transport!.request(urlOf(http), {method: 'GET', headers: {'x-a': 'b\r\nx-evil: 1'}})).rejects.toThrow(/invalid x-a header/)
  })

  test('connection refused keeps its code (ECONNREFUSED)', async () => {
    const closed = await listen(createNetServer())
    const url = urlOf(closed)
    await new Promise<void>((r) => closed.close(() => r()))
    make()
    await expect(get(url)).rejects.toMatchObject({code: 'ECONNREFUSED'})
  })

  test('a body that ends when the server closes the connection', async () => {
    const server = await rawServer((s) => s.end('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it'))
    make()
    expect((await get(urlOf(server))).text).toBe('all of it')
    expect((await get(urlOf(server))).text).toBe('all of it') // a new connection
    expect(server.connections).toBe(2)
    server.close()
  })

  test('103 Early Hints before the real response are skipped', async () => {
    const server = await rawServer((s) => s.write('HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok'))
    make()
    const r = await get(urlOf(server))
    expect([r.status, r.text]).toEqual([201, 'ok'])
    server.close()
  })

  test('chunk extensions and trailers are read past; the connections are reused', async () => {
    const server = await rawServer((s) => s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n'))
    make()
    for (let i = 0; i < 4; i++) expect((await get(urlOf(server))).text).toBe('abcde')
    expect(server.connections).toBeLessThanOrEqual(2) // framing intact: 4 answers over at most 2 connections
    server.close()
  })

  test('a response split byte by byte is put back together', async () => {
    const body = Buffer.from('ñañ', 'utf8') // two-byte characters split across chunks
    const reply = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`), body])
    const server = await rawServer(async (s) => {
      for (const byte of reply) {
        s.write(Buffer.from([byte]))
        await new Promise((r) => setImmediate(r))
      }
    })
    make()
    expect((await get(urlOf(server))).text).toBe('ñañ')
    server.close()
  })

  test('a server that closes without answering gives a socket error (GETs are retried by HttpClient)', async () => {
    const server = await rawServer((s) => s.destroy())
    make()
    await expect(get(urlOf(server))).rejects.toMatchObject({code: 'UND_ERR_SOCKET'})
    server.close()
  })

  test('IPv6 literal URLs', async (ctx) => {
    let v6: HttpServer
    try {
      v6 = await listen(createHttpServer((_q, res) => res.end('six')), '::1')
    } catch {
      return ctx.skip() // no ::1 on this machine
    }
    make()
    expect((await get(urlOf(v6, '/', '[::1]'))).text).toBe('six')
    await new Promise<void>((r) => v6.close(() => r()))
  })
})

describe('deadline', () => {
  test('headers sent, then the body stalls: TimeoutError at the deadline', async () => {
    const server = await rawServer((s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly a part'))
    make({timeoutMs: 200})
    await expect(get(urlOf(server))).rejects.toMatchObject({name: 'TimeoutError', code: 'SPOCK_TIMEOUT'})
    server.close()
  })
})

describe('size cap', () => {
  /** Counts the bytes a server managed to write before the client hung up. */
  const flood = async (head: string) => {
    const sent = {bytes: 0, closed: false}
    const chunk = Buffer.alloc(64 * 1024, 'x')
    const server = await rawServer((s) => {
      s.write(head)
      const pump = (): void => {
        while (!s.destroyed && sent.bytes < 1 << 30) {
          sent.bytes += chunk.length
          if (!s.write(head.includes('chunked') ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk)) {
            s.once('drain', pump)
            return
          }
        }
      }
      s.on('close', () => (sent.closed = true))
      pump()
    })
    return {server, sent}
  }

  test('an endless chunked body stops at the cap and the connection is closed', async () => {
    const {server, sent} = await flood('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n')
    make({maxResponseBytes: 1 << 20})
    await expect(get(urlOf(server))).rejects.toMatchObject({code: 'SPOCK_TOO_LARGE'})
    await expect.poll(() => sent.closed).toBe(true)
    expect(sent.bytes).toBeLessThan(64 << 20) // far from the 1 GiB the server would have sent
    server.close()
  })

  test('a Content-Length above the cap is refused before the body is read', async () => {
    const {server, sent} = await flood(`HTTP/1.1 200 OK\r\nContent-Length: ${10 * 2 ** 30}\r\n\r\n`)
    make({maxResponseBytes: 1 << 20})
    await expect(get(urlOf(server))).rejects.toMatchObject({code: 'SPOCK_TOO_LARGE'})
    await expect.poll(() => sent.closed).toBe(true)
    expect(sent.bytes).toBeLessThan(64 << 20)
    server.close()
  })

  test('a body of exactly the cap is fine', async () => {
    const server = await rawServer((s) => s.write(`HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n${'y'.repeat(1024)}`))
    make({maxResponseBytes: 1024})
    expect((await get(urlOf(server))).text).toHaveLength(1024)
    server.close()
  })
})

describe('redirects', () => {
  let server: HttpServer
  let hits: string[] = []
  beforeAll(async () => {
    server = createHttpServer((req, res) => {
      hits.push(`${req.method} ${req.url}`)
      const url = new URL(req.url ?? '/', 'http://x')
      if (url.pathname === '/hop') {
        const n = Number(url.searchParams.get('n'))
        return void res.writeHead(n > 0 ? 302 : 200, n > 0 ? {location: `/hop?n=${n - 1}`} : {}).end(n > 0 ? '' : `landed ${req.headers.authorization ?? 'no auth'}`)
      }
      if (url.pathname === '/away') return void res.writeHead(307, {location: url.searchParams.get('to')!}).end()
      if (url.pathname === '/loop') return void res.writeHead(301, {location: '/loop'}).end()
      if (url.pathname === '/post') return void res.writeHead(303, {location: '/elsewhere?token=s3cret'}).end()
      res.end(`here ${req.method} auth=${req.headers.authorization ?? 'none'}`)
    })
    await listen(server)
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  test(`GET follows up to ${MAX_REDIRECTS} redirects and says where it landed`, async () => {
    make()
    const r = await get(urlOf(server, `/hop?n=${MAX_REDIRECTS}`))
    expect([r.status, r.text, r.redirects]).toEqual([200, 'landed no auth', MAX_REDIRECTS])
    expect(r.url.search).toBe('?n=0')
  })

  test(`GET stops at the ${MAX_REDIRECTS + 1}th redirect (as Go's client) and names the next Location`, async () => {
    make()
    hits = []
    await expect(get(urlOf(server, `/hop?n=${MAX_REDIRECTS + 1}`))).rejects.toMatchObject({
      code: 'SPOCK_TOO_MANY_REDIRECTS',
      message: expect.stringMatching(/^stopped after 10 redirects, the last to http:\/\/127\.0\.0\.1:\d+\/hop\?n=0$/),
    })
    expect(hits).toHaveLength(MAX_REDIRECTS + 1)
  })

  test('a redirect loop ends the same way', async () => {
    make()
    await expect(get(urlOf(server, '/loop'))).rejects.toMatchObject({code: 'SPOCK_TOO_MANY_REDIRECTS'})
  })

  test('POST is not redirected: the 3xx and its Location come back', async () => {
    make()
    hits = []
    const r = await transport!.request(urlOf(server, '/post'), {method: 'POST', headers: HEADERS, body: '{}'})
    expect(r.status).toBe(303)
    expect(r.headers.location).toBe('/elsewhere?token=s3cret')
    expect(hits).toEqual(['POST /post'])
  })

  test('credentials go along to the same host, not to another one', async () => {
    make()
    const auth = {...HEADERS, authorization: 'Bearer t0ken'}
    const same = await transport!.request(urlOf(server, `/away?to=${encodeURIComponent(urlOf(server, '/here').href)}`), {method: 'GET', headers: auth, follow: true})
    expect(same.text).toBe('here GET auth=Bearer t0ken')
    // localhost is another host name than 127.0.0.1 (the same server, so the test sees what arrives)
    const other = await transport!.request(urlOf(server, `/away?to=${encodeURIComponent(urlOf(server, '/here', 'localhost').href)}`), {method: 'GET', headers: auth, follow: true})
    expect(other.text).toBe('here GET auth=none')
  })
})

describe('proxy', () => {
  test('HTTP_PROXY from the given environment: forwarded, and errors name the proxy', async () => {
    const server = await listen(createHttpServer((req, res) => res.end(`via ${req.headers.host}`)))
    const proxy = await startForwardProxy({hosts: {'api.spock-test': '127.0.0.1'}})
    try {
      make({env: {HTTP_PROXY: proxy.url}})
      const url = urlOf(server, '/x', 'api.spock-test')
      expect((await get(url)).text).toBe(`via ${url.host}`)
      expect(proxy.seen).toEqual([{method: 'GET', target: url.href}])
      await transport!.close()
      make({env: {HTTP_PROXY: 'http://user:pa55word@127.0.0.1:1'}})
      const err = (await get(url).catch((e) => e)) as {code?: string; proxy?: string}
      expect([err.code, err.proxy]).toEqual(['ECONNREFUSED', 'http://xxxxx:xxxxx@127.0.0.1:1/'])
    } finally {
      await proxy.stop()
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})
