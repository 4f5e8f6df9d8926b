// test-alert never reports a delivery that did not happen: receivers without integrations, group forecasts
// (new group: group_wait; existing group: up to group_interval), no impersonated alert names, reasons for
// failures, the PagerDuty resolve of --direct, and a hung HA peer. Real Alertmanagers 0.25, loopback sinks.
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {readFile, writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {ROOT, runCli} from '../support/run-cli.js'
import {startAlertmanager, startAlertmanagerCluster, startHangingServer, stopAll, type AlertmanagerServer} from '../support/servers.js'
import {startHttpSink, type HttpSink} from '../support/sinks.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

let http: HttpSink
let dir: string
/** `spock init`'s own alertmanager.yml, with a webhook for `default`, a dead man's switch route, and short timers. */
let initAm: AlertmanagerServer
/** One route grouping by a label the test alert lacks: every alert without it shares the group {}. */
let sharedAm: AlertmanagerServer

async function initConfig(): Promise<string> {
  // The starter alertmanager.yml spock init wrote before its seed-shaped presets (receivers default and watchdog).
  const text = await readFile(join(ROOT, 'test', 'fixtures', 'alertmanager-init-classic.yml'), 'utf8')
  return text
    .replace('group_wait: 30s', 'group_wait: 1s')
    .replace('group_interval: 5m', 'group_interval: 3s')
    .replace(
      "    - matchers: ['alertname=\"Watchdog\"']",
      `    - matchers: ['alertname="DeadMansSwitch"']\n      receiver: dms\n    - matchers: ['alertname="Watchdog"']`,
    )
    .replace(/ {2}- name: default\s*$/, `  - name: default\n    webhook_configs: [{url: '${http.url}/init-default'}]\n  - name: dms\n    webhook_configs: [{url: '${http.url}/dms'}]\n`)
}

const sharedConfig = () => `route:
  receiver: hook
  group_by: ['team']
  group_wait: 1s
  group_interval: 10m
receivers:
  - name: hook
    webhook_configs: [{url: '${http.url}/shared'}]
`

beforeAll(async () => {
  ;[http, dir] = await Promise.all([startHttpSink(), makeTempDir('spock-test-alert-delivery-')])
  ;[initAm, sharedAm] = await Promise.all([startAlertmanager({config: await initConfig()}), startAlertmanager({config: sharedConfig()})])
  // An alert without `team` opens the group {} and is flushed once; the next flush is group_interval (10m) later,
  // after this file has run: the tests that join the group can rely on no flush meanwhile.
  await fetch(`${sharedAm.url}/api/v2/alerts`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify([{labels: {alertname: 'Existing'}}])})
  await http.waitFor((q) => q.path === '/shared' && q.body.includes('"Existing"'))
})
afterAll(async () => {
  await stopAll([initAm, sharedAm].filter(Boolean))
  await Promise.all([http?.stop(), removeTempDir(dir)])
})

const held = async (am: AlertmanagerServer) => (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as {labels: Record<string, string>}[]

describe("on spock init's config", () => {
  test('a receiver with no integrations is a failure: nothing was sent, exit 1', async () => {
    const r = await runCli(['test-alert', '--alertmanager-url', initAm.url, '--receiver', 'watchdog'])
    expect(r.code).toBe(1)
    expect(r.stdout + r.stderr).toContain('receiver "watchdog" has no integrations: nothing was sent')
    expect(r.stdout).not.toMatch(/accepted|delivered/)
    expect((await held(initAm)).some((a) => a.labels.alertname === 'Watchdog')).toBe(false)
  })

  test('a route that needs another alert name is not impersonated: explained, nothing sent, exit 1', async () => {
    const r = await runCli(['test-alert', '--alertmanager-url', initAm.url, '--receiver', 'dms', '-o', 'json'])
    expect(r.code).toBe(1)
    const body = JSON.parse(r.stdout)
    expect(body.sent).toBe(false)
    expect(body.problems[0]).toMatch(/needs \{alertname="DeadMansSwitch"\}: spock does not impersonate an existing alert/)
    expect((await held(initAm)).some((a) => a.labels.alertname === 'DeadMansSwitch')).toBe(false)
    expect(http.requests.some((q) => q.path === '/dms')).toBe(false)
  })

  test('--receiver default twice: each run makes a new group (unique alertname) whose key is the one Alertmanager sends', async () => {
    for (let run = 0; run < 2; run++) {
      const started = Date.now()
      const r = await runCli(['test-alert', '--alertmanager-url', initAm.url, '--receiver', 'default', '-o', 'json'])
      expect(r.code, r.stdout + r.stderr).toBe(0)
      const body = JSON.parse(r.stdout)
      const labels = body.plan.targets[0].labels
      expect(labels.alertname).toBe(`SpockTestAlert-${body.id.slice(0, 8)}`)
      expect(body.forecast.groups).toHaveLength(1)
      const group = body.forecast.groups[0]
      expect(group).toMatchObject({receiver: 'default', group: 'fresh', groupWait: 1})
      expect(body.delivery).toEqual([{integration: 'webhook', sent: 1, failed: 0}])
      const req = await http.waitFor((q) => q.path === '/init-default' && q.body.includes(body.id))
      expect((req.json as {groupKey: string}).groupKey).toBe(group.groupKey)
      expect(Date.now() - started).toBeLessThan(15_000)
    }
  })
})

describe('a group that already exists', () => {
  test('said before sending; by default spock does not wait past a minute and does not claim delivery', async () => {
    const r = await runCli(['test-alert', '--alertmanager-url', sharedAm.url, '--receiver', 'hook'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/hook: group \{\}:\{\} already exists and flushes every 10m \(group_interval\)/)
    expect(r.stderr).toMatch(/not waiting for delivery: .*; expected by \d\d:\d\d:\d\d \(pass --wait to wait 10m10s\)/)
    expect(r.stdout).toMatch(/accepted; delivery not confirmed \(expected by \d\d:\d\d:\d\d\)/)
    expect(r.stdout).not.toMatch(/delivered/)
    expect(r.stderr).not.toMatch(/webhook: expected by/) // no progress line in a pipe
  })

  test('a timeout names the reason', async () => {
    const r = await runCli(['test-alert', '--alertmanager-url', sharedAm.url, '--receiver', 'hook', '--wait', '--wait-timeout', '2s', '-o', 'json'])
    expect(r.code).toBe(1)
    const body = JSON.parse(r.stdout)
    expect(body.forecast.groups[0]).toMatchObject({group: 'existing', groupKey: '{}:{}', groupInterval: 600})
    expect(body.problems).toEqual([
      expect.stringMatching(/^webhook: not delivered by \d\d:\d\d:\d\d: group \{\}:\{\} already exists and flushes every 10m \(group_interval\); delivery expected by \d\d:\d\d:\d\d$/),
    ])
  })
})

// A terminal (util-linux `script` gives the CLI a pty): the wait shows a live line; the pipe tests above show none.
test.skipIf(!existsSync('/usr/bin/script'))('on a terminal the wait shows a live progress line', async () => {
  const cli = `${join(ROOT, 'bin', 'run.js')} test-alert --alertmanager-url ${sharedAm.url} --receiver hook --wait --wait-timeout 2s`
  const out = await new Promise<string>((resolve) => {
    const env = {PATH: `${dirname(process.execPath)}:${process.env.PATH}`, HOME: dir, NO_COLOR: '1', TERM: 'xterm'}
    execFile('/usr/bin/script', ['-qc', cli, '/dev/null'], {env, cwd: ROOT}, (_err, stdout) => resolve(stdout))
  })
  expect(out).toMatch(/Waiting for delivery\.\.\. .*webhook: expected by \d\d:\d\d:\d\d, giving up in \ds/)
  expect(out).toContain('not delivered by')
})

describe('failures say why', () => {
  test('an integration failing in Alertmanager names the receiver and where the error is', async () => {
    const config = `route:
  receiver: broken
  group_by: ['...']
  group_wait: 0s
  group_interval: 1s
receivers:
  - name: broken
    webhook_configs: [{url: '${http.url}/broken-why'}]
`
    http.setStatus('/broken-why', 500)
    const am = await startAlertmanager({config})
    try {
      const r = await runCli(['test-alert', '--alertmanager-url', am.url, '--receiver', 'broken', '-o', 'json'])
      expect(r.code).toBe(1)
      expect(JSON.parse(r.stdout).problems).toEqual([
        expect.stringMatching(/^webhook: \d+ failed notification attempt\(s\) for broken; .*msg="Notify for alerts failed", broken\/webhook\[0\]/),
      ])
    } finally {
      await am.stop()
    }
  })

  test('--direct pagerduty sends the resolve with the same dedup_key after --resolve-after', async () => {
    const path = join(dir, 'pd.yml')
    await writeFile(
      path,
      `route: {receiver: pager}\nreceivers:\n  - name: pager\n    pagerduty_configs: [{routing_key: pd-secret-key, url: '${http.url}/pd-direct'}]\n`,
    )
    const r = await runCli(['test-alert', '--direct', '--config', path, '--channel', 'pagerduty', '--resolve-after', '1s', '-o', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const body = JSON.parse(r.stdout)
    expect(body.direct.map((d: {action: string; ok: boolean}) => [d.action, d.ok])).toEqual([
      ['trigger', true],
      ['resolve', true],
    ])
    const events = http.requests.filter((q) => q.path === '/pd-direct' && q.body.includes(body.id)).map((q) => q.json as Record<string, unknown>)
    expect(events.map((e) => [e.event_action, e.dedup_key])).toEqual([
      ['trigger', body.id],
      ['resolve', body.id],
    ])
    expect(body.resolvedAt).toEqual(expect.any(String))
    expect(r.stdout + r.stderr).not.toContain('pd-secret-key')
  })

  test('--direct opsgenie closes the alert it opened (by alias) after --resolve-after', async () => {
    const path = join(dir, 'og.yml')
    await writeFile(path, `route: {receiver: og}\nreceivers:\n  - name: og\n    opsgenie_configs: [{api_key: og-secret-key, api_url: '${http.url}/og/'}]\n`)
    const r = await runCli(['test-alert', '--direct', '--config', path, '--channel', 'opsgenie', '--resolve-after', '1s', '-o', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const id = JSON.parse(r.stdout).id
    const opened = await http.waitFor((q) => q.path === '/og/v2/alerts' && q.body.includes(id))
    expect(opened.json).toMatchObject({alias: id})
    await http.waitFor((q) => q.path === `/og/v2/alerts/${id}/close?identifierType=alias`)
    expect(r.stdout + r.stderr).not.toContain('og-secret-key')
  })
})

test('HA: a hung peer is named and does not hold spock until --timeout', async () => {
  const config = `route:
  receiver: hook
  group_by: ['...']
  group_wait: 1s
  group_interval: 3s
receivers:
  - name: hook
    webhook_configs: [{url: '${http.url}/ha'}]
`
  const [peers, hung] = await Promise.all([startAlertmanagerCluster(2, {config}), startHangingServer()])
  try {
    const started = Date.now()
    const args = ['test-alert', '--receiver', 'hook', '--timeout', '30s', '-o', 'json']
    const r = await runCli([...args, '--alertmanager-url', peers[0]!.url, '--alertmanager-url', peers[1]!.url, '--alertmanager-url', hung.url])
    const took = Date.now() - started
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain(`spock: warning: ${hung.url} is down, the test alert was not sent to it`)
    const body = JSON.parse(r.stdout)
    expect(body.peers.map((p: {confirmed: boolean}) => p.confirmed)).toEqual([true, true])
    expect(body.delivery[0].sent).toBeGreaterThanOrEqual(1)
    expect(took).toBeLessThan(20_000)
  } finally {
    await Promise.all([stopAll(peers), hung.stop()])
  }
})
