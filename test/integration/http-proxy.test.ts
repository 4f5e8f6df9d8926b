// HTTP_PROXY / HTTPS_PROXY / NO_PROXY with the built CLI and real Prometheus servers (plain and HTTPS),
// through a loopback proxy (test/support/forward-proxy.ts). The servers are addressed by names under
// .spock-test, which only the proxy maps to 127.0.0.1: a request that bypasses the proxy cannot arrive.
import {execFile} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {startForwardProxy, type ForwardProxy} from '../support/forward-proxy.js'
import {runCli} from '../support/run-cli.js'
import {startPrometheus, stopAll, unusedUrl, type Server} from '../support/servers.js'
import {startHttpSink, type HttpSink} from '../support/sinks.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const HOSTS = {'prometheus.spock-test': '127.0.0.1', 'hooks.spock-test': '127.0.0.1'}
let dir: string
let prom: Server
let promTls: Server
let proxy: ForwardProxy
let authProxy: ForwardProxy
let sink: HttpSink
let ca: string

/** A CA and a certificate for prometheus.spock-test (and 127.0.0.1) signed by it. */
async function makeCertificates(dir: string): Promise<void> {
  const openssl = (...args: string[]) => promisify(execFile)('openssl', args, {cwd: dir})
  await openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=spock proxy test CA', '-keyout', 'ca.key', '-out', 'ca.pem')
  await openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=prometheus.spock-test', '-keyout', 'server.key', '-out', 'server.csr')
  await writeFile(join(dir, 'san.ext'), 'subjectAltName=DNS:prometheus.spock-test,IP:127.0.0.1\n') // the IP for the readiness probe
  await openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'server.pem')
}

beforeAll(async () => {
  dir = await makeTempDir('spock-http-proxy-')
  await makeCertificates(dir)
  ca = join(dir, 'ca.pem')
  ;[prom, promTls, proxy, authProxy, sink] = await Promise.all([
    startPrometheus(),
    startPrometheus({tls: {certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server.key'), ca: await readFile(ca, 'utf8')}}),
    startForwardProxy({hosts: HOSTS}),
    startForwardProxy({hosts: HOSTS, auth: {user: 'spock', password: 'pr0xy-pass'}}),
    startHttpSink(),
  ])
})
afterAll(async () => {
  await Promise.all([proxy?.stop(), authProxy?.stop(), sink?.stop()])
  await stopAll([prom, promTls].filter(Boolean))
  await removeTempDir(dir)
})

const named = (server: Server) => server.url.replace('127.0.0.1', 'prometheus.spock-test')
const status = (url: string, env: NodeJS.ProcessEnv, ...extra: string[]) =>
  runCli(['status', '--only', 'prometheus', '--prometheus-url', url, ...extra], {env})

describe('proxies from the environment', () => {
  test('without a proxy the .spock-test name does not resolve (so the tests below prove the proxy is used)', async () => {
    const r = await status(named(prom), {})
    expect(r.code).toBe(3)
  })

  test('HTTP_PROXY: http:// requests are forwarded by the proxy', async () => {
    proxy.seen.length = 0
    const r = await status(named(prom), {HTTP_PROXY: proxy.url})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/prometheus\s+http:\/\/prometheus\.spock-test:\d+\s+ok\s+2\.42/)
    expect(proxy.seen).toContainEqual({method: 'GET', target: `${named(prom)}/-/healthy`})
  })

  test('HTTPS_PROXY: https:// requests go through a CONNECT tunnel; the certificate is checked end to end', async () => {
    proxy.seen.length = 0
    const r = await status(named(promTls), {HTTPS_PROXY: proxy.url}, '--ca-file', ca)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(proxy.seen).toContainEqual({method: 'CONNECT', target: `prometheus.spock-test:${promTls.port}`})
  })

  test('no_proxy (lower case) bypasses the proxy for the hosts it names', async () => {
    proxy.seen.length = 0
    const r = await status(named(prom), {HTTP_PROXY: proxy.url, no_proxy: 'example.org,.spock-test'})
    expect(r.code).toBe(3)
    expect(proxy.seen).toEqual([])
  })

  test('loopback addresses never go through the proxy (as in Go)', async () => {
    const r = await status(prom.url, {HTTP_PROXY: await unusedUrl()})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })

  test('proxy credentials come from the proxy URL; a refused proxy is named with its password hidden', async () => {
    const [host, port] = authProxy.url.replace('http://', '').split(':')
    const good = await status(named(prom), {HTTP_PROXY: `http://spock:pr0xy-pass@${host}:${port}`})
    expect(good.stderr).toBe('')
    expect(good.code).toBe(0)
    const bad = await runCli(['silences', 'list', '--alertmanager-url', 'http://prometheus.spock-test:1'], {env: {HTTP_PROXY: `http://spock:wr0ng-pass@${host}:${port}`}})
    expect(bad.code).toBe(3)
    expect(bad.stderr).toMatch(/^spock: error: cannot reach http:\/\/prometheus\.spock-test:1\/api\/v2\/status: .*407.* \(through proxy http:\/\/xxxxx:xxxxx@127\.0\.0\.1:\d+\/\)\n {2}hint: check the proxy/)
    expect(bad.stderr).not.toContain('wr0ng-pass')
  })

  test('test-alert --direct posts through the proxy too', async () => {
    const config = join(dir, 'alertmanager.yml')
    const hook = `${sink.url.replace('127.0.0.1', 'hooks.spock-test')}/hook/s3cret-path`
    await writeFile(config, `route:\n  receiver: hook\nreceivers:\n  - name: hook\n    webhook_configs: [{url: '${hook}'}]\n`)
    proxy.seen.length = 0
    const r = await runCli(['test-alert', '--direct', '--config', config, '--receiver', 'hook'], {env: {HTTP_PROXY: proxy.url}})
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(/hook\s+webhook http:\/\/hooks\.spock-test:\d+\/…\s+ok \(HTTP 200\)/)
    expect(proxy.seen).toContainEqual({method: 'POST', target: hook})
    await sink.waitFor((q) => q.path === '/hook/s3cret-path')
  })
})
