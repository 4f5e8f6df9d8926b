// spock test-alert --direct against HTTP endpoints that misbehave: one that never answers, one that echoes the request.
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startHttpSink, type HttpSink} from '../support/sinks.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const HANG_BOUND_MS = 20_000
const b64 = (s: string) => Buffer.from(s).toString('base64')
// Planted secrets: webhook URL path and query, basic auth password, a url_file's path, a Slack webhook path.
const PLANTED = ['Wh00kS3cretPath', 'QueryT0kenSecret', 'BasicPassw0rdSecret', b64('bob:BasicPassw0rdSecret'), 'FileS3cretPathToken', 'T0SECRET1', 'B0SECRET2', 'SlackS3cretTokenXyz']

let http: HttpSink
let dir: string
let configPath: string

beforeAll(async () => {
  ;[http, dir] = await Promise.all([startHttpSink(), makeTempDir('spock-notify-http-')])
  const paths = ['/echo/hooks/Wh00kS3cretPath', '/echo/FileS3cretPathToken', '/echo/services/T0SECRET1/B0SECRET2/SlackS3cretTokenXyz']
  for (const p of paths) http.setEcho(p, 400)
  http.setHang('/hang')
  await writeFile(join(dir, 'webhook-url'), `${http.url}/echo/FileS3cretPathToken\n`)
  configPath = join(dir, 'alertmanager.yml')
  await writeFile(
    configPath,
    `global:
  slack_api_url: '${http.url}/echo/services/T0SECRET1/B0SECRET2/SlackS3cretTokenXyz'
route:
  receiver: echo-webhook
  routes:
    - {matchers: ['kind="file"'], receiver: echo-webhook-file, continue: true}
    - {matchers: ['kind="slack"'], receiver: echo-slack}
    - {matchers: ['kind="hang"'], receiver: hanging}
receivers:
  - name: echo-webhook
    webhook_configs:
      - url: '${http.url}/echo/hooks/Wh00kS3cretPath?token=QueryT0kenSecret'
        http_config: {basic_auth: {username: bob, password: BasicPassw0rdSecret}}
  - name: echo-webhook-file
    webhook_configs: [{url_file: webhook-url}]
  - name: echo-slack
    slack_configs: [{channel: '#ops'}]
  - name: hanging
    discord_configs: [{webhook_url: '${http.url}/hang'}]
`,
  )
})
afterAll(async () => {
  await http?.stop()
  await removeTempDir(dir)
})

const direct = (...args: string[]) => runCli(['test-alert', '--direct', '--config', configPath, ...args])

describe('an endpoint that echoes the request (status 400)', () => {
  test.each(['webhook', 'slack'])('--channel %s: no planted secret in table or JSON output', async (channel) => {
    const [table, json] = await Promise.all([direct('--channel', channel), direct('--channel', channel, '-o', 'json')])
    const echoed = http.requests.filter((q) => q.path.startsWith('/echo/'))
    expect(echoed.length).toBeGreaterThan(0) // the requests did carry the secrets the endpoint echoed
    for (const r of [table, json]) {
      expect(r.code).toBe(1)
      for (const p of PLANTED) {
        expect(r.stdout).not.toContain(p)
        expect(r.stderr).not.toContain(p)
      }
    }
    const results = JSON.parse(json.stdout).direct as {endpoint: string; ok: boolean; detail: string}[]
    expect(results.length).toBe(channel === 'webhook' ? 2 : 1)
    for (const d of results.filter((x) => x.detail.includes('rejected'))) {
      expect(d.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…$/)
      expect(d.detail).toMatch(/^HTTP 400: \{"error":"rejected","url":"[^"]*<redacted>/)
    }
    expect(results.filter((x) => x.detail.includes('rejected')).length).toBe(channel === 'webhook' ? 2 : 1)
    expect(table.stdout).toMatch(/FAILED: HTTP 400: \{"error":"rejected","url":"[^"]*<redacted>/)
  }, 30_000)
})

describe('--timeout', () => {
  test('an HTTP receiver that never answers fails within --timeout', async () => {
    const started = Date.now()
    const r = await direct('--receiver', 'hanging', '--timeout', '2s', '-o', 'json')
    expect(Date.now() - started).toBeLessThan(HANG_BOUND_MS)
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).direct).toEqual([expect.objectContaining({receiver: 'hanging', ok: false, detail: expect.stringMatching(/no answer within|timed? ?out/i)})])
    expect(http.requests.some((q) => q.path === '/hang')).toBe(true)
  }, HANG_BOUND_MS + 5_000)
})
