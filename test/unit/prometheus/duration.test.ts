import {describe, expect, it} from 'vitest'
import {UsageError} from '../../../src/errors.js'
import {MAX_DURATION_MS, durationError, formatDuration, parseDuration, tryParseDuration} from '../../../src/model/duration.js'

const S = 1000
const M = 60 * S
const H = 60 * M
const D = 24 * H

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['0s', 0],
    ['1ms', 1],
    ['90s', 90 * S],
    ['5m', 5 * M],
    ['1h30m', H + 30 * M],
    ['2d', 2 * D],
    ['1w', 7 * D],
    ['1y', 365 * D],
    ['1y2w3d4h5m6s7ms', 365 * D + 14 * D + 3 * D + 4 * H + 5 * M + 6 * S + 7],
    ['01h', H],
    ['1000ms', S],
    ['120m', 2 * H],
    ['292y', 292 * 365 * D],
    ['9223372036854ms', MAX_DURATION_MS],
  ])('%s -> %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
    expect(tryParseDuration(text)).toBe(ms)
    expect(durationError(text)).toBeUndefined()
  })

  it.each([
    ['', 'empty duration string'],
    ['1x', 'not a valid duration string: "1x"'],
    ['1', 'not a valid duration string: "1"'],
    ['1.5h', 'not a valid duration string: "1.5h"'],
    ['-1h', 'not a valid duration string: "-1h"'],
    ['+1h', 'not a valid duration string: "+1h"'],
    ['30m1h', 'not a valid duration string: "30m1h"'], // units must descend
    ['1h1h', 'not a valid duration string: "1h1h"'],
    ['1ms1s', 'not a valid duration string: "1ms1s"'],
    [' 1h', 'not a valid duration string: " 1h"'],
    ['1h ', 'not a valid duration string: "1h "'],
    ['1 h', 'not a valid duration string: "1 h"'],
    ['1H', 'not a valid duration string: "1H"'],
    ['h', 'not a valid duration string: "h"'],
    ['1us', 'not a valid duration string: "1us"'],
    ['００s', 'not a valid duration string: "００s"'], // fullwidth digits are not [0-9]
    ['293y', 'duration out of range'],
    ['9223372036855ms', 'duration out of range'],
    ['292y30w', 'duration out of range'],
    ['99999999999999999999999s', 'duration out of range'],
  ])('%j is invalid: %s', (text, why) => {
    expect(durationError(text)).toBe(why)
    expect(tryParseDuration(text)).toBeUndefined()
    expect(() => parseDuration(text)).toThrow(UsageError)
  })

  it('names the input and the accepted forms in the error', () => {
    try {
      parseDuration('1x')
    } catch (e) {
      expect((e as UsageError).message).toBe('invalid duration "1x"')
      expect((e as UsageError).hint).toBe('use a number followed by ms, s, m, h, d, w or y, e.g. 90s, 1h30m, 2d')
    }
    try {
      parseDuration('300y')
    } catch (e) {
      expect((e as UsageError).message).toBe('invalid duration "300y": duration out of range (at most 292y)')
      expect((e as UsageError).hint).toMatch(/292 years/)
    }
    expect.assertions(4)
  })
})

describe('formatDuration (Go model.Duration.String)', () => {
  it.each([
    [0, '0s'],
    [1, '1ms'],
    [999, '999ms'],
    [S, '1s'],
    [90 * S, '1m30s'],
    [H + 30 * M, '1h30m'],
    [D, '1d'],
    [7 * D, '1w'],
    [8 * D, '8d'], // weeks only when exact
    [14 * D, '2w'],
    [90 * D, '90d'],
    [365 * D, '1y'],
    [366 * D, '366d'], // years only when exact
    [730 * D, '2y'],
    [D + H + M + S + 1, '1d1h1m1s1ms'],
    [1.9, '1ms'], // fractions truncated
    [-90 * S, '-1m30s'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })

  it.each(['0s', '1ms', '1h30m', '1w', '2y', '1d1h1m1s1ms', '13w'])('round-trips %s', (text) => {
    expect(formatDuration(parseDuration(text))).toBe(text)
  })
})
