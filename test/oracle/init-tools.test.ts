// spock init writes files that promtool check config/rules and amtool check-config accept, for every receiver kind.
import {execFile} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const run = promisify(execFile)
let dir: string
beforeAll(async () => {
  dir = await makeTempDir('spock-init-')
})
afterAll(async () => removeTempDir(dir))

async function tool(cmd: string, args: string[]): Promise<number> {
  try {
    await run(cmd, args, {env: {...process.env, HOME: '/nonexistent'}})
    return 0
  } catch (err) {
    return (err as {code: number}).code
  }
}

describe('spock init output passes the official tools', () => {
  test.each(['webhook', 'slack', 'email', 'pagerduty'])('--receiver %s', async (kind) => {
    const target = join(dir, kind)
    const r = await runCli(['init', target, '--receiver', kind, '-o', 'json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).files.map((f: {action: string}) => f.action)).toEqual(['created', 'created', 'created'])
    const [config, rules, am] = await Promise.all([
      tool('promtool', ['check', 'config', join(target, 'prometheus.yml')]),
      tool('promtool', ['check', 'rules', join(target, 'alerts.yml')]),
      tool('amtool', ['check-config', join(target, 'alertmanager.yml')]),
    ])
    expect({config, rules, am}).toEqual({config: 0, rules: 0, am: 0})
    const ours = await runCli(['config', 'check', join(target, 'alertmanager.yml'), '--fail-on', 'warning'])
    expect(ours.code, ours.stdout).toBe(0)
    expect((await runCli(['rules', 'check', join(target, 'alerts.yml'), '--prometheus-version', '2.42', '--fail-on', 'warning'])).code).toBe(0)
  })

  test('the templates as shipped pass too', async () => {
    expect(await tool('promtool', ['check', 'config', '--syntax-only', 'config-templates/prometheus.yml'])).toBe(0)
    const packs = ['meta', 'data-quality', 'api', 'system', 'health', 'slo'].map((p) => `config-templates/rules/${p}.yml`)
    expect(await tool('promtool', ['check', 'rules', ...packs])).toBe(0)
    expect(await tool('amtool', ['check-config', 'config-templates/alertmanager.yml'])).toBe(0)
  })
})

describe('spock init never loses what the user had', () => {
  test('existing files: refused (exit 2) and untouched; --dry-run writes nothing; --force overwrites', async () => {
    const target = join(dir, 'mine')
    expect((await runCli(['init', target])).code).toBe(0)
    await writeFile(join(target, 'alerts.yml'), 'groups: [] # my own rules\n')
    const refused = await runCli(['init', target, '--receiver', 'slack'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/already exist; nothing was written\n {2}hint: .*--force/)
    expect(await readFile(join(target, 'alerts.yml'), 'utf8')).toBe('groups: [] # my own rules\n')
    const dry = await runCli(['init', target, '--dry-run', '-o', 'json'])
    expect(dry.code).toBe(2) // the same verdict as the real run
    expect(dry.stderr).toMatch(/already exist; nothing would be written/)
    const dryForced = await runCli(['init', target, '--dry-run', '--force', '-o', 'json'])
    expect(JSON.parse(dryForced.stdout).files.map((f: {action: string}) => f.action)).toEqual(['would overwrite', 'would overwrite', 'would overwrite'])
    expect(await readFile(join(target, 'alerts.yml'), 'utf8')).toBe('groups: [] # my own rules\n')
    const forced = await runCli(['init', target, '--force', '--receiver', 'email'])
    expect(forced.code).toBe(0)
    expect(await readFile(join(target, 'alertmanager.yml'), 'utf8')).toContain('email_configs:')
  })
})

describe('spock init names an unusable directory in plain words (issue #10)', () => {
  test.each([
    ['/proc/spock-init-x', /\/proc is a kernel pseudo-file system/],
    ['/sys/spock-init-x', /\/sys is a kernel pseudo-file system/],
  ])('%s', async (path, why) => {
    const r = await runCli(['init', path])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(why)
    expect(r.stderr).not.toMatch(/internal error|E[A-Z]{3,}/)
  }, 10_000)
  test('a file', async () => {
    await writeFile(join(dir, 'a-file'), 'x')
    const r = await runCli(['init', join(dir, 'a-file')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/a-file for spock init: it is a file, not a directory/)
  })
})
