// spock routes show|test print what amtool config routes prints, on the same file.
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import {describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'

const run = promisify(execFile)
const CONFIG = 'test/fixtures/alertmanager-routing.yml'

async function amtool(args: string[]): Promise<{code: number; stdout: string}> {
  try {
    const r = await run('amtool', args, {env: {...process.env, HOME: '/nonexistent'}})
    return {code: 0, stdout: r.stdout}
  } catch (err) {
    const e = err as {code: number; stdout: string}
    return {code: e.code, stdout: e.stdout}
  }
}

const CASES = [
  ['team=db'],
  ['team=db', 'severity=critical'],
  ['service=web'],
  ['service=web', 'severity=page'],
  ['service=web', 'severity=page', 'env=dev'],
  ['service=api', 'severity=critical', 'env=prod'],
  ['service=café, bar'],
  ['alertname=Other'],
]

describe('routes test agrees with amtool config routes test', () => {
  test.each(CASES)('%s', async (...labels) => {
    const [ours, theirs] = await Promise.all([runCli(['routes', 'test', '--config', CONFIG, ...labels]), amtool(['config', 'routes', 'test', '--config.file', CONFIG, ...labels])])
    expect(theirs.code).toBe(0)
    expect(ours.code).toBe(0)
    expect(ours.stdout).toBe(theirs.stdout)
  })

  test('--verify-receivers mismatch exits 1 in both', async () => {
    const [ours, theirs] = await Promise.all([
      runCli(['routes', 'test', '--config', CONFIG, '--verify-receivers', 'db-slack', 'team=db']),
      amtool(['config', 'routes', 'test', '--config.file', CONFIG, '--verify.receivers', 'db-slack', 'team=db']),
    ])
    expect(theirs.code).toBe(1)
    expect(ours.code).toBe(1)
    expect(ours.stdout.split('\n')[0]).toBe(theirs.stdout.split('\n')[0])
  })

  test('--tree shows the same matching tree', async () => {
    const [ours, theirs] = await Promise.all([
      runCli(['routes', 'test', '--config', CONFIG, '--tree', 'service=web', 'severity=page']),
      amtool(['config', 'routes', 'test', '--config.file', CONFIG, '--tree', 'service=web', 'severity=page']),
    ])
    const tree = (s: string) => s.replace(/^Matching routes:\n/, '').replace(/\n\n+/g, '\n').trim()
    expect(tree(ours.stdout)).toBe(tree(theirs.stdout))
  })
})

test('routes show --details none prints amtool\'s routing tree', async () => {
  const [ours, theirs] = await Promise.all([runCli(['routes', 'show', '--config', CONFIG, '--details', 'none']), amtool(['config', 'routes', '--config.file', CONFIG])])
  expect(ours.stdout.trim()).toBe(theirs.stdout.replace(/^Routing tree:\n/, '').trim())
})

test('routes test --inhibited-by answers the inhibition question', async () => {
  const yes = await runCli(['routes', 'test', '--config', CONFIG, 'team=db', 'severity=warning', '--inhibited-by', 'team=db', '--inhibited-by', 'severity=critical', '-o', 'json'])
  expect(JSON.parse(yes.stdout)).toMatchObject({receivers: ['db-slack', 'db-pager'], inhibited: true, inhibitRules: [1]})
  const no = await runCli(['routes', 'test', '--config', CONFIG, 'team=db', 'severity=warning', '--inhibited-by', 'team=web', '--inhibited-by', 'severity=critical'])
  expect(no.stdout).toBe('db-slack,db-pager\ninhibited: no\n')
})

test('routes test --file runs a batch of cases; a failing case exits 1', async () => {
  const {writeFile, mkdtemp} = await import('node:fs/promises')
  const dir = await mkdtemp('/tmp/spock-cases-')
  await writeFile(`${dir}/cases.yml`, 'cases:\n  - name: db\n    labels: {team: db}\n    receivers: [db-slack, db-pager]\n  - name: wrong\n    labels: {service: web}\n    receivers: [db-pager]\n')
  const r = await runCli(['routes', 'test', '--config', CONFIG, '--file', `${dir}/cases.yml`])
  expect(r.code).toBe(1)
  expect(r.stdout).toMatch(/ok\s+db\s+db-slack,db-pager\s+db-slack,db-pager/)
  expect(r.stdout).toMatch(/FAIL\s+wrong\s+db-pager\s+web/)
  expect(r.stdout).toContain('1 of 2 cases fail.')
})
