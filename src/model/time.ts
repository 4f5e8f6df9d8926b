// Times on the command line and in output.
import {UsageError} from '../errors.js'
import {tryParseDuration} from './duration.js'

const FORMS_HINT =
  'use RFC 3339 (2026-01-02T15:04:05Z, 2026-01-02T15:04:05.123+02:00), now, a relative time ' +
  '(+30m, -1h, now+2h, now-15m) or unix seconds (1767366245, 1767366245.5)'

// Go's time.RFC3339 parse: fractional seconds allowed even though the layout has none.
const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/
const RELATIVE_RE = /^(?:now)?([+-])(.*)$/
const UNIX_RE = /^\d+(?:\.\d*)?$|^\.\d+$/

function bad(text: string, why: string): UsageError {
  return new UsageError(`invalid time ${JSON.stringify(text)}: ${why}`, {hint: FORMS_HINT})
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function parseRfc3339(text: string, m: RegExpExecArray): Date {
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  if (month < 1 || month > 12) throw bad(text, 'month out of range')
  if (day < 1 || day > daysInMonth(year, month)) throw bad(text, 'day out of range')
  if (hour > 23) throw bad(text, 'hour out of range')
  if (minute > 59) throw bad(text, 'minute out of range')
  if (second > 59) throw bad(text, 'second out of range')
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'))
  let offsetMin = 0
  const zone = m[8]!
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3))
    const om = Number(zone.slice(4, 6))
    if (oh > 23) throw bad(text, 'time zone offset hour out of range')
    if (om > 59) throw bad(text, 'time zone offset minute out of range')
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om)
  }
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day) // not Date.UTC: it maps years 0..99 to 1900..1999
  d.setUTCHours(hour, minute, second, ms)
  return new Date(d.getTime() - offsetMin * 60_000)
}

/**
 * Parse a time given on the command line. Accepts RFC 3339, `now`, `+30m` / `-1h` / `now+2h` /
 * `now-15m` (Prometheus durations) and unix seconds (integer or fraction).
 */
export function parseTime(text: string, now: Date): Date {
  const t = text.trim()
  if (t === '') throw bad(text, 'empty time')
  if (t === 'now') return new Date(now.getTime())
  const rfc = RFC3339_RE.exec(t)
  if (rfc) return parseRfc3339(text, rfc)
  const rel = RELATIVE_RE.exec(t)
  if (rel) {
    const ms = tryParseDuration(rel[2]!)
    if (ms === undefined) throw bad(text, `${JSON.stringify(rel[2])} is not a duration like 30m, 1h30m or 2d`)
    return new Date(now.getTime() + (rel[1] === '-' ? -ms : ms))
  }
  if (UNIX_RE.test(t)) {
    const ms = Math.round(Number(t) * 1000)
    if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw bad(text, 'unix time out of range')
    return new Date(ms)
  }
  throw bad(text, 'not a time')
}

export function tryParseTime(text: string, now: Date): Date | undefined {
  try {
    return parseTime(text, now)
  } catch {
    return undefined
  }
}

/**
 * RFC 3339 in UTC: second precision, plus `.mmm` when the milliseconds are not zero.
 * Alertmanager's API echoes `.000Z` always (strfmt RFC3339Millis); both forms parse back the same.
 */
export function formatRfc3339(d: Date): string {
  const iso = d.toISOString() // YYYY-MM-DDTHH:MM:SS.mmmZ
  return d.getUTCMilliseconds() === 0 ? `${iso.slice(0, 19)}Z` : iso
}

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
]

/** For people: `in 1h 59m`, `3m ago`, `in 2d 4h`, `now`. The two largest units, truncated. */
export function formatRelative(target: Date, now: Date): string {
  const diff = Math.trunc((target.getTime() - now.getTime()) / 1000)
  if (diff === 0) return 'now'
  let rest = Math.abs(diff)
  const parts: string[] = []
  for (const [unit, size] of UNITS) {
    const v = Math.floor(rest / size)
    if (parts.length > 0) {
      if (v > 0) parts.push(`${v}${unit}`)
      break
    }
    if (v > 0) {
      parts.push(`${v}${unit}`)
      rest -= v * size
    }
  }
  const text = parts.join(' ')
  return diff > 0 ? `in ${text}` : `${text} ago`
}
