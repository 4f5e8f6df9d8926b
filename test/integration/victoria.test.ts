// The read commands against VictoriaMetrics + vmalert behind vmauth (basic auth and a path prefix required):
// the same answers as the engine's own API, and graceful notes where it answers differently from Prometheus.
import {spawn, spawnSync} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'
import {startVictoria, type VictoriaStack} from '../support/victoria.js'

const RULES = `groups:
  - name: g
    interval: 1s
    rules:
      - alert: AlwaysOn
        expr: vector(1)
        labels: {severity: info}
      - record: job:up:sum
        expr: sum by (job) (up)
`

let vm: VictoriaStack
let dir: string
let pwFile: string
beforeAll(async () => {
  vm = await startVictoria(RULES)
  dir = await makeTempDir('spock-vm-test-')
  pwFile = join(dir, 'pw')
  await writeFile(pwFile, vm.password)
})
afterAll(async () => {
  await vm?.stop()
  await removeTempDir(dir)
})

const cli = (url: string, args: string[]) => runCli([...args, '--prometheus-url', url, '--basic-auth-user', vm.user, '--basic-auth-password-file', pwFile, '--tenant', '42'])

async function eventually(fn: () => Promise<boolean>, ms = 40_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error('timed out')
    await delay(500)
  }
}

test('without the credentials vmauth refuses (exit 2 with the auth hint); with them the prefix reaches VictoriaMetrics', async () => {
  const bare = await runCli(['query', 'vector(1)', '--prometheus-url', vm.queryUrl])
  expect(bare.code).toBe(2)
  expect(bare.stderr).toMatch(/HTTP 401/)
  const ok = await cli(vm.queryUrl, ['query', 'vector(1)', '-o', 'json'])
  expect(ok.code).toBe(0)
  expect(JSON.parse(ok.stdout)).toMatchObject({resultType: 'vector', result: [{metric: {}, value: [expect.any(Number), '1']}]})
})

test('targets check, query over a range and rules status give what the engines answer', async () => {
  await eventually(async () => (await cli(vm.queryUrl, ['targets', 'check'])).code === 0)
  const targets = await cli(vm.queryUrl, ['targets', 'check', '-o', 'json'])
  expect(JSON.parse(targets.stdout)).toMatchObject({targets: [{job: 'vm', health: 'up'}]})
  const end = Math.floor(Date.now() / 1000) - 5
  const range = await cli(vm.queryUrl, ['query', 'vector(2)', '--start', String(end - 10), '--end', String(end), '--step', '5s', '-o', 'json'])
  const direct = (await (await fetch(`${vm.direct.vm}/api/v1/query_range?query=vector(2)&start=${end - 10}&end=${end}&step=5`)).json()) as {data: object}
  expect(JSON.parse(range.stdout)).toMatchObject(direct.data)
  await eventually(async () => (JSON.parse((await cli(vm.rulesUrl, ['rules', 'status', '-o', 'json'])).stdout) as {rules: Array<{lastEvaluation?: string}>}).rules.every((r) => r.lastEvaluation))
  const rules = await cli(vm.rulesUrl, ['rules', 'status', '-o', 'json'])
  expect(rules.code).toBe(0)
  expect((JSON.parse(rules.stdout) as {rules: Array<{name: string; health: string}>}).rules.map((r) => [r.name, r.health])).toEqual([
    ['AlwaysOn', 'ok'],
    ['job:up:sum', 'ok'],
  ])
  const alerts = await cli(vm.rulesUrl, ['alerts', 'list', '--source', 'prometheus', '-o', 'json'])
  expect((JSON.parse(alerts.stdout) as Array<{alertname: string; state: string}>)[0]).toMatchObject({alertname: 'AlwaysOn', state: 'firing'})
})

test('where VictoriaMetrics answers differently, spock says what it could not show instead of failing', async () => {
  const tsdb = await cli(vm.queryUrl, ['tsdb', 'status', '-o', 'json'])
  expect(tsdb.code).toBe(0)
  expect(JSON.parse(tsdb.stdout)).toMatchObject({headStats: {chunkCount: null, minTime: null}})
  expect(tsdb.stderr).toContain('no head block statistics')
  const status = await runCli(['status', '--prometheus-url', vm.queryUrl, '--basic-auth-user', vm.user, '--basic-auth-password-file', pwFile, '-o', 'json', '--alertmanager-url', vm.queryUrl])
  const prom = (JSON.parse(status.stdout) as {servers: Array<{kind: string; healthy: boolean; notes?: string[]}>}).servers.find((s) => s.kind === 'prometheus')!
  expect(prom.healthy).toBe(true)
  expect(prom.notes?.join(' ')).toMatch(/reports no version/)
})

// The tenant header. The brief for this test was to make vmauth REQUIRE X-Scope-OrgID, so that a request
// without it fails. Debian's vmauth (victoria-metrics 1.79.5) cannot: it picks a user only from the
// Authorization header (the -httpAuthHeader flag came in v1.100), and its url_map matches only paths
// (`src_headers` came in v1.93; 1.79.5 refuses the field, which the first test below holds, so this fails
// and says so once Debian ships a vmauth that can). VictoriaMetrics' path tenancy needs the cluster version
// (vminsert/vmselect), which Debian does not package, and vmauth 1.79.5 has no access log. So the header is
// verified on what the real vmauth reads from its socket, seen through strace (skipped, and saying why,
// where strace is missing or may not attach).
test('vmauth 1.79.5 cannot route on a request header: it refuses src_headers in url_map', async () => {
  const d = await makeTempDir('spock-vmauth-')
  try {
    await writeFile(join(d, 'auth.yml'), "users:\n  - username: u\n    password: p\n    url_map:\n      - src_paths: ['/.*']\n        src_headers: ['X-Scope-OrgID: 42']\n        url_prefix: 'http://127.0.0.1:1'\n")
    const r = spawnSync('vmauth', [`-auth.config=${join(d, 'auth.yml')}`, '-httpListenAddr=127.0.0.1:0'], {encoding: 'utf8', timeout: 20_000})
    expect(r.status).not.toBe(0)
    expect(r.stderr).toContain('field src_headers not found')
    expect(spawnSync('vmauth', ['-help'], {encoding: 'utf8'}).stderr).not.toContain('httpAuthHeader')
  } finally {
    await removeTempDir(d)
  }
})

const strace = spawnSync('strace', ['-V']).error ? 'strace is not installed (apt-get install strace)' : undefined

/** What vmauth read from its sockets while `fn` ran (strace's escaped form: "\\r\\n" between header lines). */
async function vmauthReads(fn: () => Promise<unknown>): Promise<string> {
  const out = join(dir, `reads-${Date.now()}.txt`)
  const child = spawn('strace', ['-f', '-e', 'trace=read', '-s', '8192', '-o', out, '-p', String(vm.vmauthPid)], {stdio: ['ignore', 'ignore', 'pipe']})
  let err = ''
  child.stderr.on('data', (b: Buffer) => (err += b.toString()))
  const exited = new Promise((r) => child.once('exit', r))
  for (let i = 0; !/attached/.test(err); i++) {
    if (child.exitCode !== null || i > 200) throw new Error(`strace could not attach to vmauth: ${err.trim()}`)
    await delay(50)
  }
  try {
    await fn()
  } finally {
    child.kill('SIGINT')
    await exited
  }
  return readFile(out, 'utf8')
}

test.skipIf(strace)('--tenant and a context\'s tenant reach vmauth as X-Scope-OrgID; without one no such header is sent', async () => {
  const cfg = join(dir, 'tenant.yml')
  await writeFile(cfg, `contexts:\n  t:\n    prometheus: {url: '${vm.queryUrl}', tenant: team-7, basic_auth: {username: ${vm.user}, password_file: '${pwFile}'}}\n`)
  const reads = await vmauthReads(async () => {
    expect((await cli(vm.queryUrl, ['query', 'vector(11)'])).code).toBe(0) // --tenant 42
    expect((await runCli(['query', 'vector(12)', '--context', 't'], {env: {SPOCK_CONFIG: cfg}})).code).toBe(0)
    expect((await runCli(['query', 'vector(13)', '--prometheus-url', vm.queryUrl, '--basic-auth-user', vm.user, '--basic-auth-password-file', pwFile])).code).toBe(0)
  })
  const request = (n: number) => reads.split('\n').find((l) => l.includes(`query=vector%28${n}%29`)) ?? `no request for vector(${n}) in the trace`
  expect(request(11)).toMatch(/\\r\\nx-scope-orgid: 42\\r\\n/i)
  expect(request(12)).toMatch(/\\r\\nx-scope-orgid: team-7\\r\\n/i)
  expect(request(13)).toMatch(/^\d+ +read\(\d+, "GET \/vm\/api\/v1\/query/)
  expect(request(13)).not.toMatch(/x-scope-orgid/i)
})
