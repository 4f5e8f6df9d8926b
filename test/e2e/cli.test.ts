// The CLI surface: help, version, usage errors and their exit codes.
import {describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'

describe('spock CLI', () => {
  test('--help lists the topics and commands', async () => {
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    for (const word of ['status', 'config', 'context']) expect(r.stdout).toContain(word)
  })

  test('status --help shows flags grouped, with env twins', async () => {
    const r = await runCli(['status', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('--alertmanager-url')
    expect(r.stdout).toContain('SPOCK_PROMETHEUS_URL')
    expect(r.stdout).toContain('CONNECTION FLAGS')
  })

  test('--version', async () => {
    const r = await runCli(['--version'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^spock\/\d+\.\d+\.\d+/)
  })

  test('an unknown flag exits 2 with a hint', async () => {
    const r = await runCli(['status', '--bogus'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spock: error: Nonexistent flag: --bogus/)
    expect(r.stderr).toMatch(/hint: see --help/)
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/)
  })

  test('a bad option value exits 2', async () => {
    const r = await runCli(['status', '-o', 'xml'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/spock: error: .*xml/)
  })

  test('a bad timeout is a usage error (exit 2)', async () => {
    const r = await runCli(['status', '--timeout', 'soon'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('spock: error: invalid timeout "soon"')
  })

  test('an invalid spock config is exit 2 with every problem positioned', async () => {
    const r = await runCli(['status'], {env: {SPOCK_CONFIG: 'test/fixtures/spock-config-bad.yml'}})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/spock-config-bad\.yml:5:7: contexts\.prod\.prometheus\.urll: unknown field "urll"/)
    expect(r.stderr).toMatch(/spock-config-bad\.yml:7:13: contexts\.prod\.alertmanager\.urls: "urls" must be an array/)
  })

  test('an unknown command suggests the closest one', async () => {
    const r = await runCli(['statsu'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('spock: error: "statsu" is not a spock command\n  hint: did you mean "spock status"? run "spock --help" for the list\n')
  })
})

describe('spock context', () => {
  test('list, use and config show through the built CLI', async () => {
    const {mkdtemp, writeFile, readFile} = await import('node:fs/promises')
    const dir = await mkdtemp('/tmp/spock-ctx-')
    const cfg = `${dir}/config.yml`
    await writeFile(cfg, '# mine\ncurrent-context: a\ncontexts:\n  a: {prometheus: {url: "http://a:9090"}}\n  b: {prometheus: {url: "http://b:9090"}, alertmanager: {urls: [http://b1:9093, http://b2:9093]}}\n')
    const env = {SPOCK_CONFIG: cfg}
    const list = await runCli(['context', 'list'], {env})
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^CURRENT\s+NAME\s+PROMETHEUS\s+ALERTMANAGER\n\*\s+a\s+http:\/\/a:9090\/\s+-\n\s+b\s+http:\/\/b:9090\/\s+http:\/\/b1:9093\/, http:\/\/b2:9093\/\n$/)
    expect((await runCli(['context', 'list', '-q'], {env})).stdout).toBe('a\nb\n')
    const use = await runCli(['context', 'use', 'b'], {env})
    expect(use.code).toBe(0)
    expect(use.stderr).toBe('Switched to context "b".\n')
    expect(await readFile(cfg, 'utf8')).toContain('# mine\ncurrent-context: b\n')
    const show = JSON.parse((await runCli(['config', 'show', '-o', 'json'], {env})).stdout)
    expect(show.context).toBe('b')
    expect(show.settings.filter((s: {setting: string}) => s.setting === 'url').map((s: {value: string}) => s.value)).toEqual(['http://b:9090/', 'http://b1:9093/', 'http://b2:9093/'])
    const yaml = await runCli(['config', 'show', '-o', 'yaml'], {env})
    expect(yaml.stdout).toMatch(/^configFile: .*config\.yml\nconfigFileExists: true\ncontext: b\n/)
    const bad = await runCli(['context', 'use', 'nope'], {env})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('spock: error: context "nope" is not defined')
  })
})

describe('bad input is rejected before any server is asked', () => {
  test.each([
    [['silences', 'create', '--matcher', 'foo=~(', '-c', 'x']],
    [['silences', 'list', '--matcher', 'foo=~(']],
    [['silences', 'delete', '--matcher', 'foo=~(', '--yes']],
    [['alerts', 'list', '--matcher', 'foo=~(']],
  ])('%s: exit 2 naming the matcher, although nothing listens', async (args) => {
    // Positional words are judged once the server's version is known: with Alertmanager >= 0.27 a
    // first word that is no matcher is an alert name, as in amtool. --matcher is never an alert name.
    const r = await runCli([...args, '--alertmanager-url', 'http://127.0.0.1:1'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spock: error: invalid matcher "foo=~\(": error parsing regexp: missing closing \)/)
  })
})

test('config check: warnings exit 0, or 1 with --fail-on warning', async () => {
  const {mkdtemp, writeFile} = await import('node:fs/promises')
  const file = `${await mkdtemp('/tmp/spock-failon-')}/am.yml`
  await writeFile(file, 'route:\n  receiver: x\nreceivers:\n- name: x\n- name: unused\n')
  const plain = await runCli(['config', 'check', file])
  expect(plain.stdout).toContain('warning: receiver "unused" is not used by any route')
  expect(plain.code).toBe(0)
  expect((await runCli(['config', 'check', file, '--fail-on', 'warning'])).code).toBe(1)
})
