// spock test-alert --direct --channel email against real and misbehaving SMTP servers (smtp-server and scripted peers).
import {execFile} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli, type CliResult} from '../support/run-cli.js'
import {plainSmtp, startScriptedSmtp, startSmtpSink, type ScriptedSmtp, type SmtpSink} from '../support/sinks.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const USER = 'alertmanager-user'
const PASSWORD = 'Sm7p-Pa55word-planted'
const HANG_BOUND_MS = 20_000

let dir: string
let caFile: string
let cert: {key: string; cert: string}
const stops: {stop(): Promise<void>}[] = []

/** A CA and a certificate for 127.0.0.1 signed by it, made with openssl. */
async function makeCertificates(): Promise<void> {
  const openssl = (...args: string[]) => promisify(execFile)('openssl', args, {cwd: dir})
  await openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=spock smtp test CA', '-keyout', 'ca.key', '-out', 'ca.pem')
  await openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'server.key', '-out', 'server.csr')
  await writeFile(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n')
  await openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'server.pem')
  caFile = join(dir, 'ca.pem')
  cert = {key: await readFile(join(dir, 'server.key'), 'utf8'), cert: await readFile(join(dir, 'server.pem'), 'utf8')}
}

beforeAll(async () => {
  dir = await makeTempDir('spock-notify-email-')
  await makeCertificates()
})
afterAll(async () => {
  await Promise.all(stops.map((s) => s.stop()))
  await removeTempDir(dir)
})

async function sink(opts: Parameters<typeof startSmtpSink>[0]): Promise<SmtpSink> {
  const s = await startSmtpSink(opts)
  stops.push(s)
  return s
}

async function scripted(...args: Parameters<typeof startScriptedSmtp>): Promise<ScriptedSmtp> {
  const s = await startScriptedSmtp(...args)
  stops.push(s)
  return s
}

let configs = 0
/** An alertmanager.yml with one email receiver; `email` is the body of its email_configs entry. */
async function emailConfig(email: Record<string, unknown>): Promise<string> {
  const file = join(dir, `alertmanager-${++configs}.yml`)
  const entry = {to: 'oncall@example.test', from: 'Alertmanager <am@example.test>', ...email}
  await writeFile(file, `route:\n  receiver: mail\nreceivers:\n  - name: mail\n    email_configs:\n      - ${JSON.stringify(entry)}\n`)
  return file
}

const argv = (file: string, args: string[]) => ['test-alert', '--direct', '--config', file, '--channel', 'email', ...args]
const direct = (file: string, ...args: string[]): Promise<CliResult> => runCli(argv(file, args))
const directJson = (file: string, ...args: string[]) => direct(file, '-o', 'json', ...args).then((r) => ({...r, body: JSON.parse(r.stdout)}))

describe('delivery', () => {
  test('STARTTLS and AUTH PLAIN; the certificate is trusted through NODE_EXTRA_CA_CERTS', async () => {
    const s = await sink({starttls: cert, auth: {username: USER, password: PASSWORD, methods: ['PLAIN']}})
    const file = await emailConfig({smarthost: s.address, auth_username: USER, auth_password: PASSWORD, require_tls: true, hello: 'spock.example.test'})
    const run = await runCli(argv(file, ['-o', 'json']), {env: {NODE_EXTRA_CA_CERTS: caFile}})
    const r = {...run, body: JSON.parse(run.stdout)}
    expect(r.code, r.stderr).toBe(0)
    expect(r.body.direct).toEqual([expect.objectContaining({integration: 'email', endpoint: `smtp://${s.address}`, ok: true, detail: expect.stringMatching(/^250 /)})])
    const mail = await s.waitFor((m) => m.data.includes(r.body.id))
    expect(mail).toMatchObject({secure: true, auth: {username: USER, method: 'PLAIN'}, from: 'am@example.test', to: ['oncall@example.test']})
    expect(mail.data).toMatch(/^Subject: \[FIRING:1\]  \(SpockTestAlert /m) // email.default.subject, rendered: no group labels on this route
    expect(mail.data).toMatch(/^From: Alertmanager <am@example\.test>$/m)
    expect(r.stdout + r.stderr).not.toContain(PASSWORD)
  }, 30_000)

  // runCli has no NODE_EXTRA_CA_CERTS unless given: the CA above is only known to the previous test through it.
  test.each([['without', false], ['with', true]])('STARTTLS and AUTH LOGIN, a certificate no root trusts, %s insecure_skip_verify', async (_, skip) => {
    const s = await sink({starttls: cert, auth: {username: USER, password: PASSWORD, methods: ['LOGIN']}})
    const file = await emailConfig({smarthost: s.address, auth_username: USER, auth_password: PASSWORD, tls_config: {insecure_skip_verify: skip}})
    const r = await directJson(file)
    if (!skip) {
      expect(r.code).toBe(1)
      expect(r.body.direct[0].detail).toMatch(/^TLS: .*certificate/i)
      expect(s.messages).toEqual([])
      return
    }
    expect(r.code, r.stderr).toBe(0)
    const mail = await s.waitFor((m) => m.data.includes(r.body.id))
    expect(mail).toMatchObject({secure: true, auth: {username: USER, method: 'LOGIN'}})
  }, 30_000)

  test('STARTTLS and AUTH CRAM-MD5 with auth_secret; the CA from tls_config.ca_file', async () => {
    const s = await sink({starttls: cert, auth: {username: USER, password: PASSWORD, methods: ['CRAM-MD5']}})
    const file = await emailConfig({smarthost: s.address, auth_username: USER, auth_secret: PASSWORD, tls_config: {ca_file: caFile}})
    const r = await directJson(file)
    expect(r.code, r.stdout).toBe(0)
    const mail = await s.waitFor((m) => m.data.includes(r.body.id))
    expect(mail).toMatchObject({secure: true, auth: {username: USER, method: 'CRAM-MD5'}})
  }, 30_000)

  test('wrong password: exit 1 with the server\'s 535 reply', async () => {
    const s = await sink({starttls: cert, auth: {username: USER, password: PASSWORD, methods: ['PLAIN', 'LOGIN']}})
    const file = await emailConfig({smarthost: s.address, auth_username: USER, auth_password: 'not-the-password', tls_config: {insecure_skip_verify: true}})
    const r = await direct(file)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/mail\s+email smtp:\/\/127\.0\.0\.1:\d+\s+FAILED: Invalid login: 535 .*Invalid username or password/)
    expect(s.messages).toEqual([])
  }, 30_000)

  test('require_tls against a server without STARTTLS fails before AUTH and says why', async () => {
    const s = await sink({auth: {username: USER, password: PASSWORD, methods: ['PLAIN']}})
    const file = await emailConfig({smarthost: s.address, auth_username: USER, auth_password: PASSWORD, require_tls: true})
    const r = await direct(file)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/FAILED: the server does not offer STARTTLS and require_tls is true/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(s.messages).toEqual([])
  }, 30_000)

  test('one recipient refused fails the run, as in Alertmanager', async () => {
    const peer = await scripted((line) => (/^RCPT TO:<nobody@/i.test(line) ? '550 5.1.1 <nobody@example.test>: Recipient address rejected' : plainSmtp(line)))
    const file = await emailConfig({smarthost: peer.address, require_tls: false, to: 'oncall@example.test, Nobody <nobody@example.test>'})
    const r = await directJson(file)
    expect(r.code).toBe(1)
    expect(r.body.direct[0].detail).toMatch(/^recipient refused: .*550 5\.1\.1 <nobody@example\.test>: Recipient address rejected$/)
  }, 30_000)
})

describe('a server that misbehaves: one line, exit 1, no hang', () => {
  const failsWithin = async (file: string, detail: RegExp, ...args: string[]) => {
    const started = Date.now()
    const r = await directJson(file, ...args)
    expect(Date.now() - started).toBeLessThan(HANG_BOUND_MS)
    expect(r.code).toBe(1)
    expect(r.body.direct).toEqual([expect.objectContaining({ok: false, detail: expect.stringMatching(detail)})])
    expect(r.body.direct[0].detail).not.toContain('\n')
    expect(r.body.problems).toEqual([expect.stringMatching(/^mail\/email\[0\] smtp:\/\/127\.0\.0\.1:\d+: /)])
    expect(r.stderr).toBe('')
    return r
  }

  test('drops the connection after MAIL FROM', async () => {
    const peer = await scripted((line) => (/^MAIL FROM/i.test(line) ? 'drop' : plainSmtp(line)))
    const file = await emailConfig({smarthost: peer.address, require_tls: false})
    await failsWithin(file, /^the server closed the connection/)
    expect(peer.lines.some((l) => l.startsWith('MAIL FROM'))).toBe(true)
  }, HANG_BOUND_MS + 5_000)

  test('drops the connection during DATA', async () => {
    const peer = await scripted((line, state) => (state.inData && /^Subject:/i.test(line) ? 'drop' : plainSmtp(line)))
    const file = await emailConfig({smarthost: peer.address, require_tls: false})
    await failsWithin(file, /^the server closed the connection/)
    expect(peer.lines).toContain('DATA')
  }, HANG_BOUND_MS + 5_000)

  test('accepts TCP but never greets: fails within --timeout', async () => {
    const peer = await scripted(() => undefined, {greet: false})
    const file = await emailConfig({smarthost: peer.address, require_tls: false})
    await failsWithin(file, /^no greeting from the server within 2s$/, '--timeout', '2s')
  }, HANG_BOUND_MS + 5_000)

  test('stops answering after EHLO: fails within --timeout', async () => {
    const peer = await scripted((line) => (/^MAIL FROM/i.test(line) ? undefined : plainSmtp(line)))
    const file = await emailConfig({smarthost: peer.address, require_tls: false})
    await failsWithin(file, /^no answer from the server within 2s$/, '--timeout', '2s')
  }, HANG_BOUND_MS + 5_000)
})

describe('a server that echoes the credentials it was sent', () => {
  /** Rejects AUTH, quoting every AUTH line it received (base64 as sent) and the decoded credentials. */
  const echo = (method: 'PLAIN' | 'LOGIN') => {
    // The AUTH lines of each session, once AUTH started: per connection, as the table and JSON runs overlap.
    const sessions = new WeakMap<object, string[]>()
    return (line: string, state: object): string | undefined => {
      if (/^EHLO /i.test(line)) {
        sessions.delete(state)
        return `250-echo.test\r\n250 AUTH ${method}`
      }
      if (/^AUTH LOGIN$/i.test(line)) {
        sessions.set(state, [])
        return '334 VXNlcm5hbWU6'
      }
      if (/^AUTH PLAIN /i.test(line)) sessions.set(state, [])
      const seen = sessions.get(state)
      if (seen) {
        seen.push(line)
        if (method === 'LOGIN' && seen.length === 1) return `334 UGFzc3dvcmQ6 (user ${line})`
        const decoded = seen.map((l) => Buffer.from(l.replace(/^AUTH PLAIN /i, ''), 'base64').toString('utf8').replaceAll('\0', ' ')).join(' ')
        return `535 5.7.8 rejected ${seen.join(' ')} decoded:${decoded}`
      }
      return plainSmtp(line)
    }
  }

  test.each(['PLAIN', 'LOGIN'] as const)('AUTH %s: no credential in any form in table or JSON output', async (method) => {
    const peer = await scripted(echo(method))
    const passwordFile = join(dir, `smtp-password-${method}`)
    await writeFile(passwordFile, `${PASSWORD}\n`)
    const file = await emailConfig({smarthost: peer.address, require_tls: false, auth_username: USER, auth_password_file: passwordFile})
    const b64 = (s: string) => Buffer.from(s).toString('base64')
    const planted = [PASSWORD, b64(PASSWORD), b64(`\0${USER}\0${PASSWORD}`), b64(`\0${USER}\0${PASSWORD}`).replace(/=+$/, '')]
    // The peer really did receive and echo them.
    const [table, json] = await Promise.all([direct(file), directJson(file)])
    expect(peer.lines.join(' ')).toContain(method === 'PLAIN' ? planted[2] : planted[1])
    for (const r of [table, json]) {
      expect(r.code).toBe(1)
      for (const p of planted) {
        expect(r.stdout).not.toContain(p)
        expect(r.stderr).not.toContain(p)
      }
    }
    expect(table.stdout).toMatch(/FAILED: Invalid login: 535 5\.7\.8 rejected .*<redacted>/)
    expect(json.body.direct[0].detail).toMatch(/^Invalid login: 535 5\.7\.8 rejected .*<redacted>/)
  }, 30_000)
})
