import http from 'node:http'
import net from 'node:net'
const base = new URL(process.env.SPOCK_ALERTMANAGER_URL)
const sil = JSON.parse((await import('node:fs')).readFileSync('/tmp/sil.json', 'utf8'))
const bodies = sil.map((s) => JSON.stringify(s))
const mode = process.argv[2]; const conc = Number(process.argv[3] || 8)
async function pool(fn) { let i = 0; await Promise.all(Array.from({length: conc}, async () => { while (i < bodies.length) { const k = i++; await fn(bodies[k]) } })) }
const t0 = performance.now()
if (mode === 'http') {
  const agent = new http.Agent({keepAlive: true, maxSockets: conc})
  await pool((b) => new Promise((res, rej) => { const r = http.request(new URL('/api/v2/silences', base), {method: 'POST', agent, headers: {'content-type': 'application/json', 'content-length': Buffer.byteLength(b)}}, (resp) => { const c = []; resp.on('data', (d) => c.push(d)); resp.on('end', () => res(Buffer.concat(c).toString())) }); r.on('error', rej); r.end(b) }))
  agent.destroy()
} else if (mode === 'http2') {
  const agent = new http.Agent({keepAlive: true, maxSockets: conc, scheduling: 'fifo'})
  await pool((b) => new Promise((res, rej) => { const r = http.request({host: base.hostname, port: base.port, path: '/api/v2/silences', method: 'POST', agent, setHost: true, headers: ['content-type', 'application/json', 'content-length', String(Buffer.byteLength(b))]}, (resp) => { resp.setEncoding('utf8'); let c = ''; resp.on('data', (d) => (c += d)); resp.on('end', () => res(c)) }); r.on('error', rej); r.end(b) }))
  agent.destroy()
} else if (mode === 'raw') {
  // minimal keep-alive HTTP/1.1 client on net sockets, one request in flight per socket
  const conns = Array.from({length: conc}, () => { const s = net.connect(Number(base.port), base.hostname); s.setNoDelay(true); let buf = ''; let waiter; s.setEncoding('utf8'); s.on('data', (d) => { buf += d; const h = buf.indexOf('\r\n\r\n'); if (h < 0) return; const m = /content-length: *(\d+)/i.exec(buf.slice(0, h)); const len = m ? Number(m[1]) : 0; if (buf.length >= h + 4 + len) { const body = buf.slice(h + 4, h + 4 + len); buf = buf.slice(h + 4 + len); const w = waiter; waiter = undefined; w(body) } }); return {send: (b) => new Promise((res) => { waiter = res; s.write(`POST /api/v2/silences HTTP/1.1\r\nHost: ${base.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(b)}\r\n\r\n${b}`) }), s} })
  let i = 0
  await Promise.all(conns.map(async (c) => { while (i < bodies.length) { const k = i++; await c.send(bodies[k]) } }))
  conns.forEach((c) => c.s.destroy())
}
if (mode === 'undici' || mode === 'undicipipe') {
  const {Pool} = await import('/tmp/und/node_modules/undici/index.js')
  const p = new Pool(base.origin, {connections: conc, pipelining: mode === 'undicipipe' ? 4 : 1})
  await pool(async (b) => { const r = await p.request({path: '/api/v2/silences', method: 'POST', headers: {'content-type': 'application/json'}, body: b}); await r.body.text() })
  await p.close()
}
console.log(mode, conc, (performance.now() - t0).toFixed(0), 'ms')
