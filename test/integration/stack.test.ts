// spock init -> stack up --peers 2 -> test-alert into a sink -> edit + reload (verified) -> stack down, with real
// servers started by spock itself. Also: down never kills a PID that no longer runs what the stack started.
import {spawn} from 'node:child_process'
import {mkdir, readFile, symlink, writeFile} from 'node:fs/promises'
import {connect} from 'node:net'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startHttpSink, type HttpSink} from '../support/sinks.js'
import {isolatedEnv, makeTempDir, removeTempDir} from '../support/tmp.js'

let root: string
let sink: HttpSink
let env: Record<string, string>
const demo = () => join(root, 'demo')

const alive = async (pid: number) => (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')) !== ''
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.once('connect', () => (s.destroy(), resolve(true)))
    s.once('error', () => resolve(false))
  })

beforeAll(async () => {
  root = await makeTempDir('spock-stack-')
  sink = await startHttpSink()
  env = isolatedEnv(root)
})
afterAll(async () => {
  await runCli(['stack', 'down', '--dir', demo()], {env}) // a failed test must not leave servers behind
  await sink?.stop()
  await removeTempDir(root)
})

describe('the "try it" path on a 2-peer stack', () => {
  test('init, stack up, test-alert, edit + reload, stack down', async () => {
    await writeFile(join(root, '.env'), `SLACK_WEBHOOK_URL=${sink.url}/slack\n`)
    const init = await runCli(['init', demo(), '--rules', 'meta,api', '--receiver', 'slack', '--receiver', 'webhook', '--env-file', join(root, '.env'), '--yes'], {env})
    expect(init.code, init.stderr).toBe(0)
    const amFile = join(demo(), 'alertmanager.yml')
    // Test speed only: a new group flushes after 1s instead of init's 30s.
    await writeFile(amFile, (await readFile(amFile, 'utf8')).replace('group_wait: 30s', 'group_wait: 1s'))

    const up = await runCli(['stack', 'up', '--dir', demo(), '--peers', '2', '-o', 'json'], {env})
    expect(up.code, up.stderr).toBe(0)
    expect(up.stderr).toBe('') // no progress line in a pipe
    const state = JSON.parse(up.stdout) as {context: string; servers: {name: string; pid: number; port: number; clusterPort?: number}[]}
    expect(state.servers.map((s) => s.name).sort()).toEqual(['alertmanager-1', 'alertmanager-2', 'prometheus'])

    // Every other command works with no connection flags: the stack is the current context.
    const status = await runCli(['status', '-o', 'json'], {env})
    expect(status.code, status.stdout + status.stderr).toBe(0)
    expect(JSON.parse(status.stdout).servers.filter((s: {cluster?: {peers: number}}) => s.cluster?.peers === 2)).toHaveLength(2)

    const slack = await runCli(['test-alert', '--channel', 'slack', '--wait-timeout', '60s'], {env})
    expect(slack.code, slack.stdout + slack.stderr).toBe(0)
    await sink.waitFor((r) => r.path === '/slack', 5_000)

    // Edit: the webhook receiver now points at the sink. reload proves both peers and Prometheus loaded it.
    await writeFile(amFile, (await readFile(amFile, 'utf8')).replace('http://127.0.0.1:5001/alerts', `${sink.url}/hook`))
    const reload = await runCli(['reload', '-o', 'json'], {env})
    expect(reload.code, reload.stdout + reload.stderr).toBe(0)
    const servers = JSON.parse(reload.stdout).servers as {kind: string; ok: boolean; changed?: boolean}[]
    expect(servers.map((s) => [s.kind, s.ok])).toEqual([['prometheus', true], ['alertmanager', true], ['alertmanager', true]])
    expect(servers.filter((s) => s.kind === 'alertmanager').every((s) => s.changed === true)).toBe(true)
    const hook = await runCli(['test-alert', '--channel', 'webhook', '--wait-timeout', '60s'], {env})
    expect(hook.code, hook.stdout + hook.stderr).toBe(0)
    await sink.waitFor((r) => r.path === '/hook', 5_000)

    // A broken edit is reported per server, and the old config keeps running.
    await writeFile(amFile, `${await readFile(amFile, 'utf8')}\nnot_a_key: 1\n`)
    const bad = await runCli(['reload', '--only', 'alertmanager', '-o', 'json'], {env})
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.stdout).servers.map((s: {message: string}) => s.message)).toEqual([
      expect.stringMatching(/NOT loaded.*not_a_key/), expect.stringMatching(/NOT loaded.*not_a_key/),
    ])

    const down = await runCli(['stack', 'down', '--dir', demo(), '-o', 'json'], {env})
    expect(down.code, down.stdout + down.stderr).toBe(0)
    for (const s of state.servers) {
      expect(await alive(s.pid)).toBe(false)
      for (const port of [s.port, ...(s.clusterPort ? [s.clusterPort] : [])]) expect(await listening(port)).toBe(false)
    }
    expect(await readFile(join(root, '.config', 'spock', 'config.yml'), 'utf8')).not.toContain(state.context)
  }, 180_000)
})

describe('stack down stops only what it started', () => {
  test('a PID that now runs another program is left alone', async () => {
    const dir = join(root, 'reused')
    expect((await runCli(['init', dir, '--yes'], {env})).code).toBe(0)
    const other = spawn('sleep', ['30'], {stdio: 'ignore'})
    try {
      const fake = {dir, context: 'stack-reused', startedAt: new Date().toISOString(), servers: [
        {name: 'prometheus', kind: 'prometheus', url: 'http://127.0.0.1:1', port: 1, pid: other.pid, argv: ['/usr/bin/prometheus', '--config.file=x'], log: join(dir, 'x.log')},
      ]}
      await mkdir(join(dir, '.spock-stack'))
      await writeFile(join(dir, '.spock-stack', 'state.json'), JSON.stringify(fake))
      const down = await runCli(['stack', 'down', '--dir', dir, '-o', 'json'], {env})
      expect(JSON.parse(down.stdout).servers[0].result).toMatch(/left alone/)
      expect(await alive(other.pid!)).toBe(true)
    } finally {
      other.kill()
    }
  })
  test('a missing binary is one line with the Debian package name', async () => {
    const dir = join(root, 'nobin')
    expect((await runCli(['init', dir, '--yes'], {env})).code).toBe(0)
    const bin = join(root, 'bin-node-only')
    await mkdir(bin)
    await symlink(process.execPath, join(bin, 'node'))
    const r = await runCli(['stack', 'up', '--dir', dir], {env: {...env, PATH: bin}})
    if (r.code === 0) await runCli(['stack', 'down', '--dir', dir], {env})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spock: error: no prometheus on PATH\n {2}hint: install it: apt-get install prometheus /)
  })
})
