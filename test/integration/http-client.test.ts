// HttpClient retry and error mapping, against a local HTTP server that misbehaves on purpose.
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {ApiError, ConnectionError} from '../../src/errors.js'
import {HttpClient} from '../../src/http/client.js'

let server: Server
let url: string
const hits = new Map<string, number>()

beforeAll(async () => {
  server = createServer((req, res) => {
    const n = (hits.get(`${req.method} ${req.url}`) ?? 0) + 1
    hits.set(`${req.method} ${req.url}`, n)
    if (req.url === '/flaky' && n < 3) return void res.writeHead(503).end('busy')
    if (req.url === '/down') return void res.writeHead(503).end('{"status":"error","errorType":"unavailable","error":"try later"}')
    if (req.url === '/bad') return void res.writeHead(400).end('"bad matcher format: foo"')
    if (req.url === '/html') return void res.writeHead(200, {'content-type': 'text/html'}).end('<html>login</html>')
    res.writeHead(200, {'content-type': 'application/json'}).end('{"ok":true}')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const client = () => new HttpClient({url, headers: {}, tls: {}, timeoutMs: 2000})

describe('HttpClient', () => {
  test('GET retries 503 and succeeds on the third attempt', async () => {
    const c = client()
    expect(await c.getJson('/flaky')).toEqual({ok: true})
    expect(hits.get('GET /flaky')).toBe(3)
    await c.close()
  })

  test('POST is never retried', async () => {
    const c = client()
    await expect(c.post('/down', {body: {}})).rejects.toBeInstanceOf(ApiError)
    expect(hits.get('POST /down')).toBe(1)
    await c.close()
  })

  test('a 5xx after retries is exit 3 with the server text', async () => {
    const c = client()
    const err = (await c.get('/down').catch((e) => e)) as ApiError
    expect(err.exitCode).toBe(3)
    expect(err.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/down failed with HTTP 503: unavailable: try later$/)
    expect(hits.get('GET /down')).toBe(4)
    await c.close()
  })

  test('a 4xx is exit 2 and carries Alertmanager\'s JSON-string error', async () => {
    const c = client()
    const err = (await c.post('/bad', {body: {}}).catch((e) => e)) as ApiError
    expect(err.exitCode).toBe(2)
    expect(err.message).toMatch(/failed with HTTP 400: bad matcher format: foo$/)
    await c.close()
  })

  test('HTML instead of JSON is reported as the wrong server (exit 3)', async () => {
    const c = client()
    const err = (await c.getJson('/html').catch((e) => e)) as ApiError
    expect(err.exitCode).toBe(3)
    expect(err.message).toMatch(/did not answer with JSON \(got text\/html\)/)
    await c.close()
  })

  test('a path prefix is kept and query parameters are appended', () => {
    const c = new HttpClient({url: 'https://mimir.example/prometheus/', headers: {}, tls: {}, timeoutMs: 1000})
    expect(c.urlFor('/api/v1/query', {query: 'up', match: ['a', 'b']}).toString()).toBe(
      'https://mimir.example/prometheus/api/v1/query?query=up&match=a&match=b',
    )
  })

  test('connection refused is a ConnectionError naming the URL', async () => {
    const c = new HttpClient({url: 'http://127.0.0.1:1', headers: {}, tls: {}, timeoutMs: 1000})
    const err = await c.get('/x').catch((e) => e)
    expect(err).toBeInstanceOf(ConnectionError)
    expect(err.message).toBe('cannot reach http://127.0.0.1:1/x: connection refused')
    await c.close()
  })
})
