// Every command's -o json output matches its schema (test/support/json-schemas.ts), run against a real
// Prometheus and Alertmanager; docs/schemas/<command>.json is that schema as JSON Schema. Commands come from
// oclif.manifest.json, so a new command without a schema fails here (unless listed as pending).
// The two servers are a `spock stack up` of the test directory (one Prometheus, one Alertmanager), so the stack
// commands and reload run on what they were made for; `stack down` is the file's last test.
// UPDATE_SCHEMAS=1 rewrites docs/schemas/.
import {copyFileSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {z} from 'zod'
import {COMMAND_SCHEMAS, FLEET_COMMANDS, FLEET_SCHEMAS, isPending} from '../support/json-schemas.js'
import {ROOT, runCli} from '../support/run-cli.js'
import {CORPUS} from '../support/corpus.js'
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

const PROMTOOL_TESTS = join(CORPUS, 'rules-tests/prometheus__prometheus/cmd/promtool/testdata')

let prom: {url: string}
let am: {url: string}
let dir: string
let silenceId = ''
let env: NodeJS.ProcessEnv
let stackUp = ''
let stackIsUp = false

beforeAll(async () => {
  dir = await makeTempDir('spock-schemas-')
  copyFileSync(join(ROOT, 'config-templates', 'prometheus.yml'), join(dir, 'prometheus.yml'))
  copyFileSync(join(ROOT, 'config-templates', 'rules', 'meta.yml'), join(dir, 'alerts.yml'))
  writeFileSync(join(dir, 'alertmanager.yml'), AM)
  writeFileSync(join(dir, 'spock.yml'), 'contexts: {}\n')
  const up = await runCli(['stack', 'up', '--dir', dir, '-o', 'json'], {env: {SPOCK_CONFIG: join(dir, 'spock.yml')}})
  if (up.code !== 0) throw new Error(`stack up failed: ${up.stderr}`)
  stackIsUp = true
  stackUp = up.stdout
  const servers = (JSON.parse(up.stdout) as {servers: {kind: string; url: string}[]}).servers
  prom = servers.find((s) => s.kind === 'prometheus')!
  am = servers.find((s) => s.kind === 'alertmanager')!
  const both = `{prometheus: {url: "${prom.url}"}, alertmanager: {url: "${am.url}"}}`
  writeFileSync(join(dir, 'fleet.yml'), `contexts:\n  x: ${both}\n  y: ${both}\n  down: {prometheus: {url: "http://127.0.0.1:1"}, alertmanager: {url: "http://127.0.0.1:1"}}\n`)
  writeFileSync(join(dir, 'spock.yml'), `current-context: a\ncontexts:\n  a: {prometheus: {url: "${prom.url}"}}\n  b: {alertmanager: {url: "${am.url}"}}\n`)
  env = {SPOCK_PROMETHEUS_URL: prom.url, SPOCK_ALERTMANAGER_URL: am.url, SPOCK_CONFIG: join(dir, 'spock.yml')}
  const r = await runCli(['silences', 'create', 'Schema', '-c', 'x', '-q'], {env})
  silenceId = r.stdout.trim()
  await runCli(['silences', 'export', '--file', join(dir, 'silences.json')], {env})
  writeFileSync(join(dir, 'apply.yml'), '- {name: schema, matchers: [alertname=Schema], comment: x, duration: 1h}\n- {name: weekly, matchers: [alertname=W], comment: x, schedule: {weekdays: [saturday]}}\n')
}, 60_000)
afterAll(async () => {
  if (stackIsUp) await runCli(['stack', 'down', '--dir', dir], {env}) // when a test failed before stack down's
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
  'routes:show': () => ['routes', 'show', '--config', join(dir, 'alertmanager.yml'), '--at', 'now'],
  'routes:test': () => ['routes', 'test', '--config', join(dir, 'alertmanager.yml'), 'service=db', 'severity=warning', '--inhibited-by', 'severity=critical', '--at', 'now'],
  'silences:list': () => ['silences', 'list'],
  'silences:export': () => ['silences', 'export'],
  'silences:create': () => ['silences', 'create', 'Other', '-c', 'x'],
  'silences:update': () => ['silences', 'update', silenceId, '--end', '+3h'],
  'silences:import': () => ['silences', 'import', join(dir, 'silences.json')],
  'silences:delete': () => ['silences', 'delete', silenceId],
  'silences:apply': () => ['silences', 'apply', '-f', join(dir, 'apply.yml')],
  'targets:check': () => ['targets', 'check'],
  'tsdb:status': () => ['tsdb', 'status', '--limit', '2'],
  init: () => ['init', join(dir, 'init')],
  'rules:status': () => ['rules', 'status'],
  query: () => ['query', 'up'],
  'metrics:check': () => ['metrics', 'check', `${prom.url}/metrics`, '--extended'],
  probe: () => ['probe', `${prom.url}/-/healthy`],
  'test-alert': () => ['test-alert', '--all-receivers', '--config', join(dir, 'alertmanager.yml'), '--dry-run'],
  'rules:test': () => ['rules', 'test', join(PROMTOOL_TESTS, 'failing.yml'), '--coverage'],
  'rules:routes': () => ['rules', 'routes', '--alertmanager-config', join(ROOT, 'test/fixtures/rules-routes/alertmanager.yml'), join(ROOT, 'test/fixtures/rules-routes/rules.yml')],
  reload: () => ['reload'],
  'stack:status': () => ['stack', 'status', '--dir', dir],
  'stack:logs': () => ['stack', 'logs', '--dir', dir, '-n', '3'],
  'template:render': () => ['template', 'render', '--config', join(ROOT, 'test/fixtures/template-render/receivers.yml'), '--receiver', 'team-db', 'alertname=DiskFull'],
}
/** Commands whose output comes from elsewhere: stack up from beforeAll, stack down from the last test. */
const ELSEWHERE = ['stack:up', 'stack:down']

describe('JSON schemas', () => {
  test('every command has a schema, a way to run it and a published docs/schemas file', () => {
    const missing = ids.filter((id) => !isPending(id) && !(id in COMMAND_SCHEMAS && (id in RUNS || ELSEWHERE.includes(id)) && existsSync(schemaFile(id))))
    expect(missing).toEqual([])
  })

  test.each(ids.filter((id) => id in COMMAND_SCHEMAS))('docs/schemas for %s is current', (id) => {
    const want = jsonSchema(id)
    if (process.env.UPDATE_SCHEMAS) writeFileSync(schemaFile(id), want)
    expect(existsSync(schemaFile(id)) ? readFileSync(schemaFile(id), 'utf8') : '').toBe(want)
  })

  const issues = (id: string, stdout: string) => {
    const parsed = COMMAND_SCHEMAS[id]!.safeParse(JSON.parse(stdout))
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
  }

  for (const id of ids.filter((x) => x in RUNS)) {
    test(`${id} -o json matches its schema`, async () => {
      const r = await runCli([...RUNS[id]!(), '-o', 'json'], {env, cwd: dir})
      expect([0, 1], r.stderr).toContain(r.code)
      expect(issues(id, r.stdout)).toEqual([])
    })
  }

  test('stack:up -o json matches its schema', () => {
    expect(issues('stack:up', stackUp)).toEqual([])
  })

  test('the outputs use the conventions where the schema cannot tell', async () => {
    const routes = JSON.parse((await runCli([...RUNS['rules:routes']!(), '-o', 'json'], {env})).stdout)
    const slow = routes.alerts.find((a: {alert: string}) => a.alert === 'DbSlow')
    expect(slow.inhibitedBy).toEqual([{rule: 1, line: 22, sourceMatchers: [{name: 'severity', value: 'critical', isRegex: false, isEqual: true}], sure: true}])
    const tests = JSON.parse((await runCli([...RUNS['rules:test']!(), '-o', 'json'], {env})).stdout)
    expect(tests.files[0].tests[1].failures[0]).toMatchObject({kind: 'alert', evalTime: 300, line: 33})
    const status = JSON.parse((await runCli(['stack', 'status', '--dir', join(dir, 'init'), '-o', 'json'], {env})).stdout)
    expect(status).toEqual({dir: join(dir, 'init'), context: null, servers: []})
  })

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

// Last: it stops the servers every test above uses.
describe('stack down', () => {
  test('stack:down -o json matches its schema', async () => {
    const r = await runCli(['stack', 'down', '--dir', dir, '-o', 'json'], {env})
    expect(r.code, r.stderr).toBe(0)
    stackIsUp = false
    const parsed = COMMAND_SCHEMAS['stack:down']!.safeParse(JSON.parse(r.stdout))
    expect(parsed.success ? [] : parsed.error.issues).toEqual([])
    expect(JSON.parse(r.stdout).servers.map((s: {result: string}) => s.result)).toEqual(['stopped', 'stopped'])
  })
})
