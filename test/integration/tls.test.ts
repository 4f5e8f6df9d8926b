// TLS against a real Prometheus 2.42 serving HTTPS (--web.config.file) with a certificate from a test CA.
import {execFile} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startPrometheus, stopAll, type Server} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const run = promisify(execFile)
let dir: string
let prom: Server
let ca: string

/** A CA and a server certificate for 127.0.0.1 signed by it, made with openssl. */
async function makeCertificates(dir: string): Promise<void> {
  const openssl = (...args: string[]) => run('openssl', args, {cwd: dir})
  await openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=spock test CA', '-keyout', 'ca.key', '-out', 'ca.pem')
  await openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'server.key', '-out', 'server.csr')
  await writeFile(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n')
  await openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'server.pem')
}

beforeAll(async () => {
  dir = await makeTempDir('spock-tls-')
  await makeCertificates(dir)
  ca = join(dir, 'ca.pem')
  prom = await startPrometheus({tls: {certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server.key'), ca: await readFile(ca, 'utf8')}})
})
afterAll(async () => {
  await stopAll([prom].filter(Boolean))
  await removeTempDir(dir)
})

describe('TLS', () => {
  test('the server is HTTPS with a certificate no public root trusts: exit 3 and a hint', async () => {
    expect(prom.url).toMatch(/^https:\/\//)
    const r = await runCli(['status', '--only', 'prometheus', '--prometheus-url', prom.url])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/certificate/i)
    expect(r.stderr).not.toMatch(/\n\s+at /) // no stack trace
  })

  test('--ca-file trusts the test CA', async () => {
    const r = await runCli(['status', '--only', 'prometheus', '--prometheus-url', prom.url, '--ca-file', ca])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/prometheus\s+https:\/\/127\.0\.0\.1:\d+\s+ok\s+2\.42/)
  })

  test('a context tls_config.ca_file trusts the test CA', async () => {
    const file = join(dir, 'spock.yml')
    await writeFile(file, `current-context: secure\ncontexts:\n  secure:\n    prometheus:\n      url: ${prom.url}\n      tls_config:\n        ca_file: ${ca}\n`)
    const r = await runCli(['status', '--only', 'prometheus', '--spock-config', file])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })

  // bin/run.js's shebang moves NODE_EXTRA_CA_CERTS aside so that Node 20 does not read it at start-up;
  // spock must still trust those certificates, whether started through the shebang or as `node bin/run.js`.
  test.each([
    ['through the shebang', false],
    ['as node bin/run.js', true],
  ])('NODE_EXTRA_CA_CERTS is trusted when started %s', async (_how, viaNode) => {
    const r = await runCli(['status', '--only', 'prometheus', '--prometheus-url', prom.url], {env: {NODE_EXTRA_CA_CERTS: ca}, viaNode})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })

  test('--insecure-skip-verify connects without the CA', async () => {
    const r = await runCli(['status', '--only', 'prometheus', '--prometheus-url', prom.url, '--insecure-skip-verify'])
    expect(r.code).toBe(0)
  })
})
