import {describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {formatRelative, formatRfc3339, parseTime, tryParseTime} from '../../src/model/time.js'

const NOW = new Date('2026-01-02T10:00:00.000Z')

describe('parseTime', () => {
  it.each([
    ['2026-01-02T15:04:05Z', '2026-01-02T15:04:05.000Z'],
    ['2026-01-02T15:04:05.123Z', '2026-01-02T15:04:05.123Z'],
    ['2026-01-02T15:04:05.123456789Z', '2026-01-02T15:04:05.123Z'], // ms precision, truncated
    ['2026-01-02T15:04:05.5Z', '2026-01-02T15:04:05.500Z'],
    ['2026-01-02T15:04:05+02:00', '2026-01-02T13:04:05.000Z'],
    ['2026-01-02T00:30:00-05:30', '2026-01-02T06:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['now', '2026-01-02T10:00:00.000Z'],
    ['+30m', '2026-01-02T10:30:00.000Z'],
    ['-1h', '2026-01-02T09:00:00.000Z'],
    ['now+2h', '2026-01-02T12:00:00.000Z'],
    ['now-15m', '2026-01-02T09:45:00.000Z'],
    ['now+1d12h', '2026-01-03T22:00:00.000Z'],
    ['+0', '2026-01-02T10:00:00.000Z'],
    ['1767366245', '2026-01-02T15:04:05.000Z'],
    ['1767366245.25', '2026-01-02T15:04:05.250Z'],
    ['0', '1970-01-01T00:00:00.000Z'],
    [' now ', '2026-01-02T10:00:00.000Z'],
  ])('%j -> %s', (text, iso) => {
    expect(parseTime(text, NOW).toISOString()).toBe(iso)
  })

  it.each([
    ['', 'empty time'],
    ['tomorrow', 'not a time'],
    ['2026-01-02', 'not a time'],
    ['2026-01-02 15:04:05Z', 'not a time'],
    ['2026-01-02T15:04:05', 'not a time'], // zone required
    ['2026-13-02T15:04:05Z', 'month out of range'],
    ['2026-02-29T15:04:05Z', 'day out of range'],
    ['2026-01-02T24:00:00Z', 'hour out of range'],
    ['2026-01-02T15:60:00Z', 'minute out of range'],
    ['2026-01-02T15:04:60Z', 'second out of range'],
    ['2026-01-02T15:04:05+24:00', 'time zone offset hour out of range'],
    ['+1.5h', '"1.5h" is not a duration'],
    ['now+', '"" is not a duration'],
    ['now+1x', '"1x" is not a duration'],
    ['-5', '"5" is not a duration'],
  ])('%j is invalid: %s', (text, why) => {
    expect(() => parseTime(text, NOW)).toThrow(UsageError)
    expect(() => parseTime(text, NOW)).toThrow(`invalid time ${JSON.stringify(text)}: ${why}`)
    expect(tryParseTime(text, NOW)).toBeUndefined()
  })

  it('shows an example of every accepted form in the hint', () => {
    try {
      parseTime('soon', NOW)
    } catch (e) {
      const hint = (e as UsageError).hint ?? ''
      for (const form of ['2026-01-02T15:04:05Z', 'now', '+30m', '-1h', 'now+2h', 'now-15m', '1767366245']) {
        expect(hint).toContain(form)
      }
    }
    expect.assertions(7)
  })

  it('does not change the given now', () => {
    const now = new Date(NOW)
    parseTime('now', now).setUTCFullYear(2000)
    expect(now.toISOString()).toBe(NOW.toISOString())
  })
})

describe('formatRfc3339', () => {
  it.each([
    ['2026-01-02T15:04:05.000Z', '2026-01-02T15:04:05Z'],
    ['2026-01-02T15:04:05.120Z', '2026-01-02T15:04:05.120Z'],
    ['2026-01-02T15:04:05.001Z', '2026-01-02T15:04:05.001Z'],
  ])('%s -> %s', (iso, text) => {
    expect(formatRfc3339(new Date(iso))).toBe(text)
    expect(parseTime(text, NOW).toISOString()).toBe(iso)
  })
})

describe('formatRelative', () => {
  const at = (ms: number) => new Date(NOW.getTime() + ms)
  it.each([
    [0, 'now'],
    [999, 'now'],
    [-999, 'now'],
    [1000, 'in 1s'],
    [-3 * 60_000, '3m ago'],
    [-(3 * 60_000 + 20_000), '3m 20s ago'],
    [2 * 3_600_000 - 1000, 'in 1h 59m'],
    [3_600_000, 'in 1h'],
    [(2 * 24 + 4) * 3_600_000 + 59_000, 'in 2d 4h'],
    [-(45 * 24 * 3_600_000), '45d ago'],
    [24 * 3_600_000 + 5 * 60_000, 'in 1d'], // second unit zero: dropped
  ])('%d ms from now -> %s', (ms, text) => {
    expect(formatRelative(at(ms), NOW)).toBe(text)
  })
})
