// Prometheus durations, as model.ParseDuration / model.Duration.String() in prometheus/common.
//
// Grammar (identical in common v0.38 used by Prometheus 2.42 / Alertmanager 0.25 and in newer
// releases, which only rewrote the regexp as a hand-written scanner): "0", or one or more
// <digits><unit> with units in strictly descending order y w d h m s ms, each at most once.
// No fractions, no signs, no spaces. 1y = 365d, 1w = 7d, 1d = 24h. The total must fit in a Go
// time.Duration (int64 nanoseconds), i.e. at most 9223372036854 ms (about 292y).
import {UsageError} from '../errors.js'

const UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ['y', 365n * 24n * 3_600_000n],
  ['w', 7n * 24n * 3_600_000n],
  ['d', 24n * 3_600_000n],
  ['h', 3_600_000n],
  ['m', 60_000n],
  ['s', 1000n],
  ['ms', 1n],
]

/** Largest duration Go's time.Duration holds, in whole milliseconds. */
export const MAX_DURATION_MS = 9_223_372_036_854

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/

const HINT = 'use a number followed by ms, s, m, h, d, w or y, e.g. 90s, 1h30m, 2d'

type Parsed = {ok: true; ms: number} | {ok: false; reason: 'empty' | 'syntax' | 'range'}

function scan(text: string): Parsed {
  if (text === '0') return {ok: true, ms: 0}
  if (text === '') return {ok: false, reason: 'empty'}
  const m = DURATION_RE.exec(text)
  if (!m) return {ok: false, reason: 'syntax'}
  let total = 0n
  for (let i = 0; i < UNITS.length; i++) {
    const digits = m[i + 1]
    if (digits !== undefined) total += BigInt(digits) * UNITS[i]![1]
  }
  if (total > BigInt(MAX_DURATION_MS)) return {ok: false, reason: 'range'}
  return {ok: true, ms: Number(total)}
}

/** Milliseconds, or throws UsageError naming the input. */
export function parseDuration(text: string): number {
  const r = scan(text)
  if (r.ok) return r.ms
  if (r.reason === 'empty') throw new UsageError('invalid duration "": empty duration string', {hint: HINT})
  if (r.reason === 'range') {
    throw new UsageError(`invalid duration ${JSON.stringify(text)}: duration out of range (at most 292y)`, {
      hint: 'use a duration shorter than about 292 years',
    })
  }
  throw new UsageError(`invalid duration ${JSON.stringify(text)}`, {hint: HINT})
}

export function tryParseDuration(text: string): number | undefined {
  const r = scan(text)
  return r.ok ? r.ms : undefined
}

/** Why a duration is invalid, in promtool's words ("not a valid duration string: ..."), or undefined. */
export function durationError(text: string): string | undefined {
  const r = scan(text)
  if (r.ok) return undefined
  if (r.reason === 'empty') return 'empty duration string'
  if (r.reason === 'range') return 'duration out of range'
  return `not a valid duration string: ${JSON.stringify(text)}`
}

/**
 * Same text as Go's model.Duration.String(): "0s", "1h30m", "1w", "90d"; y and w only when exact.
 * Fractions of a millisecond are truncated. Negative values get a leading "-" (newer prometheus/common;
 * v0.38 printed "" for them).
 */
export function formatDuration(ms: number): string {
  let rest = BigInt(Math.trunc(ms))
  if (rest === 0n) return '0s'
  const sign = rest < 0n ? '-' : ''
  if (rest < 0n) rest = -rest
  let out = ''
  for (const [unit, mult] of UNITS) {
    if ((unit === 'y' || unit === 'w') && rest % mult !== 0n) continue
    const v = rest / mult
    if (v > 0n) {
      out += `${v}${unit}`
      rest -= v * mult
    }
  }
  return sign + out
}
