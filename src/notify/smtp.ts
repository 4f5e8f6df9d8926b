// A minimal SMTP client for test mails: EHLO, STARTTLS (or implicit TLS on 465), AUTH PLAIN/LOGIN, one message.
import {connect as netConnect, type Socket} from 'node:net'
import {connect as tlsConnect, type TLSSocket} from 'node:tls'
import {defaultCa} from '../http/extra-ca.js'

export interface SmtpOptions {
  host: string
  port: number
  hello: string
  from: string
  to: string[]
  requireTls: boolean
  insecureSkipVerify?: boolean
  auth?: {username: string; password: string}
  timeoutMs: number
}

export interface SmtpResult {
  ok: boolean
  reply: string // the server's last reply line (e.g. "250 2.0.0 Ok: queued")
}

class Conversation {
  private buffer = ''
  private waiting?: (line: string) => void
  private failure?: Error

  constructor(public socket: Socket | TLSSocket) {
    this.attach(socket)
  }

  attach(socket: Socket | TLSSocket): void {
    this.socket = socket
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      this.buffer += chunk
      this.flush()
    })
    socket.on('error', (err) => {
      this.failure = err
      this.flush()
    })
  }

  /** The next complete reply (multi-line replies joined), as "code text". */
  async reply(): Promise<{code: number; text: string}> {
    const line = await new Promise<string>((resolve, reject) => {
      this.waiting = resolve
      this.flush()
      if (this.failure) reject(this.failure)
    })
    return {code: Number(line.slice(0, 3)), text: line}
  }

  async command(line: string, expect: number[]): Promise<string> {
    this.socket.write(`${line}\r\n`)
    const r = await this.reply()
    if (!expect.includes(r.code)) throw new Error(`${line.split(' ')[0]} rejected: ${r.text}`)
    return r.text
  }

  private flush(): void {
    if (!this.waiting) return
    if (this.failure) return
    const lines = this.buffer.split('\r\n')
    for (let i = 0; i < lines.length - 1; i++) {
      if (/^\d{3} /.test(lines[i]!) || /^\d{3}$/.test(lines[i]!)) {
        const reply = lines.slice(0, i + 1).map((l) => l.slice(4)).join(' | ')
        this.buffer = lines.slice(i + 1).join('\r\n')
        const resolve = this.waiting
        this.waiting = undefined
        resolve(`${lines[i]!.slice(0, 3)} ${reply}`)
        return
      }
    }
  }
}

export async function sendMail(o: SmtpOptions, subject: string, body: string): Promise<SmtpResult> {
  const implicitTls = o.port === 465
  const socket = await open(o, implicitTls)
  socket.setTimeout(o.timeoutMs, () => socket.destroy(new Error(`no answer within ${o.timeoutMs / 1000}s`)))
  const c = new Conversation(socket)
  try {
    const greeting = await c.reply()
    if (greeting.code !== 220) throw new Error(`unexpected greeting: ${greeting.text}`)
    let ehlo = await c.command(`EHLO ${o.hello}`, [250])
    if (!implicitTls && /STARTTLS/i.test(ehlo)) {
      await c.command('STARTTLS', [220])
      c.attach(tlsConnect({socket: c.socket as Socket, servername: o.host, rejectUnauthorized: !o.insecureSkipVerify, ca: defaultCa()}))
      ehlo = await c.command(`EHLO ${o.hello}`, [250])
    } else if (!implicitTls && o.requireTls) {
      throw new Error('the server does not offer STARTTLS and require_tls is true')
    }
    if (o.auth) {
      const plain = Buffer.from(`\0${o.auth.username}\0${o.auth.password}`).toString('base64')
      await c.command(`AUTH PLAIN ${plain}`, [235])
    }
    await c.command(`MAIL FROM:<${o.from}>`, [250])
    for (const to of o.to) await c.command(`RCPT TO:<${to}>`, [250, 251])
    await c.command('DATA', [354])
    const last = await c.command(`${message(o, subject, body)}\r\n.`, [250])
    await c.command('QUIT', [221]).catch(() => undefined)
    return {ok: true, reply: last}
  } finally {
    c.socket.destroy()
  }
}

function open(o: SmtpOptions, implicitTls: boolean): Promise<Socket | TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = implicitTls
      ? tlsConnect({host: o.host, port: o.port, servername: o.host, rejectUnauthorized: !o.insecureSkipVerify, ca: defaultCa()}, () => resolve(s))
      : netConnect({host: o.host, port: o.port}, () => resolve(s))
    s.once('error', reject)
  })
}

function message(o: SmtpOptions, subject: string, body: string): string {
  const headers = [
    `From: ${o.from}`,
    `To: ${o.to.join(', ')}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-Id: <spock.${Date.now()}.${Math.random().toString(36).slice(2)}@${o.hello}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
  ]
  // Dot-stuffing: a line starting with "." gets another one.
  return `${headers.join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}`
}
