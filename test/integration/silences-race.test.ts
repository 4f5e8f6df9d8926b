// Concurrent "idempotent" creates: 20 `spock silences create` processes with the same matchers leave exactly
// one active silence, and every process prints its ID. Once straight against Alertmanager, once through a
// proxy that delays GET /api/v2/silences, so that every process passes the reuse check before any creates.
import {createServer, request, type Server as HttpServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startAlertmanager, type AlertmanagerServer} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const PROCESSES = 20
let am: AlertmanagerServer
let dir: string
let slow: {url: string; stop(): Promise<void>}

/** Pass-through proxy that holds GET /api/v2/silences for `delayMs` before forwarding it. */
async function startSlowListProxy(target: string, delayMs: number): Promise<{url: string; stop(): Promise<void>}> {
  const upstream = new URL(target)
  const server: HttpServer = createServer((req, res) => {
    const forward = () => {
      const up = request({hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: {...req.headers, host: upstream.host}}, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers)
        r.pipe(res)
      })
      up.on('error', () => res.writeHead(502).end())
      req.pipe(up)
    }
    const slowList = req.method === 'GET' && (req.url ?? '').split('?')[0] === '/api/v2/silences'
    if (slowList) setTimeout(forward, delayMs)
    else forward()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve()))}
}

beforeAll(async () => {
  ;[am, dir] = await Promise.all([startAlertmanager(), makeTempDir('spock-race-')])
  slow = await startSlowListProxy(am.url, 1_500)
}, 60_000)
afterAll(async () => {
  await Promise.all([am?.stop(), slow?.stop()])
  await removeTempDir(dir)
})

async function activeWith(alertname: string): Promise<string[]> {
  const res = await fetch(`${am.url}/api/v2/silences?filter=${encodeURIComponent(`alertname="${alertname}"`)}`)
  const list = (await res.json()) as {id: string; status: {state: string}}[]
  return list.filter((s) => s.status.state === 'active').map((s) => s.id)
}

async function race(url: string, alertname: string): Promise<{ids: string[]; notes: string[]}> {
  const runs = await Promise.all(
    Array.from({length: PROCESSES}, () =>
      runCli(['silences', 'create', alertname, 'env=prod', '-c', 'race', '-a', 'ci', '-q'], {env: {SPOCK_ALERTMANAGER_URL: url, HOME: dir}}),
    ),
  )
  for (const r of runs) expect(r.code, r.stderr).toBe(0)
  return {ids: runs.map((r) => r.stdout.trim()), notes: runs.map((r) => r.stderr)}
}

describe('concurrent silences create', () => {
  test.each([
    ['directly', () => am.url, 'RaceDirect'],
    ['with a slow list', () => slow.url, 'RaceSlowList'],
  ])('%s: one active silence remains and every process prints its ID', async (_name, url, alertname) => {
    const {ids, notes} = await race(url(), alertname)
    const active = await activeWith(alertname)
    expect(active).toHaveLength(1)
    expect(new Set(ids)).toEqual(new Set(active))
    // Runs that lost the race said so (all but one, when every run created a silence)
    const lost = notes.filter((n) => n.includes('kept the older one'))
    expect(lost.length + notes.filter((n) => n.includes('Reusing active silence')).length).toBe(PROCESSES - 1)
  }, 120_000)
})
