// spock status against real Prometheus 2.42 and a real 2-peer Alertmanager 0.25 cluster.
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {startPrefixProxy, type PrefixProxy} from '../support/proxy.js'
import {runCli} from '../support/run-cli.js'
import {startAlertmanagerCluster, startHangingServer, startPrometheus, stopAll, unusedUrl, type Server} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

let prom: Server
let peers: Server[]
let dir: string

beforeAll(async () => {
  ;[prom, peers] = await Promise.all([startPrometheus(), startAlertmanagerCluster(2)])
  dir = await makeTempDir('spock-status-')
})
afterAll(async () => {
  await stopAll([prom, ...peers].filter(Boolean))
  await removeTempDir(dir)
})

const amFlags = () => peers.flatMap((p) => ['--alertmanager-url', p.url])

describe('spock status', () => {
  test('all healthy: exit 0, table names every server', async () => {
    const r = await runCli(['status', '--prometheus-url', prom.url, ...amFlags()])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/prometheus\s+http:\/\/127\.0\.0\.1:\d+\s+ok\s+2\.42/)
    expect(r.stdout.match(/alertmanager\s+\S+\s+ok\s+0\.25\.\d+\s+\S+\s+ready \(2 peers\)/g)).toHaveLength(2)
    expect(r.stdout).toContain('All 3 servers healthy.')
  })

  test('-o json and --json give the documented shape', async () => {
    for (const flag of [['-o', 'json'], ['--json']]) {
      const r = await runCli(['status', '--prometheus-url', prom.url, ...amFlags(), ...flag])
      expect(r.code).toBe(0)
      const body = JSON.parse(r.stdout)
      expect(body.ok).toBe(true)
      expect(body.servers).toHaveLength(3)
      expect(body.servers[0]).toMatchObject({kind: 'prometheus', reachable: true, healthy: true, ready: true, configReloadSuccess: true, problems: [], ok: true})
      expect(body.servers[0].version).toMatch(/^2\.42\./)
      expect(body.servers[0].uptimeSeconds).toBeGreaterThanOrEqual(0)
      expect(body.servers[1]).toMatchObject({kind: 'alertmanager', cluster: {status: 'ready', peers: 2}, configReloadSuccess: true, ok: true})
    }
  })

  test('-o yaml', async () => {
    const r = await runCli(['status', '--only', 'prometheus', '--prometheus-url', prom.url, '-o', 'yaml'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^servers:\n  - kind: prometheus\n/)
  })

  test('settings from a context in the config file', async () => {
    const cfg = join(dir, 'config.yml')
    await writeFile(cfg, `current-context: test\ncontexts:\n  test:\n    prometheus: {url: "${prom.url}"}\n    alertmanager: {urls: ["${peers[0]!.url}", "${peers[1]!.url}"]}\n`)
    const r = await runCli(['status'], {env: {SPOCK_CONFIG: cfg}})
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('All 3 servers healthy.')
  })

  test('nothing listening: exit 3 with a one-line error and a hint, no stack', async () => {
    const r = await runCli(['status', '--prometheus-url', await unusedUrl(), '--alertmanager-url', await unusedUrl()])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trim().split('\n')
    expect(lines[0]).toMatch(/^spock: error: no server reachable: cannot reach http:\/\/127\.0\.0\.1:\d+\/-\/healthy: connection refused; cannot reach/)
    expect(lines[1]).toMatch(/^ {2}hint: /)
    expect(lines).toHaveLength(2)
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/)
  })

  test('a server that accepts and never answers times out (exit 3)', async () => {
    const hang = await startHangingServer()
    try {
      const r = await runCli(['status', '--only', 'prometheus', '--prometheus-url', hang.url, '--timeout', '300ms'])
      expect(r.code).toBe(3)
      expect(r.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/-\/healthy: no answer within 300ms/)
    } finally {
      await hang.stop()
    }
  })

  test('one peer of two stopped: exit 1, the down peer and the lonely peer are named', async () => {
    // Runs last in this file: it stops a peer.
    const down = peers[1]!
    await down.stop()
    const r = await runCli(['status', '--prometheus-url', prom.url, ...amFlags()])
    expect(r.code).toBe(1)
    const port = new URL(down.url).port
    expect(r.stdout).toMatch(new RegExp(`alertmanager\\s+http://127\\.0\\.0\\.1:${port}\\s+unreachable`))
    // The surviving peer is flagged too, once gossip notices its partner left (bounded poll, no sleep-and-hope).
    let json: {servers: {reachable: boolean; ok: boolean; problems: string[]}[]} | undefined
    for (let i = 0; i < 40; i++) {
      json = JSON.parse((await runCli(['status', '--prometheus-url', prom.url, ...amFlags(), '-o', 'json'])).stdout)
      if (json!.servers[1]!.problems.includes('sees 1 of 2 cluster peers')) break
    }
    expect(json!.servers[1]).toMatchObject({reachable: true, ok: false, problems: ['sees 1 of 2 cluster peers']})
    expect(json!.servers[2]).toMatchObject({reachable: false, ok: false})
    expect(json!.servers[2]!.problems[0]).toMatch(/connection refused/)
  })
})

describe('connection layer against a real server behind a prefix proxy', () => {
  let proxy: PrefixProxy
  beforeAll(async () => {
    proxy = await startPrefixProxy(prom.url, '/prometheus')
  })
  afterAll(async () => proxy.stop())

  test('path prefix, tenant, basic auth and headers reach the server; no secret is printed, even with --verbose', async () => {
    const pwFile = join(dir, 'pw')
    await writeFile(pwFile, 'S3cretPassw0rd\n')
    const r = await runCli(
      ['status', '--only', 'prometheus', '--prometheus-url', proxy.url, '--tenant', 'team-a', '--basic-auth-user', 'ops',
        '--basic-auth-password-file', pwFile, '--header', 'X-Team: sre', '--verbose', '-o', 'json'],
    )
    expect(r.code).toBe(0)
    const seen = proxy.seen.find((s) => s.path === '/prometheus/api/v1/status/buildinfo')
    expect(seen?.headers['x-scope-orgid']).toBe('team-a')
    expect(seen?.headers['x-team']).toBe('sre')
    expect(seen?.headers.authorization).toBe(`Basic ${Buffer.from('ops:S3cretPassw0rd').toString('base64')}`)
    expect(r.stderr).toMatch(/spock: GET http:\/\/127\.0\.0\.1:\d+\/prometheus\/api\/v1\/status\/buildinfo 200 \d+ms/)
    const all = r.stdout + r.stderr
    expect(all).not.toContain('S3cretPassw0rd')
    expect(all).not.toContain(Buffer.from('ops:S3cretPassw0rd').toString('base64'))
  })

  test('a bearer token from env and a URL password never appear; a wrong prefix is reported as unhealthy (exit 1)', async () => {
    const wrong = proxy.url.replace('/prometheus', '/wrong')
    const token = await runCli(['status', '--only', 'prometheus', '--prometheus-url', wrong, '--verbose'], {env: {SPOCK_BEARER_TOKEN: 'T0kenValue99'}})
    expect(token.code).toBe(1)
    expect(token.stdout).toMatch(/unhealthy .*HTTP 404/)
    expect(proxy.seen.at(-1)?.headers.authorization).toBe('Bearer T0kenValue99')
    const withPassword = proxy.url.replace('http://', 'http://bob:UrlPassw0rd@')
    const basic = await runCli(['status', '--only', 'prometheus', '--prometheus-url', withPassword, '--verbose'])
    expect(basic.code).toBe(0)
    expect(proxy.seen.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('bob:UrlPassw0rd').toString('base64')}`)
    const all = token.stdout + token.stderr + basic.stdout + basic.stderr
    expect(all).not.toContain('UrlPassw0rd')
    expect(all).not.toContain('T0kenValue99')
    expect(basic.stdout).toContain('http://xxxxx:xxxxx@127.0.0.1')
  })

  test('basic auth and a bearer token together is a config error (exit 2)', async () => {
    const withPassword = proxy.url.replace('http://', 'http://bob:UrlPassw0rd@')
    const r = await runCli(['status', '--only', 'prometheus', '--prometheus-url', withPassword], {env: {SPOCK_BEARER_TOKEN: 'T0kenValue99'}})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('spock: error: both basic auth and a bearer token are set for one server')
  })

  test('config show redacts secrets and names sources', async () => {
    const r = await runCli(['config', 'show', '-o', 'json', '--prometheus-url', 'http://u:pw123456@host:9090'], {
      env: {SPOCK_BEARER_TOKEN: 'T0kenValue99', SPOCK_TENANT: 'team-b'},
    })
    expect(r.code).toBe(0)
    const body = JSON.parse(r.stdout)
    expect(body.settings).toContainEqual({server: 'prometheus', setting: 'url', value: 'http://xxxxx:xxxxx@host:9090/', source: 'flag'})
    expect(body.settings).toContainEqual({server: 'prometheus', setting: 'bearer_token', value: '<redacted>', source: 'env'})
    expect(body.settings).toContainEqual({server: 'alertmanager', setting: 'tenant', value: 'team-b', source: 'env'})
    expect(r.stdout).not.toContain('T0kenValue99')
    expect(r.stdout).not.toContain('pw123456')
  })
})
