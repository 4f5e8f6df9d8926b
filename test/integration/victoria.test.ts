// The read commands against VictoriaMetrics + vmalert behind vmauth (basic auth and a path prefix required):
// the same answers as the engine's own API, and graceful notes where it answers differently from Prometheus.
import {writeFile} from 'node:fs/promises'
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
