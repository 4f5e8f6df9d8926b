import {describe, expect, it} from 'vitest'
import {redactReply, secretForms, smtpCredentialForms} from '../../../src/notify/redact-reply.js'

const SLACK = 'https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/abcdEFGHijklMNOPqrstUVWX'
const b64 = (s: string) => Buffer.from(s).toString('base64')

describe('redactReply', () => {
  const forms = secretForms([SLACK, 'https://hooks.example/x?token=QuerySecret123&team=ops', 'Basic dXNlcjpwYXNz', 'pd-routing-key'])

  it.each([
    ['the whole URL', `invalid ${SLACK}`],
    ['the request line', 'POST /services/T01ABCDEF/B02GHIJKL/abcdEFGHijklMNOPqrstUVWX HTTP/1.1'],
    ['one path segment', 'unknown token abcdEFGHijklMNOPqrstUVWX'],
    ['a JSON-escaped path', '{"path":"\\/services\\/T01ABCDEF\\/B02GHIJKL\\/abcdEFGHijklMNOPqrstUVWX"}'],
    ['a query value', 'token QuerySecret123 expired'],
    ['a URL-encoded URL', `bad ${encodeURIComponent(SLACK)}`],
    ['a header credential without its scheme', 'credentials dXNlcjpwYXNz rejected'],
    ['a routing key in an echoed body', '{"routing_key":"pd-routing-key"}'],
  ])('%s', (_, text) => {
    const out = redactReply(text, forms)
    for (const secret of ['abcdEFGHijklMNOPqrstUVWX', 'QuerySecret123', 'dXNlcjpwYXNz', 'pd-routing-key']) expect(out).not.toContain(secret)
    expect(out).toContain('<redacted>')
  })

  it('drops the query string of any URL in the text', () => {
    expect(redactReply('see https://other.example/a?sig=xyz123 now', [])).toBe('see https://other.example/a?<redacted> now')
  })

  it('catches a secret cut off at the end of a shortened reply', () => {
    expect(redactReply('{"url":"/services/T01ABCDEF/B02GHIJKL/abcdEFGH', forms)).toBe('{"url":"<redacted>')
  })

  it('leaves plain words of a path alone', () => {
    expect(redactReply('no such services here', forms)).toBe('no such services here')
  })
})

describe('smtpCredentialForms', () => {
  it('covers what AUTH PLAIN and AUTH LOGIN send', () => {
    const forms = secretForms(smtpCredentialForms('alice', 'pw-secret'))
    const echoed = `535 rejected AUTH PLAIN ${b64('\0alice\0pw-secret')} then ${b64('pw-secret')} and ${b64('\0alice\0pw-secret').replace(/=+$/, '')}`
    expect(redactReply(echoed, forms)).toBe('535 rejected AUTH PLAIN <redacted> then <redacted> and <redacted>')
  })
})
