// Secrets never reach stdout or stderr. Distinct marker secrets are planted in every place a secret can
// live; every command runs in each of its output formats, with --verbose, against a healthy server (real
// Prometheus and Alertmanager), a failing one (500/401 with the request echoed back) and an unreachable one.
// Basic auth and a bearer token exclude each other for one server, so the places are split into five
// compatible sets, rotated over the runs: every set meets every server and most commands. Against the
// failing and unreachable servers each command runs in one format, the formats taken in turn (errors
// look alike in every format); against the healthy ones in all three.
import {createServer, type Server as HttpServer} from 'node:http'
import {writeFile} from 'node:fs/promises'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {mapConcurrent} from '../../src/concurrency.js'
import {runCli, type CliResult} from '../support/run-cli.js'
import {startAlertmanager, startPrometheus, stopAll, unusedUrl, type Server} from '../support/servers.js'
import {startHttpSink, type HttpSink} from '../support/sinks.js'
import {isolatedEnv, makeTempDir, removeTempDir} from '../support/tmp.js'

const names = [
  'FlagPwFile', 'FlagHeader1', 'FlagHeader2', 'EnvHeader1', 'EnvHeader2', 'UrlUser1', 'UrlPass1', 'UrlUser2',
  'EnvToken', 'EnvHeader3', 'CtxUrlUser', 'CtxPwFile', 'CtxTokenFile', 'CtxHeader1', 'CtxHeader2',
  'EnvPassword', 'FlagHeader3', 'FlagTokenFile', 'WebhookUser', 'WebhookPass', 'WebhookQuery', 'WebhookBearer',
  'SlackUrl', 'SmtpPassword', 'EmailPassword', 'PagerdutyKey',
] as const
type Name = (typeof names)[number]
const MK = Object.fromEntries(names.map((n, i) => [n, `mk${n}${(i * 7919 + 1000).toString(36)}q`])) as Record<Name, string>
// Basic auth travels base64-encoded: its encodings are markers too.
const b64 = (user: string, pw: string) => Buffer.from(`${user}:${pw}`).toString('base64')
const ENCODED = [b64('alice', MK.FlagPwFile), b64('carol', MK.CtxPwFile), b64('dave', MK.EnvPassword), b64(MK.UrlUser1, MK.UrlPass1), b64(MK.UrlUser2, '')]

function amConfig(sink: string): string {
  const hook = new URL(sink)
  return `global:
  slack_api_url: https://hooks.slack.example/services/${MK.SlackUrl}
  smtp_smarthost: 127.0.0.1:2525
  smtp_from: am@example.org
  smtp_auth_username: am
  smtp_auth_password: ${MK.SmtpPassword}
route:
  receiver: hook
  group_wait: 0s
  group_interval: 1s
  routes:
    - receiver: slack
      matchers: [team="chat"]
    - receiver: mail
      matchers: [team="mail"]
    - receiver: pager
      matchers: [team="pager"]
receivers:
  - name: hook
    webhook_configs:
      - url: http://${MK.WebhookUser}:${MK.WebhookPass}@${hook.host}/hook?token=${MK.WebhookQuery}
        http_config: {authorization: {credentials: ${MK.WebhookBearer}}}
  - name: slack
    slack_configs: [{channel: '#ops'}]
  - name: mail
    email_configs: [{to: ops@example.org, auth_password: ${MK.EmailPassword}}]
  - name: pager
    pagerduty_configs: [{routing_key: ${MK.PagerdutyKey}}]
`
}

/** A server that answers 500 (health and status) or 401 (the rest) with the request echoed back. */
async function startEchoServer(): Promise<{url: string; stop(): Promise<void>}> {
  const server: HttpServer = createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString()))
    req.on('end', () => {
      // Prometheus' error shape, so that spock shows the whole echo (headers included) in its error
      const echo = `${req.method} ${req.url} headers=${JSON.stringify(req.headers)} body=${body}`
      const status = /^\/(-\/|api\/v[12]\/status)/.test(req.url ?? '') ? 500 : 401
      res.writeHead(status, {'content-type': 'application/json'}).end(JSON.stringify({status: 'error', errorType: 'echo', error: echo}))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve()))}
}

type Uses = 'prometheus' | 'alertmanager' | 'both'
interface Target {
  kind: 'healthy' | 'failing' | 'unreachable'
  prometheus: string
  alertmanager: string
  silenceId: string
}
interface Invocation {
  args: string[]
  env: Record<string, string>
}

let dir: string
let prom: Server
let am: Server
let sink: HttpSink
let echo: {url: string; stop(): Promise<void>}
let targets: Target[]
const file = (name: string) => join(dir, name)
const withUser = (url: string, user: string, pw?: string) => url.replace('://', `://${user}${pw === undefined ? '' : `:${pw}`}@`)

/** Secret set `set` (0-4) for one run against `t`. */
function secretSet(set: number, t: Target, uses: Uses): Invocation {
  const urlFlags = (p: string, a: string) => [
    ...(uses !== 'alertmanager' ? ['--prometheus-url', p] : []),
    ...(uses !== 'prometheus' ? ['--alertmanager-url', a] : []),
  ]
  switch (set) {
    case 0: // flags: basic auth with a password file, headers, URL user names and passwords; SPOCK_HEADERS
      return {
        args: [
          ...urlFlags(withUser(t.prometheus, MK.UrlUser1, MK.UrlPass1), withUser(t.alertmanager, MK.UrlUser2)),
          '--basic-auth-user', 'alice', '--basic-auth-password-file', file('pw-flag'),
          '--header', `Api-Key: ${MK.FlagHeader1}`, '--header', `PRIVATE-TOKEN=${MK.FlagHeader2}`,
        ],
        env: {SPOCK_HEADERS: `apikey: ${MK.EnvHeader1}\nX-Api-Token: ${MK.EnvHeader2}`},
      }
    case 1: // environment: bearer token, URLs, headers
      return {
        args: [],
        env: {SPOCK_BEARER_TOKEN: MK.EnvToken, SPOCK_PROMETHEUS_URL: t.prometheus, SPOCK_ALERTMANAGER_URL: t.alertmanager, SPOCK_HEADERS: `Cookie: ${MK.EnvHeader3}`},
      }
    case 2: // a spock config context: password_file, bearer_token_file, headers, URL user name
      return {args: ['--context', t.kind], env: {SPOCK_CONFIG: file('spock.yml')}}
    case 3: // environment basic auth, a flag header
      return {
        args: [...urlFlags(t.prometheus, t.alertmanager), '--header', `X-Custom: ${MK.FlagHeader3}`],
        env: {SPOCK_BASIC_AUTH_USER: 'dave', SPOCK_BASIC_AUTH_PASSWORD: MK.EnvPassword},
      }
    default: // a bearer token file flag
      return {args: [...urlFlags(t.prometheus, t.alertmanager), '--bearer-token-file', file('token-flag')], env: {}}
  }
}

function spockConfig(): string {
  const ctx = (t: Target) => `  ${t.kind}:
    prometheus:
      url: ${withUser(t.prometheus, MK.CtxUrlUser)}
      basic_auth: {username: carol, password_file: ${file('pw-ctx')}}
      headers: {Api-Key: ${MK.CtxHeader1}}
    alertmanager:
      urls: [${t.alertmanager}]
      bearer_token_file: ${file('token-ctx')}
      headers: {PRIVATE-TOKEN: ${MK.CtxHeader2}}
`
  return `current-context: healthy\ncontexts:\n${targets.map(ctx).join('')}`
}

// [command words, what it talks to, output formats]
const TABLE = ['table', 'json', 'yaml']
const SERVER_COMMANDS: ReadonlyArray<readonly [(t: Target) => string[], Uses]> = [
  [() => ['status'], 'both'],
  [() => ['config', 'show'], 'both'],
  [() => ['targets', 'check'], 'prometheus'],
  [() => ['tsdb', 'status'], 'prometheus'],
  [() => ['alerts', 'list'], 'alertmanager'],
  [() => ['silences', 'list', '--all'], 'alertmanager'],
  [() => ['silences', 'export'], 'alertmanager'],
  [() => ['silences', 'create', 'SecretsTest', 'env=prod', '-c', 'secrets test', '--propagation-timeout', '1s'], 'alertmanager'],
  [(t) => ['silences', 'update', t.silenceId, '--duration', '3h'], 'alertmanager'],
  [(t) => ['silences', 'delete', t.silenceId], 'alertmanager'],
  [() => ['silences', 'import', file('silences.json')], 'alertmanager'],
  [() => ['routes', 'show'], 'alertmanager'],
  [() => ['routes', 'test', 'team=chat'], 'alertmanager'],
  [() => ['test-alert', '--channel', 'webhook'], 'alertmanager'],
  [() => ['test-alert', '--channel', 'email', '--config', file('alertmanager.yml')], 'alertmanager'],
]
const CHECK_FORMATS = ['text', 'json', 'sarif']
const offlineCommands = (): ReadonlyArray<readonly [string[], string[]]> => [
  [['config', 'check', file('alertmanager.yml')], CHECK_FORMATS],
  [['routes', 'show', '--config', file('alertmanager.yml')], TABLE],
  [['routes', 'test', '--config', file('alertmanager.yml'), 'team=mail'], TABLE],
  [['test-alert', '--channel', 'webhook', '--direct', '--config', file('alertmanager.yml')], TABLE],
  [['test-alert', '--channel', 'email', '--direct', '--dry-run', '--config', file('alertmanager.yml')], TABLE],
  [['context', 'list'], TABLE],
  [['context', 'use', 'failing'], TABLE],
  [['init', file('init'), '--dry-run'], TABLE],
]

beforeAll(async () => {
  dir = await makeTempDir('spock-secrets-')
  sink = await startHttpSink()
  const [p, a, e, gone] = await Promise.all([startPrometheus(), startAlertmanager({config: amConfig(sink.url)}), startEchoServer(), unusedUrl()])
  ;[prom, am, echo] = [p, a, e]
  const res = await fetch(`${am.url}/api/v2/silences`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({
      matchers: [{name: 'alertname', value: 'Existing', isRegex: false}],
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      createdBy: 'test',
      comment: 'secrets test',
    }),
  })
  const {silenceID} = (await res.json()) as {silenceID: string}
  const other = '7d3b5a6c-0000-4000-8000-000000000000'
  targets = [
    {kind: 'healthy', prometheus: prom.url, alertmanager: am.url, silenceId: silenceID},
    {kind: 'failing', prometheus: echo.url, alertmanager: echo.url, silenceId: other},
    {kind: 'unreachable', prometheus: gone, alertmanager: gone, silenceId: other},
  ]
  const silence = {matchers: [{name: 'job', value: 'x', isRegex: false, isEqual: true}], startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), createdBy: 'a', comment: 'b'}
  await Promise.all([
    writeFile(file('pw-flag'), `${MK.FlagPwFile}\n`),
    writeFile(file('pw-ctx'), MK.CtxPwFile),
    writeFile(file('token-ctx'), MK.CtxTokenFile),
    writeFile(file('token-flag'), MK.FlagTokenFile),
    writeFile(file('spock.yml'), spockConfig()),
    writeFile(file('spock-use.yml'), spockConfig()),
    writeFile(file('alertmanager.yml'), amConfig(sink.url)),
    writeFile(file('silences.json'), JSON.stringify([silence])),
  ])
}, 60_000)

afterAll(async () => {
  await stopAll([prom, am, echo, sink].filter(Boolean))
  await removeTempDir(dir)
})

function leaks(r: CliResult): string[] {
  const out = `${r.stdout}\n${r.stderr}`
  return [...Object.entries(MK).filter(([, v]) => out.includes(v)).map(([k]) => k), ...ENCODED.filter((v) => out.includes(v)).map(() => 'base64 basic auth')]
}

describe('secrets never appear in output', () => {
  test('every command, every format, --verbose, healthy / failing / unreachable servers', async () => {
    const runs: {label: string; args: string[]; env: Record<string, string>}[] = []
    let n = 0
    for (const t of targets) {
      for (const [c, [words, uses]] of SERVER_COMMANDS.entries()) {
        // Every format against the healthy servers; against the others, one format per command in turn.
        const formats = t.kind === 'healthy' ? TABLE : [TABLE[(c + (t.kind === 'failing' ? 0 : 1)) % 3]!]
        for (const format of formats) {
          const set = n++ % 5
          const s = secretSet(set, t, uses)
          runs.push({label: `${t.kind} set${set} ${words(t).join(' ')} -o ${format}`, args: [...words(t), '-o', format, '--verbose', '--timeout', '5s', ...s.args], env: s.env})
        }
      }
    }
    for (const [words, formats] of offlineCommands()) {
      for (const format of formats) {
        const config = words[1] === 'use' ? file('spock-use.yml') : file('spock.yml')
        const env = {SPOCK_CONFIG: config, SPOCK_BEARER_TOKEN: MK.EnvToken, SPOCK_HEADERS: `apikey: ${MK.EnvHeader1}`}
        runs.push({label: `offline ${words.join(' ')} -o ${format}`, args: [...words, '-o', format, '--verbose'], env})
      }
    }
    const results = await mapConcurrent(runs, 8, async (r) => {
      const started = Date.now()
      const res = await runCli(r.args, {env: isolatedEnv(dir, r.env)})
      if (process.env.SECRETS_DEBUG) console.error(Date.now() - started, res.code, r.label, leaks(res), leaks(res).length ? res.stdout + res.stderr : '')
      return {label: r.label, code: res.code, leaked: leaks(res), out: res.stdout + res.stderr}
    })
    expect(results.filter((r) => r.leaked.length > 0).map((r) => ({label: r.label, leaked: r.leaked, out: r.out.slice(0, 3000)}))).toEqual([])
    // The runs did real work: successes against the healthy servers, failures against the others.
    const healthy = results.filter((r) => r.label.startsWith('healthy'))
    expect(healthy.filter((r) => r.code === 0).length).toBeGreaterThan(healthy.length / 2)
    const talking = (r: {label: string}) => !r.label.includes('config show') // config show reads settings only
    expect(results.filter((r) => r.label.startsWith('unreachable') && talking(r)).every((r) => r.code === 3)).toBe(true)
    expect(results.filter((r) => r.label.startsWith('failing') && talking(r)).every((r) => r.code !== 0)).toBe(true)
    expect(results.some((r) => r.label.startsWith('failing') && r.out.includes('HTTP 401'))).toBe(true)
    expect(results.some((r) => r.label.startsWith('failing') && r.out.includes('"authorization":'))).toBe(true) // the echo is shown
    expect(sink.requests.length).toBeGreaterThan(0) // test-alert --direct reached the webhook stand-in
  }, 900_000) // about 100 CLI runs: seconds on an idle machine, minutes on a saturated one
})
