// Range, subquery, offset and @ checks: what may carry them, and their durations.
import type {SyntaxNode} from '@lezer/common'
import {type CheckContext, child, first, next, only3, report, text} from './context.js'
import {goParseNumber} from './lex.js'

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/
const UNIT_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1]
const MAX_INT64 = 2n ** 63n - 1n

export function isDurationLiteral(s: string): boolean {
  return /^\d+(?:ms|[smhdwy])/.test(s) && DURATION_RE.test(s)
}

/** Prometheus' parseDuration (model.ParseDuration, then must be > 0); returns an error message. */
function durationError(s: string): string | undefined {
  const m = DURATION_RE.exec(s)
  if (!m) return `not a valid duration string: ${JSON.stringify(s)}`
  let ms = 0n
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = m[i + 1]
    if (part) ms += BigInt(part) * BigInt(UNIT_MS[i] as number)
  }
  // Go keeps durations in int64 nanoseconds.
  if (ms * 1_000_000n > MAX_INT64) return 'duration out of range'
  if (ms === 0n) return 'duration must be greater than 0'
  return undefined
}

/** `[…]` of a range or subquery: 2.42 takes one duration literal only. */
export function checkDurationExpr(ctx: CheckContext, node: SyntaxNode | null): void {
  if (!node) return
  const lit = first(node)
  const simple = lit && lit.name === 'NumberDurationLiteralInDurationContext' && !next(lit)
  if (!simple) {
    only3(ctx, node, `duration expression ${JSON.stringify(text(ctx, node))}`)
    return
  }
  const s = text(ctx, lit)
  if (!isDurationLiteral(s)) {
    if (ctx.version === '2.42') report(ctx, lit, 'missing unit character in duration')
    return
  }
  const err = durationError(s)
  if (err) report(ctx, lit, err)
}

export function checkOffsetDuration(ctx: CheckContext, node: SyntaxNode | null): void {
  if (!node) return
  let lit = first(node)
  let signs = ''
  for (let n: SyntaxNode | null = node; n; ) {
    const head: SyntaxNode | null = first(n)
    if (head?.name === 'UnaryOp') {
      signs += text(ctx, head)
      n = next(head)?.name === 'OffsetDurationExpr' ? next(head) : null
      lit = first(n)
    } else break
  }
  const s = lit?.name === 'NumberDurationLiteralInDurationContext' ? text(ctx, lit) : ''
  if (ctx.version === '2.42') {
    if (signs !== '' && signs !== '-') {
      report(ctx, node, `unexpected ${JSON.stringify(signs[0])} in offset, expected duration`)
      return
    }
    if (!lit || !isDurationLiteral(s) || next(lit)) {
      report(ctx, node, `unexpected ${JSON.stringify(text(ctx, node).replace(/^-\s*/, ''))} in offset, expected duration`)
      return
    }
  }
  if (lit && isDurationLiteral(s)) {
    const err = durationError(s)
    if (err) report(ctx, lit, err)
  }
}

export function checkAtValue(ctx: CheckContext, at: SyntaxNode): void {
  const lit = child(at, 'NumberDurationLiteral')
  if (!lit) return
  const s = text(ctx, lit).replace(/\s+/g, '')
  const unsigned = s.replace(/^[+-]/, '')
  if (isDurationLiteral(unsigned)) {
    if (ctx.version === '2.42') report(ctx, lit, `unexpected duration ${JSON.stringify(unsigned)} in @, expected timestamp`)
    return
  }
  const v = (s.startsWith('-') ? -1 : 1) * (goParseNumber(unsigned) ?? NaN)
  if (!Number.isFinite(v) || Math.abs(v) >= 2 ** 63) {
    report(ctx, at, `timestamp out of bounds for @ modifier: ${goFloat(v)}`)
  }
}

function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf'
  return Math.abs(v) >= 1e21 ? `${BigInt(Math.trunc(v))}.000000` : v.toFixed(6)
}
