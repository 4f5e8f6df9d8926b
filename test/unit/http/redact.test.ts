import {describe, expect, test} from 'vitest'
import {redactHeaders, redactText, redactUrl} from '../../../src/http/redact.js'

describe('redactUrl', () => {
  test.each([
    ['http://user:s3cret@host:9093/am', 'http://user:xxxxx@host:9093/am'],
    ['https://host/api?token=abc&x=1', 'https://host/api?token=%3Credacted%3E&x=1'],
    ['http://host:9090', 'http://host:9090/'],
  ])('%s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected)
    expect(redactUrl(input)).not.toContain('s3cret')
  })
})

describe('redactHeaders', () => {
  test('hides auth-like values and keeps the rest', () => {
    expect(redactHeaders({Authorization: 'Bearer t0ken', 'X-Api-Key': 'k', 'X-Scope-OrgID': 'team-a', Accept: 'json'})).toEqual({
      Authorization: '<redacted>',
      'X-Api-Key': '<redacted>',
      'X-Scope-OrgID': 'team-a',
      Accept: 'json',
    })
  })
})

describe('redactText', () => {
  test('removes every known secret and URL passwords', () => {
    const out = redactText('failed: token=hunter22 at http://bob:pa55@host/x and again hunter22', ['hunter22'])
    expect(out).toBe('failed: token=<redacted> at http://bob:xxxxx@host/x and again <redacted>')
  })
})
