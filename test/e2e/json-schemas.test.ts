// Every command's -o json output matches its schema (test/support/json-schemas.ts), run against a real
// Prometheus and Alertmanager; docs/schemas/<command>.json is that schema as JSON Schema. Commands come from
// oclif.manifest.json, so a new command without a schema fails here (unless listed as pending).
// UPDATE_SCHEMAS=1 rewrites docs/schemas/.
import {copyFileSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {z} from 'zod'
import {COMMAND_SCHEMAS, FLEET_COMMANDS, FLEET_SCHEMAS, isPending} from '../support/json-schemas.js'
import {ROOT, runCli} from '../support/run-cli.js'
import {startAlertmanager, startPrometheus, stopAll, type Server} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const AM = `route:
  receiver: a
  routes:
    - matchers: [service="db"]
      receiver: b
receivers: [{name: a}, {name: b}]
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
`
const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>}
const ids = Object.keys(manifest.commands).sort()
const schemaFile = (id: string) => join(ROOT, 'docs', 'schemas', `${id.replaceAll(':', '-')}.json`)
const jsonSchema = (id: string) => `${JSON.stringify(z.toJSONSchema(COMMAND_SCHEMAS[id]!, {io: 'output', unrepresentable: 'any'}), null, 2)}\n`

let prom: Server
let am: Server
let dir: string
let silenceId = ''
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  ;[prom, am] = await Promise.all([startPrometheus(), startAlertmanager({config: AM})])
  dir = await makeTempDir('spock-schemas-')
  copyFileSync(join(ROOT, 'config-templates', 'prometheus.yml'), join(dir, 'prometheus.yml'))
  copyFileSync(join(ROOT, 'config-templates', 'rules', 'meta.yml'), join(dir, 'alerts.yml'))
  writeFileSync(join(dir, 'alertmanager.yml'), AM)
  const both = `{prometheus: {url: "${prom.url}"}, alertmanager: {url: "${am.url}"}}`
  writeFileSync(join(dir, 'fleet.yml'), `contexts:\n  x: ${both}\n  y: ${both}\n  down: {prometheus: {url: "http://127.0.0.1:1"}, alertmanager: {url: "http://127.0.0.1:1"}}\n`)
  writeFileSync(join(dir, 'spock.yml'), `current-context: a\ncontexts:\n  a: {prometheus: {url: "${prom.url}"}}\n  b: {alertmanager: {url: "${am.url}"}}\n`)
  env = {SPOCK_PROMETHEUS_URL: prom.url, SPOCK_ALERTMANAGER_URL: am.url, SPOCK_CONFIG: join(dir, 'spock.yml')}
  const r = await runCli(['silences', 'create', 'Schema', '-c', 'x', '-q'], {env})
  silenceId = r.stdout.trim()
  await runCli(['silences', 'export', '--file', join(dir, 'silences.json')], {env})
}, 60_000)
afterAll(async () => {
  await stopAll([prom, am].filter(Boolean))
  if (dir) await removeTempDir(dir)
})

/** How each command is run for its schema check. */
const RUNS: Record<string, () => string[]> = {
  status: () => ['status'],
  'config:show': () => ['config', 'show'],
  'config:check': () => ['config', 'check', join(dir, 'alertmanager.yml'), join(dir, 'prometheus.yml')],
  'rules:check': () => ['rules', 'check', join(dir, 'alerts.yml')],
  'context:list': () => ['context', 'list'],
  'context:use': () => ['context', 'use', 'b'],
  'checks:list': () => ['checks', 'list'],
  'alerts:list': () => ['alerts', 'list'],
  'routes:show': () => ['routes', 'show', '--config', join(dir, 'alertmanager.yml')],
  'routes:test': () => ['routes', 'test', '--config', join(dir, 'alertmanager.yml'), 'service=db', 'severity=warning', '--inhibited-by', 'severity=critical'],
  'silences:list': () => ['silences', 'list'],
  'silences:export': () => ['silences', 'export'],
  'silences:create': () => ['silences', 'create', 'Other', '-c', 'x'],
  'silences:update': () => ['silences', 'update', silenceId, '--end', '+3h'],
  'silences:import': () => ['silences', 'import', join(dir, 'silences.json')],
  'silences:delete': () => ['silences', 'delete', silenceId],
  'targets:check': () => ['targets', 'check'],
  'tsdb:status': () => ['tsdb', 'status', '--limit', '2'],
  init: () => ['init', join(dir, 'init')],
  'rules:status': () => ['rules', 'status'],
  query: () => ['query', 'up'],
  'metrics:check': () => ['metrics', 'check', `${prom.url}/metrics`, '--extended'],
  probe: () => ['probe', `${prom.url}/-/healthy`],
}

describe('JSON schemas', () => {
  test('every command has a schema, a way to run it and a published docs/schemas file', () => {
    const missing = ids.filter((id) => !isPending(id) && !(id in COMMAND_SCHEMAS && id in RUNS && existsSync(schemaFile(id))))
    expect(missing).toEqual([])
  })

  test.each(ids.filter((id) => id in COMMAND_SCHEMAS))('docs/schemas for %s is current', (id) => {
    const want = jsonSchema(id)
    if (process.env.UPDATE_SCHEMAS) writeFileSync(schemaFile(id), want)
    expect(existsSync(schemaFile(id)) ? readFileSync(schemaFile(id), 'utf8') : '').toBe(want)
  })

  for (const id of ids.filter((x) => x in RUNS)) {
    test(`${id} -o json matches its schema`, async () => {
      const r = await runCli([...RUNS[id]!(), '-o', 'json'], {env, cwd: dir})
      expect([0, 1], r.stderr).toContain(r.code)
      const parsed = COMMAND_SCHEMAS[id]!.safeParse(JSON.parse(r.stdout))
      expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([])
    })
  }

  for (const id of FLEET_COMMANDS) {
    test(`${id} --all-contexts -o json matches its fleet schema`, async () => {
      const r = await runCli([...RUNS[id]!(), '--all-contexts', '-o', 'json'], {env: {SPOCK_CONFIG: join(dir, 'fleet.yml')}, cwd: dir})
      expect(r.code, r.stderr).toBe(3) // "down" cannot be reached
      const out = JSON.parse(r.stdout) as {contexts: Array<{context: string; exitCode: number}>}
      expect(out.contexts.map((c) => [c.context, c.exitCode === 3])).toEqual([['x', false], ['y', false], ['down', true]])
      const parsed = FLEET_SCHEMAS[id]!.safeParse(out)
      expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([])
    })
  }

  test('matchers, durations and indexes: one convention', async () => {
    const show = JSON.parse((await runCli(['routes', 'show', '--config', join(dir, 'alertmanager.yml'), '-o', 'json'], {env})).stdout)
    expect(show.groupWait).toBe(30)
    expect(show.routes[0].path).toEqual([1])
    expect(show.routes[0].matchers).toEqual([{name: 'service', value: 'db', isRegex: false, isEqual: true}])
  })
})
