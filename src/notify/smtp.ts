// One test mail over SMTP, the way Alertmanager sends it: implicit TLS on port 465, STARTTLS when require_tls
// is true (and a failure when the server does not offer it, which Alertmanager applies on port 465 too), AUTH
// only when a username is set and the server offers AUTH. The protocol is nodemailer's, loaded only when a mail
// is sent.
import type {SMTPConnectionAuth, SMTPConnectionOptions, SMTPConnectionSendInfo} from 'nodemailer/lib/smtp-connection'
import {defaultCa} from '../http/extra-ca.js'

export interface SmtpOptions {
  host: string
  port: number
  hello: string
  from: string // envelope sender (address only)
  to: string[] // envelope recipients (addresses only)
  headers?: {from?: string; to?: string} // header forms, e.g. "Alertmanager <am@example.com>"
  requireTls: boolean
  insecureSkipVerify?: boolean
  serverName?: string // tls_config.server_name
  ca?: string // tls_config.ca_file contents; else the system roots and the deferred extra CAs
  auth?: SmtpAuth
  timeoutMs: number
}

export interface SmtpAuth {
  username: string
  password?: string // PLAIN and LOGIN
  secret?: string // CRAM-MD5 (Alertmanager's auth_secret)
}

interface SmtpResult {
  ok: boolean
  reply: string // the server's reply to the message (e.g. "250 2.0.0 Ok: queued")
}

/** What the message looks like on the wire: the test needs a plain one. */
interface MailContent {
  subject: string
  body: string
  /** An HTML part (multipart/alternative with the text when that is not empty), as Alertmanager sends. */
  html?: string
}

/** nodemailer's connection options for these settings: every timeout is --timeout. */
export function connectionOptions(o: SmtpOptions): SMTPConnectionOptions {
  return {
    host: o.host,
    port: o.port,
    secure: o.port === 465,
    // Alertmanager speaks STARTTLS only with require_tls; with it, the upgrade is checked after EHLO (connect()).
    ignoreTLS: !o.requireTls,
    name: o.hello,
    connectionTimeout: o.timeoutMs,
    greetingTimeout: o.timeoutMs,
    socketTimeout: o.timeoutMs,
    dnsTimeout: o.timeoutMs,
    socketCloseTimeout: 0,
    logger: false,
    debug: false,
    tls: {rejectUnauthorized: !o.insecureSkipVerify, ca: o.ca ?? defaultCa(), ...(o.serverName ? {servername: o.serverName} : {})},
  }
}

/** The AUTH nodemailer runs: PLAIN or LOGIN (its choice from the server's list) with a password, CRAM-MD5 with a secret. */
export function authFor(a: SmtpAuth): SMTPConnectionAuth {
  if (a.password) return {user: a.username, pass: a.password}
  if (a.secret) return {user: a.username, pass: a.secret, method: 'CRAM-MD5'}
  throw new SmtpFailure(`auth_username "${a.username}" is set but neither auth_password nor auth_secret is`)
}

/** A failure whose message is already the one line to show. */
export class SmtpFailure extends Error {}

export async function sendMail(o: SmtpOptions, mail: MailContent): Promise<SmtpResult> {
  // Alertmanager asks for STARTTLS even inside port 465's TLS, where servers do not offer it: it cannot deliver.
  if (o.port === 465 && o.requireTls) {
    throw new SmtpFailure('port 465 is implicit TLS, where Alertmanager with require_tls true still wants STARTTLS and fails; set require_tls: false for this smarthost')
  }
  const [{default: SMTPConnection}, message] = await Promise.all([import('nodemailer/lib/smtp-connection'), compose(o, mail)])
  const conn = new SMTPConnection(connectionOptions(o))
  let fail: (err: Error) => void = () => undefined
  const failed = new Promise<never>((_, reject) => (fail = reject))
  failed.catch(() => undefined)
  conn.on('error', (err: Error) => fail(err))
  conn.on('end', () => fail(new SmtpFailure('the server closed the connection')))
  // Each phase has its own nodemailer timeout; this bounds the whole conversation (a server trickling bytes).
  const deadline = setTimeout(() => fail(new SmtpFailure(late(conn, o.timeoutMs))), o.timeoutMs)
  const step = <T>(run: (done: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> =>
    Promise.race([failed, new Promise<T>((resolve, reject) => run((err, value) => (err ? reject(err) : resolve(value as T))))])
  try {
    await step<void>((done) => conn.connect((err) => done(err)))
    if (o.requireTls && !conn.secure) throw new SmtpFailure(`the server does not offer STARTTLS and require_tls is true`)
    if (o.auth && conn.allowsAuth) {
      const auth = authFor(o.auth)
      await step<boolean | undefined>((done) => conn.login(auth, done))
    }
    const info = await step<SMTPConnectionSendInfo>((done) => conn.send({from: o.from, to: o.to}, message, (err, info) => done(err, info)))
    settle(conn)
    conn.quit()
    setTimeout(() => conn.close(), 1000).unref() // a server that never answers QUIT
    // Alertmanager fails the notification when any RCPT TO is refused; nodemailer goes on with the others.
    const refused = (info.rejectedErrors ?? []).map((e) => oneLine(e.message))
    if (refused.length > 0) return {ok: false, reply: `recipient refused: ${refused.join('; ')}`}
    return {ok: true, reply: oneLine(info.response)}
  } catch (err) {
    settle(conn)
    conn.close()
    throw new SmtpFailure(describe(err, o.timeoutMs))
  } finally {
    clearTimeout(deadline)
  }
}

/** The result is known: later events of the connection are of no interest. */
function settle(conn: import('node:events').EventEmitter): void {
  conn.removeAllListeners('end')
  conn.removeAllListeners('error')
  conn.on('error', () => undefined)
}

async function compose(o: SmtpOptions, mail: MailContent): Promise<Buffer> {
  const {default: MailComposer} = await import('nodemailer/lib/mail-composer')
  const id = `<spock.${Date.now()}.${Math.random().toString(36).slice(2)}@${o.hello}>`
  const node = new MailComposer({
    from: o.headers?.from ?? o.from,
    to: o.headers?.to ?? o.to.join(', '),
    subject: mail.subject,
    ...(mail.html === undefined || mail.body !== '' ? {text: mail.body} : {}),
    ...(mail.html === undefined ? {} : {html: mail.html}),
    date: new Date(),
    messageId: id,
    xMailer: false,
  }).compile()
  return node.build()
}

/** One line for the table: nodemailer's message with its codes turned into words. */
export function describe(err: unknown, timeoutMs: number): string {
  if (err instanceof SmtpFailure) return err.message
  const e = err as Error & {code?: string; originalCode?: string; timeoutType?: string; response?: string}
  const cause = e.originalCode ?? e.code
  if (cause === 'ECONNREFUSED') return 'connection refused'
  if (cause === 'ENOTFOUND' || cause === 'EAI_AGAIN') return `cannot resolve the host (${cause})`
  if (e.timeoutType === 'CONNECT_TIMEOUT') return `cannot connect within ${seconds(timeoutMs)}`
  if (e.timeoutType === 'GREETING_TIMEOUT') return `no greeting from the server within ${seconds(timeoutMs)}`
  if (e.timeoutType === 'UPGRADE_TIMEOUT') return `STARTTLS handshake not done within ${seconds(timeoutMs)}`
  if (e.timeoutType === 'SOCKET_TIMEOUT') return `no answer from the server within ${seconds(timeoutMs)}`
  if (cause === 'ECONNRESET' || cause === 'EPIPE' || /\b(ECONNRESET|EPIPE)\b/.test(e.message ?? '')) return 'the server closed the connection (reset)'
  if (e.code === 'ECONNECTION' && /closed/i.test(e.message)) return oneLine(`the server closed the connection${e.response ? `: ${e.response}` : ''}`)
  if (e.code === 'ETLS' || /CERT|UNABLE_TO|SELF_SIGNED|ERR_TLS|ERR_SSL/.test(cause ?? '')) return oneLine(`TLS: ${e.message}`)
  return oneLine(e.message ?? String(err))
}

/** Why the whole conversation ran out of time, in the words nodemailer's own timeouts get. */
function late(conn: {stage: string; lastServerResponse: string | false}, timeoutMs: number): string {
  if (conn.stage !== 'connected') return `cannot connect within ${seconds(timeoutMs)}`
  if (conn.lastServerResponse === false) return `no greeting from the server within ${seconds(timeoutMs)}`
  return `no answer from the server within ${seconds(timeoutMs)}`
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' | ').trim()
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`
}
