// test-alert by receiver whatever the routing: --receiver and --all-receivers against a real 2-peer
// Alertmanager 0.25 cluster and loopback sinks, including receivers no route reaches (tested on a temporary
// local Alertmanager), --annotation/--summary/--description, and --channel log's preview of the notification.
import {mkdir, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startAlertmanagerCluster, stopAll, type AlertmanagerServer} from '../support/servers.js'
import {startHttpSink, startSmtpSink, type HttpSink, type SmtpSink} from '../support/sinks.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

let peers: AlertmanagerServer[]
let http: HttpSink
let smtp: SmtpSink
let dir: string
let configPath: string

const config = () => `global:
  smtp_smarthost: '${smtp.address}'
  smtp_from: alertmanager@example.test
  smtp_require_tls: false
templates: ['chat.tmpl']
route:
  receiver: hook
  group_by: ['alertname', 'spock_test_id']
  group_wait: 0s
  group_interval: 1s
  routes:
    - matchers: ['team="chat"']
      receiver: chat
    - matchers: ['team="void"']
      receiver: blackhole
    - matchers: ['team="none"']
      receiver: ops-pager
receivers:
  - name: hook
    webhook_configs: [{url: '${http.url}/hook/hook-secret-path'}]
  - name: chat
    slack_configs:
      - api_url: '${http.url}/slack/T0/B0/slack-secret-path'
        channel: '#ops'
        title: '{{ template "chat.title" . }}'
        text: '{{ .CommonAnnotations.description }} ({{ .CommonLabels.severity }})'
  - name: orphan
    webhook_configs: [{url: '${http.url}/orphan/orphan-secret-path'}]
  - name: orphan-slack
    slack_configs: [{api_url: '${http.url}/slack/T0/B1/orphan-slack-secret', channel: '#orphans'}]
  - name: orphan-mail
    email_configs: [{to: orphan@example.test, headers: {subject: '{{ template "chat.title" . }}'}}]
  - name: blackhole
  - name: ops-pager
`
const TEMPLATE = '{{ define "chat.title" }}[{{ .Status | toUpper }}] {{ .CommonAnnotations.summary }} for {{ .GroupLabels.alertname }}{{ end }}\n'

beforeAll(async () => {
  ;[http, smtp, dir] = await Promise.all([startHttpSink(), startSmtpSink(), makeTempDir('spock-test-alert-receivers-')])
  configPath = join(dir, 'alertmanager.yml')
  await Promise.all([writeFile(configPath, config()), writeFile(join(dir, 'chat.tmpl'), TEMPLATE)])
  peers = await startAlertmanagerCluster(2, {config: config(), templates: {'chat.tmpl': TEMPLATE}})
})
afterAll(async () => {
  await stopAll(peers ?? [])
  await Promise.all([http?.stop(), smtp?.stop(), removeTempDir(dir)])
})

const cluster = () => peers.flatMap((p) => ['--alertmanager-url', p.url])
const run = (args: string[], env?: NodeJS.ProcessEnv) => runCli(['test-alert', ...cluster(), ...args], {env})
const json = async (args: string[], env?: NodeJS.ProcessEnv) => {
  const r = await run([...args, '-o', 'json'], env)
  return {...r, body: JSON.parse(r.stdout)}
}

describe('--receiver, whatever the routing', () => {
  test('a routed receiver keeps the route path: labels that match its route, delivered through the cluster', async () => {
    const r = await json(['--receiver', 'chat', '--config', configPath])
    expect(r.code, r.stderr).toBe(0)
    expect(r.body.plan.targets[0]).toMatchObject({receiver: 'chat', labels: {team: 'chat'}, routePath: [1]})
    expect(r.body.receivers).toEqual([{receiver: 'chat', integrations: ['slack'], path: 'route', result: 'delivered'}])
    expect(r.body.temporary).toBeUndefined()
    await http.waitFor((q) => q.path.startsWith('/slack/') && q.body.includes(r.body.id))
  })

  test('a receiver no route reaches is delivered by a temporary Alertmanager, which is stopped afterwards', async () => {
    const r = await json(['--receiver', 'orphan', '--config', configPath])
    expect(r.code, r.stderr).toBe(0)
    expect(r.body.receivers).toEqual([
      {receiver: 'orphan', integrations: ['webhook'], path: 'temporary', result: 'delivered', reason: 'no route sends alerts to "orphan": tested on a temporary Alertmanager'},
    ])
    expect(r.body.temporary[0]).toMatchObject({receiver: 'orphan', ok: true, delivery: [{integration: 'webhook', sent: 1, failed: 0}]})
    const req = await http.waitFor((q) => q.path === '/orphan/orphan-secret-path' && q.body.includes(r.body.id))
    expect(req.json).toMatchObject({receiver: 'orphan', status: 'firing'})
    // The cluster itself never saw the alert.
    const held = (await (await fetch(`${peers[0]!.url}/api/v2/alerts`)).json()) as {labels: Record<string, string>}[]
    expect(held.some((a) => a.labels.spock_test_id === r.body.id)).toBe(false)
    expect(r.stdout + r.stderr).not.toContain('orphan-secret-path')
  })

  test('the table says the temporary path was used and why', async () => {
    const r = await run(['--receiver', 'orphan-mail', '--config', configPath, '--summary', 'Mail check'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain('receiver "orphan-mail": no route sends alerts to "orphan-mail": testing it on a temporary Alertmanager')
    expect(r.stdout).toMatch(/orphan-mail\s+temporary Alertmanager\s+delivered \(email 1\)/)
    const mail = await smtp.waitFor((m) => m.to.includes('orphan@example.test'))
    expect(mail.data).toContain('Subject: [FIRING] Mail check for SpockTestAlert') // its template, resolved next to --config
  })

  test('a failing endpoint on the temporary path: failed, with the reason from its log', async () => {
    const path = join(dir, 'broken.yml')
    http.setStatus('/broken', 500)
    await writeFile(path, `route: {receiver: hook}\nreceivers:\n  - name: hook\n    webhook_configs: [{url: '${http.url}/hook'}]\n  - name: lost\n    webhook_configs: [{url: '${http.url}/broken'}]\n`)
    const r = await runCli(['test-alert', '--receiver', 'lost', '--config', path, '-o', 'json'])
    expect(r.code, r.stderr).toBe(1)
    const body = JSON.parse(r.stdout)
    expect(body.receivers[0]).toMatchObject({receiver: 'lost', path: 'temporary', result: 'failed'})
    expect(body.problems).toEqual([expect.stringMatching(/^lost\/webhook: \d+ failed notification attempt\(s\): .*500/)])
  })

  test('no alertmanager program on PATH: said clearly, --direct suggested', async () => {
    // Given a PATH with node and nothing else
    const bin = join(dir, 'node-only')
    await mkdir(bin)
    await symlink(process.execPath, join(bin, 'node'))
    const r = await runCli(['test-alert', '--receiver', 'orphan', '--config', configPath, '-o', 'json'], {env: {PATH: bin}})
    expect(r.code).toBe(1)
    const body = JSON.parse(r.stdout)
    expect(body.sent).toBe(false)
    expect(body.problems).toEqual([expect.stringMatching(/^orphan: no prometheus-alertmanager or alertmanager on PATH, so a temporary Alertmanager cannot be started \(.*--direct --config alertmanager\.yml\)$/)])
  })

  test('--dry-run plans the temporary path and starts nothing', async () => {
    const r = await json(['--receiver', 'orphan', '--config', configPath, '--dry-run'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.body.sent).toBe(false)
    expect(r.body.receivers).toEqual([expect.objectContaining({receiver: 'orphan', path: 'temporary', result: 'planned'})])
  })
})

describe('--all-receivers', () => {
  test('one test per receiver: route, temporary, skipped and failed; exit 1 for the receiver without integrations', async () => {
    const r = await json(['--all-receivers', '--config', configPath, '--annotation', 'runbook=https://runbooks.example/test', '--description', 'quarterly check'])
    expect(r.code, r.stderr).toBe(1)
    const rows = r.body.receivers.map((x: {receiver: string; path: string; result: string}) => [x.receiver, x.path, x.result])
    expect(rows).toEqual([
      ['hook', 'route', 'delivered'],
      ['chat', 'route', 'delivered'],
      ['orphan', 'temporary', 'delivered'],
      ['orphan-slack', 'temporary', 'delivered'],
      ['orphan-mail', 'temporary', 'delivered'],
      ['blackhole', 'none', 'skipped'],
      ['ops-pager', 'none', 'failed'],
    ])
    expect(r.body.problems).toEqual(['receiver "ops-pager" has no integrations: nothing was sent'])
    const hook = await http.waitFor((q) => q.path === '/hook/hook-secret-path' && q.body.includes(r.body.id))
    expect((hook.json as {commonAnnotations: Record<string, string>}).commonAnnotations).toEqual({summary: 'Test alert from spock', description: 'quarterly check', runbook: 'https://runbooks.example/test'})
    await http.waitFor((q) => q.path === '/orphan/orphan-secret-path' && q.body.includes(r.body.id))
  })

  test('the table: receiver, integrations, path, result, reason', async () => {
    const r = await run(['--all-receivers', '--config', configPath, '--dry-run'])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toMatch(/RECEIVER\s+INTEGRATIONS\s+PATH\s+RESULT\s+REASON/)
    expect(r.stdout).toMatch(/orphan\s+webhook\s+temporary\s+planned\s+no route sends alerts to "orphan"/)
    expect(r.stdout).toMatch(/blackhole\s+-\s+none\s+skipped\s+no integrations/)
    expect(r.stdout).toMatch(/ops-pager\s+-\s+none\s+failed\s+receiver "ops-pager" has no integrations: nothing was sent/)
  })
})

describe('--channel log', () => {
  test('Slack: prints the title and text the Slack endpoint then receives through the cluster; sends nothing itself', async () => {
    // Given one spock_test_id for both runs (same labels, same group)
    const tid = `log-${Date.now()}`
    const args = ['--receiver', 'chat', '--config', configPath, '--label', `spock_test_id=${tid}`, '--label', 'severity=warning']
    const log = await json(['--channel', 'log', ...args])
    expect(log.code, log.stderr).toBe(0)
    expect(log.body).toMatchObject({mode: 'log', sent: false, receivers: [{receiver: 'chat', path: 'route', result: 'printed'}]})
    const slack = log.body.preview[0].integrations[0]
    expect(slack).toMatchObject({integration: 'slack', index: 1})
    expect(slack.fields.title).toBe('[FIRING] Test alert from spock for SpockTestAlert')
    expect(slack.fields.text).toBe('Sent by spock test-alert for receiver chat. (warning)')
    const table = await run(['--channel', 'log', ...args])
    expect(table.stdout).toContain(`    title: ${slack.fields.title}\n`)
    expect(table.stdout).toContain(`    text: ${slack.fields.text}\n`)
    expect(http.requests.some((q) => q.body.includes(tid))).toBe(false)
    // When the same alert goes through Alertmanager
    const sent = await json(args)
    expect(sent.code, sent.stderr).toBe(0)
    const req = await http.waitFor((q) => q.path.startsWith('/slack/') && q.body.includes(tid))
    const attachment = (req.json as {attachments: {title: string; text: string}[]}).attachments[0]!
    expect({title: attachment.title, text: attachment.text}).toEqual({title: slack.fields.title, text: slack.fields.text})
  })

  test('email on the temporary path: the subject printed is the subject the SMTP sink receives', async () => {
    const tid = `mail-${Date.now()}`
    const args = ['--receiver', 'orphan-mail', '--config', configPath, '--label', `spock_test_id=${tid}`, '--summary', `Subject check ${tid}`]
    const log = await json(['--channel', 'log', ...args])
    expect(log.code, log.stderr).toBe(0)
    expect(log.body.receivers).toEqual([{receiver: 'orphan-mail', integrations: ['email'], path: 'temporary', result: 'printed'}])
    const subject = log.body.preview[0].integrations[0].fields['headers.Subject']
    expect(subject).toBe(`[FIRING] Subject check ${tid} for SpockTestAlert`)
    expect(smtp.messages.some((m) => m.data.includes(tid))).toBe(false)
    const sent = await run(args)
    expect(sent.code, sent.stderr).toBe(0)
    await smtp.waitFor((m) => m.data.includes(`Subject: ${subject}\r\n`))
  })

  test('without --receiver: every receiver the plain test alert reaches; the running config serves when there is no --config', async () => {
    const r = await json(['--channel', 'log'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.body.preview.map((p: {receiver: string}) => p.receiver)).toEqual(['hook'])
    expect(r.body.preview[0].integrations[0].fields.payload).toMatchObject({version: '4', receiver: 'hook', status: 'firing'})
  })
})

describe('--direct', () => {
  test("sends the receiver's rendered templates (what --channel log prints), whatever the routing", async () => {
    const tid = `direct-${Date.now()}`
    const args = ['--config', configPath, '--label', `spock_test_id=${tid}`, '--label', 'severity=info', '-o', 'json']
    const log = JSON.parse((await runCli(['test-alert', '--channel', 'log', '--receiver', 'chat', ...args])).stdout)
    const r = await runCli(['test-alert', '--direct', '--receiver', 'chat', ...args])
    expect(r.code, r.stderr).toBe(0)
    const req = await http.waitFor((q) => q.path === '/slack/T0/B0/slack-secret-path' && q.body.includes(tid))
    const attachment = (req.json as {attachments: {title: string; text: string}[]}).attachments[0]!
    expect({title: attachment.title, text: attachment.text}).toEqual({title: log.preview[0].integrations[0].fields.title, text: log.preview[0].integrations[0].fields.text})
    // A receiver no route reaches needs no route with --direct
    const orphan = await runCli(['test-alert', '--direct', '--receiver', 'orphan', ...args])
    expect(orphan.code, orphan.stderr).toBe(0)
    expect(JSON.parse(orphan.stdout).receivers).toEqual([{receiver: 'orphan', integrations: ['webhook'], path: 'direct', result: 'delivered'}])
    const hook = await http.waitFor((q) => q.path === '/orphan/orphan-secret-path' && q.body.includes(tid))
    expect(hook.json).toMatchObject({version: '4', receiver: 'orphan', status: 'firing', groupLabels: {spock_test_id: tid}})
  })
})

describe('the running config (no --config)', () => {
  test('a webhook receiver no route reaches: the temporary path works from the running config', async () => {
    const r = await json(['--receiver', 'orphan'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.body.receivers[0]).toMatchObject({receiver: 'orphan', path: 'temporary', result: 'delivered'})
  })

  test('a receiver whose secrets the running config masks: cannot be tested that way, --config suggested', async () => {
    const r = await json(['--receiver', 'orphan-slack'])
    expect(r.code).toBe(1)
    expect(r.body.sent).toBe(false)
    expect(r.body.problems).toEqual([
      'the running config has receiver "orphan-slack"\'s secrets masked as <secret>, so receiver "orphan-slack" cannot be tested on a temporary Alertmanager with it; pass --config alertmanager.yml',
    ])
  })
})
