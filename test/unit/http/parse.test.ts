import {describe, expect, test} from 'vitest'
import {status} from '../../../src/alertmanager/schemas.js'
import {ApiError} from '../../../src/errors.js'
import {parseResponse, serverMessage} from '../../../src/http/parse.js'
import {buildInfo, envelope} from '../../../src/prometheus/schemas.js'

describe('parseResponse', () => {
  test('a body of the wrong shape names the path and says what was expected, in English', () => {
    // Given an Alertmanager status without versionInfo and a cluster status that is a number
    const body = {cluster: {status: 1, peers: null}, config: {original: ''}, uptime: 'x'}
    // When it is checked
    const err = (() => {
      try {
        parseResponse(status, body, 'http://am/api/v2/status')
      } catch (e) {
        return e as ApiError
      }
    })()
    // Then the first problem is named with its path and an English message; exit 3 (the server is wrong)
    expect(err).toBeInstanceOf(ApiError)
    expect(err!.message).toBe('unexpected response from http://am/api/v2/status: cluster.status: Invalid input: expected string, received number')
    expect(err!.exitCode).toBe(3)
  })

  test('null lists become [] and unknown fields are dropped (lenient with servers)', () => {
    const parsed = parseResponse(status, {cluster: {status: 'ready', peers: null, extra: 1}, versionInfo: {version: '0.25.0', new: 'x'}, config: {original: ''}, uptime: 'x'}, 'u')
    expect(parsed.cluster).toEqual({status: 'ready', peers: []})
    expect(parsed.versionInfo).toEqual({version: '0.25.0'})
  })

  test('the Prometheus envelope must say success', () => {
    expect(() => parseResponse(envelope(buildInfo), {status: 'error', data: {}}, 'p')).toThrowError(/unexpected response from p: status: /)
  })
})

describe('serverMessage', () => {
  test.each([
    ['{"status":"error","errorType":"bad_data","error":"parse error"}', 'bad_data: parse error'],
    ['"bad matcher format: foo"', 'bad matcher format: foo'],
    ['{"code":422,"message":"start time must be before end time"}', 'start time must be before end time'],
    ['404 page not found\nmore', '404 page not found'],
  ])('%s', (text, expected) => expect(serverMessage({text})).toBe(expected))
})
