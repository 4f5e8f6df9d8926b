import {describe, expect, it} from 'vitest'
import {authFor, connectionOptions, describe as describeError, sendMail, SmtpFailure, type SmtpOptions} from '../../../src/notify/smtp.js'

const base: SmtpOptions = {host: 'mail.example', port: 587, hello: 'am.example', from: 'a@x', to: ['b@x'], requireTls: true, timeoutMs: 4000}

describe('connectionOptions', () => {
  it('port 465 is implicit TLS; elsewhere STARTTLS only with require_tls, as in Alertmanager', () => {
    expect(connectionOptions({...base, port: 465})).toMatchObject({secure: true})
    expect(connectionOptions(base)).toMatchObject({secure: false, ignoreTLS: false})
    expect(connectionOptions({...base, requireTls: false})).toMatchObject({secure: false, ignoreTLS: true})
  })

  it('every timeout is --timeout; hello, verification and server name pass through', () => {
    const o = connectionOptions({...base, insecureSkipVerify: true, serverName: 'smtp.internal'})
    expect(o).toMatchObject({name: 'am.example', connectionTimeout: 4000, greetingTimeout: 4000, socketTimeout: 4000, dnsTimeout: 4000, logger: false})
    expect(o.tls).toMatchObject({rejectUnauthorized: false, servername: 'smtp.internal'})
    expect(connectionOptions(base).tls).toMatchObject({rejectUnauthorized: true})
  })
})

describe('authFor', () => {
  it('a password lets nodemailer pick PLAIN or LOGIN; a secret alone means CRAM-MD5', () => {
    expect(authFor({username: 'u', password: 'p'})).toEqual({user: 'u', pass: 'p'})
    expect(authFor({username: 'u', secret: 's'})).toEqual({user: 'u', pass: 's', method: 'CRAM-MD5'})
    expect(() => authFor({username: 'u'})).toThrow(SmtpFailure)
  })
})

describe('describe', () => {
  it.each([
    [Object.assign(new Error('Connection closed unexpectedly'), {code: 'ESOCKET', originalCode: 'ECONNREFUSED'}), 'connection refused'],
    [Object.assign(new Error('Greeting never received'), {code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT'}), 'no greeting from the server within 2.5s'],
    [Object.assign(new Error('Timeout'), {code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT'}), 'no answer from the server within 2.5s'],
    [Object.assign(new Error('Connection closed unexpectedly'), {code: 'ECONNECTION'}), 'the server closed the connection'],
    [new Error('Invalid login: 535 5.7.8 no\r\nsecond line'), 'Invalid login: 535 5.7.8 no | second line'],
  ])('%s', (err, text) => {
    expect(describeError(err, 2500)).toBe(text)
  })
})

describe('sendMail', () => {
  it('port 465 with require_tls fails as in Alertmanager, which wants STARTTLS inside TLS, and says what to set', async () => {
    await expect(sendMail({...base, host: '127.0.0.1', port: 465}, {subject: 's', body: 'b'})).rejects.toThrow(/port 465 .* set require_tls: false/)
  })
})
