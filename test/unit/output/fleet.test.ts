// Fleets without servers: which contexts, the exit code rule, a failing context as one row, the JSON shape.
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {ConnectionError, UsageError} from '../../../src/errors.js'
import {fleetContexts, fleetEnv, fleetExitCode, runFleet} from '../../../src/health/fleet.js'
import {render, type View} from '../../../src/output/render.js'
import {fleetView} from '../../../src/output/views/fleet.js'
import {makeTempDir, removeTempDir} from '../../support/tmp.js'

let dir: string
let env: NodeJS.ProcessEnv
beforeAll(async () => {
  dir = await makeTempDir('spock-fleet-unit-')
  await writeFile(join(dir, 'config.yml'), 'contexts:\n  prod: {}\n  staging: {}\n  dev: {}\n')
  env = {SPOCK_CONFIG: join(dir, 'config.yml')}
})
afterAll(() => removeTempDir(dir))

test('a fleet is --all-contexts (config order) or more than one --context (given order, once each)', async () => {
  expect(await fleetContexts({contexts: ['prod']}, env)).toBeUndefined()
  expect(await fleetContexts({}, env)).toBeUndefined()
  expect(await fleetContexts({all: true}, env)).toEqual(['prod', 'staging', 'dev'])
  expect(await fleetContexts({contexts: ['dev', 'prod', 'dev']}, env)).toEqual(['dev', 'prod'])
  await expect(fleetContexts({contexts: ['prod', 'qa', 'uat']}, env)).rejects.toThrow('contexts "qa", "uat" not defined in the spock config')
  await expect(fleetContexts({all: true}, {SPOCK_CONFIG_DIR: join(dir, 'none')})).rejects.toThrow(/no spock config at .*, so there are no contexts/)
})

test('exit code: 3 if any context is unreachable, else 2, else 1 if any found problems, else 0', () => {
  expect(fleetExitCode([0, 0])).toBe(0)
  expect(fleetExitCode([0, 1, 0])).toBe(1)
  expect(fleetExitCode([1, 2])).toBe(2)
  expect(fleetExitCode([1, 3, 2, 0])).toBe(3)
  expect(fleetExitCode([])).toBe(0)
})

test('the URL variables are not passed to fleet members', () => {
  expect(fleetEnv({SPOCK_PROMETHEUS_URL: 'x', SPOCK_ALERTMANAGER_URL: 'y', SPOCK_CONTEXT: 'z', SPOCK_TENANT: 't'})).toEqual({SPOCK_TENANT: 't'})
})

test('runFleet runs at most `parallel` at once, keeps the order, and turns a failure into its context entry', async () => {
  let inFlight = 0
  let most = 0
  const run = await runFleet(['a', 'b', 'c', 'd', 'e', 'f'], 2, async (name) => {
    most = Math.max(most, ++inFlight)
    await new Promise((r) => setTimeout(r, 5))
    inFlight--
    if (name === 'c') throw new ConnectionError('cannot reach http://c:9090/api/v1/rules: connection refused')
    if (name === 'e') throw new UsageError('bad password file')
    return {result: name.toUpperCase(), exitCode: name === 'b' ? 1 : 0}
  })
  expect(most).toBe(2)
  expect(run.contexts.map((e) => [e.context, e.exitCode, e.result ?? e.error?.code])).toEqual([
    ['a', 0, 'A'],
    ['b', 1, 'B'],
    ['c', 3, 'ConnectionError'],
    ['d', 0, 'D'],
    ['e', 2, 'UsageError'],
    ['f', 0, 'F'],
  ])
  expect([run.ok, run.exitCode]).toEqual([false, 3])
})

interface Report {
  rows: Array<{name: string; state: string}>
  ok: boolean
}
const inner: View<Report, {name: string; state: string}, {names: string[]}> = {
  rows: (r) => r.rows,
  columns: [
    {header: 'NAME', value: (x) => x.name},
    {header: 'STATE', value: (x) => x.state},
    {header: 'ERROR', value: () => '-'},
  ],
  ids: (r) => r.rows.map((x) => x.name),
  empty: 'Nothing here.',
  footer: (r) => `${r.rows.length} rows.\nsecond line`,
  data: (r) => ({names: r.rows.map((x) => x.name)}),
}
const opts = {color: false, tty: false}

async function sample() {
  return runFleet(['prod', 'staging', 'dev'], 4, async (name) => {
    if (name === 'staging') throw new ConnectionError('cannot reach http://s:9090: connection refused', {hint: 'check the URL'})
    const rows = name === 'prod' ? [{name: 'x', state: 'ok'}, {name: 'y', state: 'bad'}] : []
    return {result: {rows, ok: name !== 'prod'}, exitCode: name === 'prod' ? 1 : 0}
  })
}

test('table: a leading CONTEXT column, one row for a failed context, footers named by context, one summary line', async () => {
  expect(render(await sample(), fleetView(inner), 'table', opts)).toBe(
    [
      'CONTEXT  NAME         STATE  ERROR',
      'prod     x            ok     -',
      'prod     y            bad    -',
      'staging  unreachable  -      cannot reach http://s:9090: connection refused',
      'prod: 2 rows.',
      'prod: second line',
      'dev: Nothing here.',
      'dev: 0 rows.',
      'dev: second line',
      '1 of 3 contexts ok; unreachable: staging; problems: prod.',
    ].join('\n'),
  )
})

test('json: {contexts: [{context, ok, exitCode, error?, result}], ok, exitCode}, result in the command\'s own machine form', async () => {
  expect(JSON.parse(render(await sample(), fleetView(inner), 'json', opts))).toEqual({
    contexts: [
      {context: 'prod', ok: false, exitCode: 1, result: {names: ['x', 'y']}},
      {context: 'staging', ok: false, exitCode: 3, error: {code: 'ConnectionError', message: 'cannot reach http://s:9090: connection refused', hint: 'check the URL', exitCode: 3}},
      {context: 'dev', ok: true, exitCode: 0, result: {names: []}},
    ],
    ok: false,
    exitCode: 3,
  })
  expect(render(await sample(), fleetView(inner), 'quiet', opts)).toBe('x\ny')
})
