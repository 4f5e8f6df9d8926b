import {describe, expect, test} from 'vitest'
import {isSecretHeader, redactHeaders, redactText, redactUrl} from '../../../src/http/redact.js'

describe('redactUrl', () => {
  test.each([
    ['http://user:s3cret@host:9093/am', 'http://xxxxx:xxxxx@host:9093/am'],
    ['http://s3cret@host:9093/am', 'http://xxxxx@host:9093/am'],
    ['https://host/api?token=abc&x=1', 'https://host/api?token=%3Credacted%3E&x=1'],
    ['https://host/api?apiKey=s3cret', 'https://host/api?apiKey=%3Credacted%3E'],
    ['http://host:9090', 'http://host:9090/'],
    ['not a url //s3cret@x', 'not a url //<redacted>@x'],
  ])('%s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected)
    expect(redactUrl(input)).not.toContain('s3cret')
  })
})

describe('redactHeaders', () => {
  test('hides every value except a short allow-list', () => {
    const headers = {
      Authorization: 'Bearer t0ken',
      'X-Api-Key': 'k',
      'Api-Key': 'k1',
      'PRIVATE-TOKEN': 'k2',
      apikey: 'k3',
      'X-Custom': 'k4',
      'X-Scope-OrgID': 'team-a',
      Accept: 'json',
      'user-agent': 'ci',
      'Content-Type': 'application/json',
    }
    expect(redactHeaders(headers)).toEqual({
      Authorization: '<redacted>',
      'X-Api-Key': '<redacted>',
      'Api-Key': '<redacted>',
      'PRIVATE-TOKEN': '<redacted>',
      apikey: '<redacted>',
      'X-Custom': '<redacted>',
      'X-Scope-OrgID': 'team-a',
      Accept: 'json',
      'user-agent': 'ci',
      'Content-Type': 'application/json',
    })
  })

  test('is case-insensitive', () => {
    expect(isSecretHeader('x-scope-orgid')).toBe(false)
    expect(isSecretHeader('ACCEPT')).toBe(false)
    expect(isSecretHeader('Cookie')).toBe(true)
  })
})

describe('redactText', () => {
  test('removes every known secret and URL user names and passwords', () => {
    const out = redactText('failed: token=hunter22 at http://bob:pa55@host/x, https://T0KEN@h/y and again hunter22', ['hunter22'])
    expect(out).toBe('failed: token=<redacted> at http://xxxxx:xxxxx@host/x, https://xxxxx@h/y and again <redacted>')
  })
})
