// Proves the test harness: real servers start, gossip, deliver to the sinks and stop.
import {existsSync} from 'node:fs'
import {createServer} from 'node:net'
import {setTimeout as delay} from 'node:timers/promises'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {
  freePort,
  startAlertmanager,
  startAlertmanagerCluster,
  startHangingServer,
  startPrometheus,
  stopAll,
  unusedUrl,
  type AlertmanagerServer,
  type Server,
} from '../support/servers.js'
import {startHttpSink, startSmtpSink, type HttpSink, type SmtpSink} from '../support/sinks.js'
import {isolatedEnv, makeTempDir, removeTempDir} from '../support/tmp.js'

async function getJson<T = any>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init)
  expect(response.status, `${init?.method ?? 'GET'} ${url}`).toBeLessThan(300)
  return (await response.json()) as T
}

/** Polls `probe` until it returns a value other than undefined (no fixed sleeps). */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await delay(50)
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function postAlert(url: string, labels: Record<string, string>) {
  return fetch(`${url}/api/v2/alerts`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify([{labels, annotations: {summary: 'harness test'}}]),
  })
}

describe('Prometheus', () => {
  let prom: Server
  beforeAll(async () => {
    prom = await startPrometheus({
      rules: {'rules/harness.yml': 'groups:\n  - name: harness\n    rules:\n      - record: harness:up\n        expr: up\n'},
    })
  })
  afterAll(() => prom?.stop())

  test('answers buildinfo with version 2.42.x', async () => {
    const info = await getJson(`${prom.url}/api/v1/status/buildinfo`)
    expect(info.data.version).toMatch(/^2\.42\./)
    expect(prom.url).toBe(`http://127.0.0.1:${prom.port}`)
  })

  test('default config scrapes itself and loads the given rule files', async () => {
    const health = await eventually(async () => {
      const targets = await getJson(`${prom.url}/api/v1/targets`)
      const self = targets.data.activeTargets.find((t: any) => t.labels.job === 'prometheus')
      return self?.health === 'up' ? self.health : undefined
    })
    expect(health).toBe('up')
    const rules = await getJson(`${prom.url}/api/v1/rules`)
    expect(rules.data.groups.map((g: any) => g.name)).toEqual(['harness'])
  })

  test('lifecycle endpoint is enabled', async () => {
    const response = await fetch(`${prom.url}/-/reload`, {method: 'POST'})
    expect(response.status).toBe(200)
  })
})

describe('single Alertmanager', () => {
  let am: AlertmanagerServer
  beforeAll(async () => {
    am = await startAlertmanager()
  })
  afterAll(() => am?.stop())

  test('answers /api/v2/status with version 0.25.x and no gossip', async () => {
    const status = await getJson(`${am.url}/api/v2/status`)
    expect(status.versionInfo.version).toMatch(/^0\.25\./)
    expect(status.cluster.status).toBe('disabled')
    expect(am.clusterAddress).toBeUndefined()
    expect(am.logs()).toContain('msg="Listening on"')
  })
})

describe('Alertmanager cluster of 2', () => {
  let peers: AlertmanagerServer[]
  beforeAll(async () => {
    peers = await startAlertmanagerCluster(2)
  })
  afterAll(() => stopAll(peers ?? []))

  test('both peers list 2 peers', async () => {
    for (const peer of peers) {
      const status = await getJson(`${peer.url}/api/v2/status`)
      expect(status.cluster.peers).toHaveLength(2)
      expect(status.cluster.peers.map((p: any) => p.address)).toContain(peer.clusterAddress)
    }
  })

  test('a silence created on peer A appears on peer B', async () => {
    // Given a silence posted to A
    const now = Date.now()
    const created = await getJson(`${peers[0]!.url}/api/v2/silences`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({
        matchers: [{name: 'harness', value: 'gossip', isRegex: false, isEqual: true}],
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
        createdBy: 'harness',
        comment: 'gossip test',
      }),
    })
    // Then B learns it by gossip
    const onB = await eventually(async () => {
      const silences = await getJson<any[]>(`${peers[1]!.url}/api/v2/silences`)
      return silences.find((s) => s.id === created.silenceID)
    })
    expect(onB.comment).toBe('gossip test')
  })
})

describe('notifications reach the sinks', () => {
  let am: AlertmanagerServer
  let http: HttpSink
  let smtp: SmtpSink
  beforeAll(async () => {
    ;[http, smtp] = await Promise.all([startHttpSink(), startSmtpSink()])
    am = await startAlertmanager({
      config: `route:
  receiver: hook
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  routes:
    - matchers: ['sink="mail"']
      receiver: mail
receivers:
  - name: hook
    webhook_configs:
      - url: ${http.url}/hook
  - name: mail
    email_configs:
      - to: ops@example.org
        from: alertmanager@example.org
        smarthost: ${smtp.address}
        require_tls: false
`,
    })
  })
  afterAll(async () => {
    await am?.stop()
    await Promise.all([http?.stop(), smtp?.stop()])
  })

  test('webhook receiver delivers a posted alert to the HTTP sink', async () => {
    expect((await postAlert(am.url, {alertname: 'HarnessWebhook', sink: 'hook'})).status).toBe(200)
    const request = await http.waitFor((r) => r.path === '/hook' && r.body.includes('HarnessWebhook'))
    expect(request.method).toBe('POST')
    expect(request.json).toMatchObject({status: 'firing', alerts: [{labels: {alertname: 'HarnessWebhook'}}]})
  })

  test('email receiver delivers a mail to the SMTP sink', async () => {
    expect((await postAlert(am.url, {alertname: 'HarnessMail', sink: 'mail'})).status).toBe(200)
    const mail = await smtp.waitFor((m) => m.data.includes('HarnessMail'))
    expect(mail.from).toBe('alertmanager@example.org')
    expect(mail.to).toEqual(['ops@example.org'])
  })

  test('HTTP sink answers 500 for a path set to fail, 200 elsewhere', async () => {
    http.setStatus('/fail', 500)
    expect((await fetch(`${http.url}/fail?x=1`, {method: 'POST', body: '{}'})).status).toBe(500)
    expect((await fetch(`${http.url}/ok`)).status).toBe(200)
    expect(http.requests.find((r) => r.path === '/fail?x=1')?.json).toEqual({})
  })
})

describe('stopping and failing', () => {
  test('stop kills the process and removes its temp dir', async () => {
    const am = await startAlertmanager()
    expect(isRunning(am.pid)).toBe(true)
    await am.stop()
    expect(() => process.kill(am.pid, 0)).toThrow()
    expect(existsSync(am.dir)).toBe(false)
  })

  test('a bad config fails fast with the server log in the error', async () => {
    await expect(startAlertmanager({config: 'route: {receiver: nowhere}\nreceivers: []\n'})).rejects.toThrow(
      /did not become ready[\s\S]*nowhere/,
    )
  })

  test('extra args replace defaults of the same flag', async () => {
    const am = await startAlertmanager({args: ['--log.level=debug']})
    try {
      expect(am.logs()).toContain('level=debug')
    } finally {
      await am.stop()
    }
  })
})

describe('network helpers', () => {
  test('hanging server accepts but never answers', async () => {
    const hanging = await startHangingServer()
    try {
      const error = await fetch(hanging.url, {signal: AbortSignal.timeout(300)}).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DOMException)
      expect((error as DOMException).name).toBe('TimeoutError')
    } finally {
      await hanging.stop()
    }
  })

  test('unusedUrl refuses connections', async () => {
    const error = await fetch(await unusedUrl()).catch((e: unknown) => e)
    expect((error as {cause?: {code?: string}}).cause?.code).toBe('ECONNREFUSED')
  })

  test('freePort can be listened on', async () => {
    const port = await freePort()
    const server = createServer()
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve))
    expect((server.address() as {port: number}).port).toBe(port)
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  test('isolatedEnv points HOME into the dir and drops SPOCK_* variables', async () => {
    const dir = await makeTempDir('spock-env-')
    process.env.SPOCK_HARNESS_PROBE = 'x'
    try {
      const env = isolatedEnv(dir)
      expect(env.HOME).toBe(dir)
      expect(env.XDG_CONFIG_HOME).toBe(`${dir}/.config`)
      expect(env.SPOCK_HARNESS_PROBE).toBeUndefined()
      expect(env.PATH).toBe(process.env.PATH)
    } finally {
      delete process.env.SPOCK_HARNESS_PROBE
      await removeTempDir(dir)
    }
  })
})
