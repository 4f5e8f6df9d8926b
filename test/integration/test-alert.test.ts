// spock test-alert against a real Alertmanager 0.25 whose receivers deliver to loopback sinks.
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startAlertmanager, unusedUrl, type AlertmanagerServer} from '../support/servers.js'
import {startHttpSink, startSmtpSink, type HttpSink, type SmtpSink} from '../support/sinks.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const SECRETS = ['XXXXSECRETSLACK', 'default-secret-token', 'pd-routing-secret']
let am: AlertmanagerServer
let http: HttpSink
let smtp: SmtpSink
let dir: string
let configPath: string

function config(): string {
  return `global:
  smtp_smarthost: '${smtp.address}'
  smtp_from: alertmanager@example.test
  smtp_require_tls: false
  slack_api_url: '${http.url}/slack/T000/B000/XXXXSECRETSLACK'
route:
  receiver: default-webhook
  group_by: ['alertname', 'spock_test_id']
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
  routes:
    - matchers: ['team="db"']
      receiver: db-slack
    - matchers: ['severity=~"critical|page"']
      receiver: pager
    - matchers: ['channel="mail"']
      receiver: mail
    - matchers: ['broken="yes"']
      receiver: broken
receivers:
  - name: default-webhook
    webhook_configs: [{url: '${http.url}/webhook/default-secret-token'}]
  - name: db-slack
    slack_configs: [{channel: '#db'}]
  - name: pager
    pagerduty_configs: [{routing_key: pd-routing-secret, url: '${http.url}/pagerduty'}]
  - name: mail
    email_configs: [{to: oncall@example.test}]
  - name: broken
    webhook_configs: [{url: '${http.url}/broken', max_alerts: 1}]
`
}

beforeAll(async () => {
  ;[http, smtp, dir] = await Promise.all([startHttpSink(), startSmtpSink(), makeTempDir('spock-test-alert-')])
  http.setStatus('/broken', 500)
  configPath = join(dir, 'alertmanager.yml')
  await writeFile(configPath, config())
  am = await startAlertmanager({config: config()})
})
afterAll(async () => {
  await am?.stop()
  await Promise.all([http?.stop(), smtp?.stop(), removeTempDir(dir)])
})

const spock = (...args: string[]) => runCli(['test-alert', '--alertmanager-url', am.url, ...args])
const json = (...args: string[]) => spock(...args, '-o', 'json').then((r) => ({...r, body: JSON.parse(r.stdout)}))
function noSecrets(...texts: string[]) {
  for (const s of SECRETS) for (const t of texts) expect(t).not.toContain(s)
}

describe('through Alertmanager', () => {
  test('--channel slack: plan printed first, Slack-format POST arrives, counters prove delivery', async () => {
    const r = await spock('--channel', 'slack')
    expect(r.stderr).toMatch(/receiver "db-slack" with labels \{.*team="db".*\}\n {4}reaches: db-slack/)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/db-slack\s+http:\/\/127\.0\.0\.1:\d+\s+held, routed to db-slack/)
    expect(r.stdout).toMatch(/slack \(Alertmanager counters\)\s+delivered \(1\)/)
    const id = /Test alert (\S+) accepted and delivered/.exec(r.stdout)![1]!
    const req = await http.waitFor((q) => q.path.startsWith('/slack/') && q.body.includes(id))
    expect(req.json).toMatchObject({channel: '#db', attachments: [expect.objectContaining({title: expect.stringContaining('[FIRING:1]')})]})
    noSecrets(r.stdout, r.stderr)
  })

  test('--channel email: a mail reaches the SMTP sink', async () => {
    const r = await json('--channel', 'email')
    expect(r.code).toBe(0)
    expect(r.body.plan.targets[0]).toMatchObject({receiver: 'mail', labels: {channel: 'mail', alertname: 'SpockTestAlert'}, reaches: ['mail']})
    const mail = await smtp.waitFor((m) => m.data.includes(r.body.id))
    expect(mail.to).toEqual(['oncall@example.test'])
    expect(r.body.delivery).toEqual([{integration: 'email', sent: 1, failed: 0}])
  })

  test('--channel pagerduty: an Events v2 trigger; regex matcher value chosen from the alternation', async () => {
    const r = await json('--channel', 'pagerduty')
    expect(r.code).toBe(0)
    expect(r.body.plan.targets[0].labels.severity).toBe('critical')
    const req = await http.waitFor((q) => q.path === '/pagerduty' && q.body.includes(r.body.id))
    expect(req.json).toMatchObject({routing_key: 'pd-routing-secret', event_action: 'trigger'})
    noSecrets(r.stdout, r.stderr)
  })

  test('--receiver default-webhook: a webhook v4 payload', async () => {
    const r = await json('--receiver', 'default-webhook')
    expect(r.code).toBe(0)
    const req = await http.waitFor((q) => q.path.startsWith('/webhook/') && q.body.includes(r.body.id))
    expect(req.json).toMatchObject({version: '4', receiver: 'default-webhook', status: 'firing'})
    expect((req.json as {alerts: {labels: Record<string, string>}[]}).alerts[0]!.labels.spock_test_id).toBe(r.body.id)
  })

  test('--channel webhook: every webhook receiver gets a v4 payload; the one answering 500 fails the run', async () => {
    const r = await json('--channel', 'webhook', '--wait-timeout', '20s')
    expect(r.body.plan.targets.map((t: {receiver: string}) => t.receiver)).toEqual(['default-webhook', 'broken'])
    const ok = await http.waitFor((q) => q.path.startsWith('/webhook/') && q.body.includes(r.body.id))
    expect(ok.json).toMatchObject({version: '4', receiver: 'default-webhook', status: 'firing'})
    const failed = await http.waitFor((q) => q.path === '/broken' && q.body.includes(r.body.id))
    expect(failed.json).toMatchObject({version: '4', receiver: 'broken'})
    expect(r.code).toBe(1)
    expect(r.body.problems).toEqual([expect.stringMatching(/^webhook: \d+ failed notification attempt\(s\)/)])
  })

  test('a receiver whose endpoint answers 500 makes the test fail (exit 1)', async () => {
    const r = await spock('--receiver', 'broken', '--wait-timeout', '20s')
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/webhook \(Alertmanager counters\)\s+FAILED/)
  })

  test('--dry-run sends nothing and prints the plan', async () => {
    const r = await json('--channel', 'webhook', '--dry-run')
    expect(r.code).toBe(0)
    expect(r.body.sent).toBe(false)
    expect(r.body.plan.targets.map((t: {receiver: string}) => t.receiver)).toEqual(['default-webhook', 'broken'])
    const held = await fetch(`${am.url}/api/v2/alerts`).then((x) => x.json() as Promise<{labels: Record<string, string>}[]>)
    expect(held.some((a) => a.labels.spock_test_id === r.body.id)).toBe(false)
    expect(http.requests.some((q) => q.body.includes(r.body.id))).toBe(false)
  })

  test('an HA peer that is down is a warning when another peer confirmed', async () => {
    const r = await runCli(['test-alert', '--alertmanager-url', am.url, '--alertmanager-url', await unusedUrl(), '--receiver', 'default-webhook', '--no-wait'])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/spock: warning: http:\/\/127\.0\.0\.1:\d+ is down, the test alert was not sent to it: cannot reach .* connection refused/)
  })

  test('an unknown channel or receiver is a usage error (exit 2)', async () => {
    const r = await spock('--channel', 'telegram')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('spock: error: no receiver has a telegram integration')
    expect(r.stderr).toMatch(/hint: channels in this config: webhook, slack, pagerduty, email/)
  })
})

describe('--direct, without Alertmanager', () => {
  test('slack, webhook, pagerduty and email deliver straight to their endpoints; no secret printed', async () => {
    const ids: Record<string, string> = {}
    for (const channel of ['slack', 'pagerduty', 'email']) {
      const r = await runCli(['test-alert', '--direct', '--config', configPath, '--channel', channel, '--resolve-after', '1s', '-o', 'json'])
      expect(r.code, r.stderr).toBe(0)
      const body = JSON.parse(r.stdout)
      ids[channel] = body.id
      expect(body.direct).toHaveLength(channel === 'pagerduty' ? 2 : 1) // PagerDuty: the trigger, then its resolve
      expect(body.direct[0]).toMatchObject({integration: channel, ok: true, action: 'trigger'})
      noSecrets(r.stdout, r.stderr)
    }
    const web = await runCli(['test-alert', '--direct', '--config', configPath, '--receiver', 'default-webhook'])
    expect(web.code).toBe(0)
    expect(web.stdout).toMatch(/default-webhook\s+webhook http:\/\/127\.0\.0\.1:\d+\/…\s+ok \(HTTP 200\)/)
    noSecrets(web.stdout, web.stderr)
    // The receivers' templates (here Alertmanager's defaults), rendered: the title and the subject carry the labels.
    const slack = await http.waitFor((q) => q.path === '/slack/T000/B000/XXXXSECRETSLACK' && q.body.includes(ids.slack!))
    expect(slack.json).toMatchObject({channel: '#db', attachments: [expect.objectContaining({title: expect.stringMatching(/^\[FIRING:1\] SpockTestAlert /)})]})
    const mail = await smtp.waitFor((m) => m.data.includes(ids.email!))
    expect(mail.data).toMatch(/^Subject: \[FIRING:1\] SpockTestAlert /m)
    expect(mail.data).toMatch(/Content-Type: text\/html/)
  })

  test('an endpoint answering 500 exits 1 with the status', async () => {
    const r = await runCli(['test-alert', '--direct', '--config', configPath, '--receiver', 'broken'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/broken\s+webhook http:\/\/127\.0\.0\.1:\d+\/…\s+FAILED: HTTP 500/)
  })

  test('--direct without --config is a usage error', async () => {
    const r = await runCli(['test-alert', '--direct', '--channel', 'slack'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--direct needs --config FILE')
  })
})
