// The built CLI against servers that hang, stall, flood or redirect: --timeout bounds the whole request,
// the response size cap holds without memory growth, GETs follow redirects and POSTs do not.
// Misbehaving servers are local stand-ins; the redirect tests put a redirecting front before real servers.
import {createServer, request, type Server as HttpServer} from 'node:http'
import {createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket} from 'node:net'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startAlertmanager, startHangingServer, startPrometheus, stopAll, type Server} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

let dir: string
let rssHook: string
beforeAll(async () => {
  dir = await makeTempDir('spock-http-limits-')
  // Preloaded into the CLI: writes its peak resident set size (KiB) to $SPOCK_TEST_RSS_FILE at exit.
  rssHook = join(dir, 'rss.mjs')
  await writeFile(rssHook, "import {writeFileSync} from 'node:fs'\nprocess.on('exit', () => writeFileSync(process.env.SPOCK_TEST_RSS_FILE, String(process.resourceUsage().maxRSS)))\n")
})
afterAll(() => removeTempDir(dir))

/** A TCP server that answers every request with `head` and then whatever `body` does with the socket. */
async function rawServer(head: string, body: (s: Socket) => void = () => undefined): Promise<NetServer & {url: string}> {
  const sockets = new Set<Socket>()
  const server = createNetServer((s) => {
    sockets.add(s)
    s.on('error', () => undefined)
    s.on('close', () => sockets.delete(s))
    s.once('data', () => {
      s.write(head)
      body(s)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const close = server.close.bind(server)
  server.close = (cb?: (err?: Error) => void) => {
    for (const s of sockets) s.destroy()
    return close(cb)
  }
  return Object.assign(server, {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`})
}

const stop = (s: NetServer | HttpServer) => new Promise<void>((r) => s.close(() => r()))
const timed = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const started = Date.now()
  const r = await runCli(args, {env})
  return {...r, seconds: (Date.now() - started) / 1000}
}

describe('--timeout bounds the whole request', () => {
  test('a server that accepts and never answers: exit 3 after about --timeout', async () => {
    const hang = await startHangingServer()
    try {
      const r = await timed(['status', '--only', 'prometheus', '--prometheus-url', hang.url, '--timeout', '1s'])
      expect(r.code).toBe(3)
      expect(r.stderr).toMatch(/^spock: error: cannot reach http:\/\/127\.0\.0\.1:\d+\/-\/healthy: no answer within 1s\n/)
      expect(r.seconds).toBeLessThan(20) // "does not hang"; GETs are retried only on resets and 502/503/504
    } finally {
      await hang.stop()
    }
  })

  test('headers, then a body that stalls: exit 3, not a hang', async () => {
    const server = await rawServer('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"status":')
    try {
      const r = await timed(['status', '--only', 'prometheus', '--prometheus-url', server.url, '--timeout', '1s'])
      expect(r.code).toBe(3)
      expect(r.stderr).toContain('no answer within 1s')
      expect(r.seconds).toBeLessThan(20)
    } finally {
      await stop(server)
    }
  })

  test('a timeout past what Node timers hold (25d) is a usage error, not an instant failure', async () => {
    const r = await runCli(['status', '--only', 'prometheus', '--prometheus-url', 'http://127.0.0.1:1', '--timeout', '25d'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('spock: error: timeout "25d" is too long: at most 24h\n  hint: use a duration such as 30s, 10m or 24h\n')
    const env = await runCli(['status', '--only', 'prometheus', '--prometheus-url', 'http://127.0.0.1:1'], {env: {SPOCK_TIMEOUT: '1000h'}})
    expect(env.code).toBe(2)
  })
})

describe('response size cap', () => {
  /** Sends up to 1 GiB after the head, counting what it wrote before the client hung up. */
  const flood = async (head: string, chunked: boolean) => {
    const sent = {bytes: 0}
    const data = Buffer.alloc(256 * 1024, 'x')
    const piece = chunked ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]) : data
    const server = await rawServer(head, (s) => {
      const pump = (): void => {
        while (!s.destroyed && sent.bytes < 2 ** 30) {
          sent.bytes += data.length
          if (!s.write(piece)) return void s.once('drain', pump)
        }
      }
      pump()
    })
    return {server, sent}
  }

  test.each([
    ['an endless chunked body', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n', true],
    ['a body announced as 10 GiB', `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${10 * 2 ** 30}\r\n\r\n`, false],
  ])('%s stops at SPOCK_MAX_RESPONSE_SIZE: exit 3, one line and a hint, small peak memory', async (_name, head, chunked) => {
    const {server, sent} = await flood(head, chunked)
    const rssFile = join(dir, `rss-${chunked}`)
    try {
      const r = await runCli(['silences', 'list', '--alertmanager-url', server.url], {
        env: {SPOCK_MAX_RESPONSE_SIZE: '2MiB', NODE_OPTIONS: `--import=${rssHook}`, SPOCK_TEST_RSS_FILE: rssFile},
      })
      expect(r.code).toBe(3)
      expect(r.stderr).toMatch(/^spock: error: cannot read http:\/\/127\.0\.0\.1:\d+\/api\/v2\/\S+: the response is larger than 2 MiB\n {2}hint: .*SPOCK_MAX_RESPONSE_SIZE=256MiB\n$/)
      expect(sent.bytes).toBeLessThan(64 * 2 ** 20) // it stopped reading: far from the 1 GiB on offer
      expect(Number(await readFile(rssFile, 'utf8')) / 1024).toBeLessThan(300) // MiB, start-up included
    } finally {
      await stop(server)
    }
  })

  test('an invalid SPOCK_MAX_RESPONSE_SIZE is a usage error (exit 2)', async () => {
    const r = await runCli(['status', '--only', 'prometheus', '--prometheus-url', 'http://127.0.0.1:1'], {env: {SPOCK_MAX_RESPONSE_SIZE: 'huge'}})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('spock: error: invalid SPOCK_MAX_RESPONSE_SIZE "huge"')
  })
})

describe('redirects', () => {
  let prom: Server
  let am: Server
  let front: HttpServer
  let frontUrl: string
  const seen: string[] = []
  beforeAll(async () => {
    ;[prom, am] = await Promise.all([startPrometheus(), startAlertmanager()])
    // /old/... answers 301 to /new/..., which answers 308 to the real server; /loop redirects to itself.
    // Alertmanager under /am/: its POSTs answer 307 with a Location that carries a token.
    front = createServer((req, res) => {
      const path = req.url ?? '/'
      seen.push(`${req.method} ${path}`)
      if (path.startsWith('/old/')) return void res.writeHead(301, {location: `/new/${path.slice(5)}`}).end()
      if (path.startsWith('/new/')) return void res.writeHead(308, {location: `${prom.url}/${path.slice(5)}`}).end()
      if (path.startsWith('/loop/')) return void res.writeHead(302, {location: path}).end()
      if (path.startsWith('/am/')) {
        if (req.method !== 'GET') return void res.writeHead(307, {location: `${am.url}${path.slice(3)}?token=s3cr3t-value`}).end()
        const up = request(`${am.url}${path.slice(3)}`, {method: req.method, headers: req.headers}, (a) => {
          res.writeHead(a.statusCode ?? 502, a.headers)
          a.pipe(res)
        })
        return void req.pipe(up)
      }
      res.writeHead(404).end()
    })
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r))
    frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await stop(front)
    await stopAll([prom, am].filter(Boolean))
  })

  test('GET follows a chain of redirects to the real Prometheus', async () => {
    const r = await runCli(['status', '--only', 'prometheus', '--prometheus-url', `${frontUrl}/old`, '--verbose'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/prometheus\s+http:\/\/127\.0\.0\.1:\d+\/old\s+ok\s+2\.42/)
    expect(r.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/old\/-\/healthy 200 \d+ms \(2 redirects, to http:\/\/127\.0\.0\.1:\d+\/-\/healthy\)/)
  })

  test('GET gives up after 10 redirects: exit 3 naming the next Location', async () => {
    const r = await runCli(['status', '--only', 'prometheus', '--prometheus-url', `${frontUrl}/loop`])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^spock: error: cannot reach http:\/\/127\.0\.0\.1:\d+\/loop\/-\/healthy: stopped after 10 redirects, the last to http:\/\/127\.0\.0\.1:\d+\/loop\/-\/healthy\n/)
  })

  test('POST is not redirected: the error names the Location, its token redacted', async () => {
    seen.length = 0
    const r = await runCli(['silences', 'create', 'job=redirect', '-c', 'x', '--alertmanager-url', `${frontUrl}/am`])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/spock: error: POST http:\/\/127\.0\.0\.1:\d+\/am\/api\/v2\/silences was redirected \(HTTP 307\) to http:\/\/127\.0\.0\.1:\d+\/api\/v2\/silences\?token=%3Credacted%3E; spock follows redirects for GET requests only\n/)
    expect(r.stderr).toContain('hint: use the URL the server redirects to')
    expect(r.stderr).not.toContain('s3cr3t')
    expect(seen.filter((s) => s.startsWith('POST'))).toHaveLength(1)
    const silences = (await (await fetch(`${am.url}/api/v2/silences`)).json()) as unknown[]
    expect(silences).toHaveLength(0) // nothing was created behind the redirect
  })
})
