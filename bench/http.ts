// Benchmark (not a test): the ways spock could send its API requests, against a real Alertmanager.
//   npx tsx bench/http.ts [N=1000]   (BENCH_ROUNDS=5: medians of that many rounds)
// Variants, each in its own process: spock's transport (src/http/transport.ts, undici 7 package, one dispatch
// handler per request), the package's request() API, and Node's built-in fetch (undici 6 inside Node 20).
// Per round: N silence POSTs, 16 in flight (as `silences import`), 20 GETs of the N-silence list, N DELETEs.
// "round cpu" is the client process's CPU time for one round (robust on a busy machine). "first" is the process's cost to load the client and get one answer (wall and CPU): what a one-request
// command pays. Loading is measured from TypeScript sources under tsx here; the built CLI loads one bundle.
import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {startAlertmanager} from '../test/support/servers.js'

const N = Number(process.argv[2] ?? 1000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const VARIANTS = ['spock', 'undici-request', 'fetch'] as const
type Variant = (typeof VARIANTS)[number]
const SELF = fileURLToPath(import.meta.url)

interface Send {
  (method: string, url: string, body?: string): Promise<{status: number; text: string}>
}

async function client(variant: Variant): Promise<{send: Send; close(): Promise<void>}> {
  const headers = {accept: 'application/json', 'user-agent': 'spock'}
  const json = {...headers, 'content-type': 'application/json'}
  if (variant === 'spock') {
    const {createTransport} = await import('../src/http/transport.js')
    const t = createTransport({tls: {rejectUnauthorized: true}, timeoutMs: 30_000, maxResponseBytes: 64 << 20})
    return {
      send: async (method, url, body) => {
        const r = await t.request(new URL(url), {method, headers: body ? json : headers, body, follow: method === 'GET'})
        return {status: r.status, text: r.text}
      },
      close: () => t.close(),
    }
  }
  if (variant === 'undici-request') {
    const {Agent, request} = await import('undici')
    const dispatcher = new Agent({connections: 16})
    return {
      send: async (method, url, body) => {
        const r = await request(url, {method: method as 'GET', headers: body ? json : headers, body, dispatcher})
        return {status: r.statusCode, text: await r.body.text()}
      },
      close: () => dispatcher.close(),
    }
  }
  return {
    send: async (method, url, body) => {
      const r = await fetch(url, {method, headers: body ? json : headers, body})
      return {status: r.status, text: await r.text()}
    },
    close: async () => undefined,
  }
}

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({length: limit}, async () => {
    while (next < items.length) await fn(items[next++]!)
  }))
}

/** Child: one variant against one Alertmanager; prints one JSON line of timings. */
async function child(variant: Variant, base: string): Promise<void> {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const c = await client(variant)
  const first = await c.send('GET', `${base}/api/v2/status`)
  if (first.status !== 200) throw new Error(`status: HTTP ${first.status}`)
  const cpu = process.cpuUsage(cpu0)
  const out = {first: performance.now() - t0, firstCpu: (cpu.user + cpu.system) / 1000, post: [] as number[], get: [] as number[], del: [] as number[], cpu: [] as number[]}
  const now = Date.now()
  for (let round = 0; round < ROUNDS; round++) {
    const ids: string[] = []
    const c0 = process.cpuUsage()
    let t = performance.now()
    await pool(Array.from({length: N}, (_, i) => i), 16, async (i) => {
      const body = JSON.stringify({
        matchers: [{name: 'bench', value: `r${round}`, isRegex: false, isEqual: true}, {name: 'i', value: String(i), isRegex: false, isEqual: true}],
        startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3600_000).toISOString(), createdBy: 'bench', comment: 'x',
      })
      const r = await c.send('POST', `${base}/api/v2/silences`, body)
      if (r.status !== 200) throw new Error(`POST: HTTP ${r.status}`)
      ids.push((JSON.parse(r.text) as {silenceID: string}).silenceID)
    })
    out.post.push(performance.now() - t)
    t = performance.now()
    for (let i = 0; i < 20; i++) {
      const r = await c.send('GET', `${base}/api/v2/silences?filter=bench%3D%22r${round}%22`)
      if ((JSON.parse(r.text) as unknown[]).length < N) throw new Error('GET: short list')
    }
    out.get.push(performance.now() - t)
    t = performance.now()
    await pool(ids, 16, async (id) => {
      const r = await c.send('DELETE', `${base}/api/v2/silence/${id}`)
      if (r.status !== 200) throw new Error(`DELETE: HTTP ${r.status}`)
    })
    out.del.push(performance.now() - t)
    const used = process.cpuUsage(c0)
    out.cpu.push((used.user + used.system) / 1000)
  }
  await c.close()
  console.log(JSON.stringify(out))
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function runChild(variant: Variant, url: string): Promise<{first: number; firstCpu: number; post: number[]; get: number[]; del: number[]; cpu: number[]}> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, SELF, String(N), '--child', variant, url], {stdio: ['ignore', 'pipe', 'inherit']})
    let out = ''
    p.stdout.on('data', (d: Buffer) => (out += d.toString()))
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`${variant} exited ${code}`))))
  })
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--child')
  if (i > 0) return child(process.argv[i + 1] as Variant, process.argv[i + 2]!)
  const rows: string[] = []
  for (const variant of VARIANTS) {
    const am = await startAlertmanager() // a fresh one per variant: the same starting state
    try {
      const r = await runChild(variant, am.url)
      rows.push(
        `${variant.padEnd(16)} first ${r.first.toFixed(0).padStart(4)} ms (cpu ${r.firstCpu.toFixed(0).padStart(3)} ms)   ` +
          `${N} POST ${median(r.post).toFixed(0).padStart(5)} ms   20 GET ${median(r.get).toFixed(0).padStart(5)} ms   ${N} DELETE ${median(r.del).toFixed(0).padStart(5)} ms   round cpu ${median(r.cpu).toFixed(0).padStart(5)} ms`,
      )
    } finally {
      await am.stop()
    }
  }
  console.log(rows.join('\n'))
  console.log(`(medians of ${ROUNDS} rounds; 16 requests in flight for POST and DELETE)`)
}

await main()
