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
    expect(r.stdout).toMatch(/^spock-ops\/\d+\.\d+\.\d+/)
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

describe('one output flag for every command', () => {
  const files = async () => {
    const {mkdtemp, writeFile} = await import('node:fs/promises')
    const dir = await mkdtemp('/tmp/spock-output-')
    await writeFile(`${dir}/rules.yml`, 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    labels: {severity: info}\n    annotations: {summary: s}\n  - alert: A\n    expr: up == 0\n    labels: {severity: info}\n    annotations: {summary: s}\n')
    await writeFile(`${dir}/am.yml`, 'route:\n  receiver: a\nreceivers:\n- name: a\n- name: spare\n')
    return {rules: `${dir}/rules.yml`, am: `${dir}/am.yml`}
  }

  test('SPOCK_OUTPUT=json: rules check and config check print the documented JSON, as --json and -o json do', async () => {
    const {rules, am} = await files()
    for (const args of [['rules', 'check', rules], ['config', 'check', am]]) {
      const env = await runCli(args, {env: {SPOCK_OUTPUT: 'json'}})
      expect(env.code, env.stderr).toBe(0)
      const body = JSON.parse(env.stdout)
      expect(body.summary).toMatchObject({files: 1, errors: 0, warnings: 1})
      expect(Object.keys(body.files[0].problems[0])).toEqual(['check', 'severity', 'message', 'line', 'column', 'group', 'rule', 'hint'])
      const flag = args[0] === 'rules' ? ['--json'] : ['-o', 'json']
      expect((await runCli([...args, ...flag])).stdout).toBe(env.stdout)
    }
    // A flag beats the environment.
    expect((await runCli(['rules', 'check', rules, '-o', 'table'], {env: {SPOCK_OUTPUT: 'json'}})).stdout).toMatch(/warning: .* \[rule\/duplicate\]\n/)
  })

  test('SPOCK_OUTPUT=yaml works for findings too', async () => {
    const {am} = await files()
    const r = await runCli(['config', 'check', am], {env: {SPOCK_OUTPUT: 'yaml'}})
    expect(r.stdout).toMatch(/^files:\n  - path: .*am\.yml\n    ok: true\n/)
    expect(r.stdout).toContain('summary:\n  files: 1\n  errors: 0\n  warnings: 1\n')
  })

  test('the human format is table everywhere; text is its alias', async () => {
    const {rules} = await files()
    const table = await runCli(['rules', 'check', rules, '-o', 'table'])
    expect(table.stdout).toContain('1 file, 2 rules checked: 0 errors, 1 warning')
    expect((await runCli(['rules', 'check', rules, '-o', 'text'])).stdout).toBe(table.stdout)
  })

  test('a SPOCK_OUTPUT value the command does not have is a usage error naming the variable', async () => {
    const r = await runCli(['checks', 'list'], {env: {SPOCK_OUTPUT: 'sarif'}})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spock: error: SPOCK_OUTPUT="sarif" is not an output format of this command/)
    expect((await runCli(['checks', 'list', '-o', 'json'], {env: {SPOCK_OUTPUT: 'sarif'}})).code).toBe(0)
  })

  test('an API command honours SPOCK_OUTPUT (status against a real Prometheus)', async () => {
    const {startPrometheus} = await import('../support/servers.js')
    const prom = await startPrometheus()
    try {
      const args = ['status', '--prometheus-url', prom.url, '--only', 'prometheus']
      const r = await runCli(args, {env: {SPOCK_OUTPUT: 'json'}})
      expect(r.code, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout).servers[0]).toMatchObject({kind: 'prometheus', reachable: true})
      const text = await runCli(args, {env: {SPOCK_OUTPUT: 'text'}})
      expect(text.stdout).toContain('prometheus')
      expect(text.stdout).not.toMatch(/^\{/)
    } finally {
      await prom.stop()
    }
  })
})

describe('--disable and spock checks list', () => {
  test('--disable drops a check; an unknown id is exit 2 naming the known ones', async () => {
    const {mkdtemp, writeFile} = await import('node:fs/promises')
    const file = `${await mkdtemp('/tmp/spock-disable-')}/am.yml`
    await writeFile(file, 'route:\n  receiver: x\nreceivers:\n- name: x\n- name: unused\n')
    const off = await runCli(['config', 'check', file, '--disable', 'am/unused-receiver', '--fail-on', 'warning'])
    expect(off.code).toBe(0)
    expect(off.stdout).toBe('1 file checked: 0 errors, 0 warnings\n')
    const bad = await runCli(['rules', 'check', file, '--disable', 'am/unused-receiver'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^spock: error: unknown check "am\/unused-receiver" in --disable; known checks: input\/read, .*rule\/duplicate.*\n  hint: run "spock checks list"/)
  })

  test('checks list: every check with its kinds, severity and docs page', async () => {
    const r = await runCli(['checks', 'list', '-o', 'json'])
    expect(r.code).toBe(0)
    const list = JSON.parse(r.stdout) as {id: string; kinds: string[]; severity: string; docs: string}[]
    expect(list.find((c) => c.id === 'am/unused-receiver')).toMatchObject({kinds: ['alertmanager'], severity: 'warning', docs: 'docs/checks/am-unused-receiver.md'})
    const rules = JSON.parse((await runCli(['checks', 'list', '--kind', 'rules', '-o', 'json'])).stdout) as {kinds: string[]}[]
    expect(rules.every((c) => c.kinds.includes('rules'))).toBe(true)
    expect((await runCli(['checks', 'list', '-o', 'text'])).stdout).toMatch(/^ID\s+KINDS\s+SEVERITY\s+SUMMARY\ninput\/read\s+rules,alertmanager,prometheus\s+error\s+/)
  })

  test('rules check --list-checks: the rule checks of checks list, no files needed', async () => {
    const listed = await runCli(['rules', 'check', '--list-checks', '-o', 'json'])
    expect(listed.code, listed.stderr).toBe(0)
    const same = await runCli(['checks', 'list', '--kind', 'rules', '-o', 'json'])
    expect(JSON.parse(listed.stdout)).toEqual(JSON.parse(same.stdout))
    expect((JSON.parse(listed.stdout) as {id: string}[]).map((c) => c.id)).toContain('alerts/template')
    const github = await runCli(['rules', 'check', '--list-checks', '-o', 'github'])
    expect(github.stdout).toMatch(/^ID\s+KINDS\s+SEVERITY\s+SUMMARY\ninput\/read\s/)
    expect(github.stdout).not.toContain('am/')
  })
})
