// The parts of Go's strconv that text/template/parse relies on, as validity checks
// (the parser only needs to know whether Go would accept a literal).

export const ERR_SYNTAX = 'invalid syntax'

const isHex = (c: string): boolean => /^[0-9a-fA-F]$/.test(c)

/**
 * strconv.UnquoteChar on s (which starts after the opening quote). Returns the
 * rest of s after one (possibly escaped) character, or undefined on ErrSyntax.
 */
export function unquoteCharTail(s: string, quote: string): string | undefined {
  const c = s[0]
  if (c === undefined) return undefined
  if (c === quote && (quote === "'" || quote === '"')) return undefined
  if (c !== '\\') {
    const cp = s.codePointAt(0) ?? 0
    return s.slice(cp > 0xffff ? 2 : 1)
  }
  const e = s[1]
  if (e === undefined) return undefined
  let rest = s.slice(2)
  switch (e) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
      return rest
    case 'x': case 'u': case 'U': {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8
      const digits = rest.slice(0, n)
      if (digits.length < n || !Array.from(digits).every(isHex)) return undefined
      const v = parseInt(digits, 16)
      if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) return undefined
      return rest.slice(n)
    }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
      const digits = rest.slice(0, 2)
      if (digits.length < 2 || !/^[0-7]{2}$/.test(digits)) return undefined
      if (parseInt(e + digits, 8) > 255) return undefined
      rest = rest.slice(2)
      return rest
    }
    case "'": case '"':
      return e === quote ? rest : undefined
    default:
      return undefined
  }
}

/** strconv.Unquote for a lexed "..." or `...` literal: the unquoted value, or undefined on ErrSyntax. */
export function unquote(lit: string): string | undefined {
  const q = lit[0]
  if (lit.length < 2 || lit[lit.length - 1] !== q) return undefined
  if (q === '`') return lit.slice(1, -1).replace(/\r/g, '')
  if (q !== '"') return undefined
  let out = ''
  let s = lit.slice(1)
  while (s.length > 0 && s[0] !== q) {
    if (s[0] === '\n') return undefined
    const tail = unquoteCharTail(s, q)
    if (tail === undefined) return undefined
    out += s.slice(0, s.length - tail.length)
    s = tail
  }
  return s === q ? out : undefined
}

function lower(c: string): string {
  return c.toLowerCase()
}

/** strconv's underscoreOK: underscores only between digits (a base prefix counts as a digit). */
function underscoreOK(s0: string): boolean {
  let s = s0
  let saw = '^'
  let i = 0
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1)
  let hexMode = false
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(lower(s[1] ?? ''))) {
    i = 2
    saw = '0'
    hexMode = lower(s[1] ?? '') === 'x'
  }
  for (; i < s.length; i++) {
    const c = s[i] ?? ''
    if ((c >= '0' && c <= '9') || (hexMode && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0'
      continue
    }
    if (c === '_') {
      if (saw !== '0') return false
      saw = '_'
      continue
    }
    if (saw === '_') return false
    saw = '!'
  }
  return saw !== '_'
}

/** strconv.ParseUint(s, 0, 64) as a BigInt, or undefined on any error. */
export function parseUint0(s0: string): bigint | undefined {
  if (s0 === '') return undefined
  let s = s0
  let base = 10
  if (s[0] === '0') {
    const p = lower(s[1] ?? '')
    if (s.length >= 3 && p === 'b') { base = 2; s = s.slice(2) }
    else if (s.length >= 3 && p === 'o') { base = 8; s = s.slice(2) }
    else if (s.length >= 3 && p === 'x') { base = 16; s = s.slice(2) }
    else { base = 8; s = s.slice(1) }
  }
  let n = 0n
  let underscores = false
  for (const c of s) {
    let d: number
    if (c === '_') { underscores = true; continue }
    if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48
    else if (lower(c) >= 'a' && lower(c) <= 'z' && c.length === 1) d = lower(c).charCodeAt(0) - 87
    else return undefined
    if (d >= base) return undefined
    n = n * BigInt(base) + BigInt(d)
    if (n > 0xffffffffffffffffn) return undefined
  }
  if (underscores && !underscoreOK(s0)) return undefined
  return n
}

/** strconv.ParseInt(s, 0, 64) succeeds. */
export function parseInt0OK(s: string): boolean {
  if (s === '') return false
  const neg = s[0] === '-'
  const body = s[0] === '+' || s[0] === '-' ? s.slice(1) : s
  const u = parseUint0(body)
  if (u === undefined) return false
  return neg ? u <= 1n << 63n : u < 1n << 63n
}

type FloatResult = {ok: true; value: number} | {ok: false; err: string}

/** strconv.ParseFloat(s, 64): the value, or the NumError's Err text. */
export function parseFloat64(s: string): FloatResult {
  const r = readFloat(s)
  if (!r || r.end !== s.length) {
    const special = /^[+-]?(inf|infinity|nan)$/i.test(s)
    if (special) return {ok: true, value: /nan/i.test(s) ? NaN : s[0] === '-' ? -Infinity : Infinity}
    return {ok: false, err: ERR_SYNTAX}
  }
  const value = r.hex ? hexValue(s) : Number(s.replace(/_/g, ''))
  if (!Number.isFinite(value)) return {ok: false, err: 'value out of range'}
  return {ok: true, value}
}

function hexValue(s: string): number {
  const m = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9_]+)$/.exec(s)
  if (!m) return NaN
  const intPart = (m[2] ?? '').replace(/_/g, '')
  const frac = (m[3] ?? '').replace(/_/g, '')
  const mant = Number(BigInt('0x' + (intPart + frac || '0')))
  const exp = Number((m[4] ?? '0').replace(/_/g, '')) - 4 * frac.length
  const v = mant * Math.pow(2, exp)
  return m[1] === '-' ? -v : v
}

/** strconv's readFloat: the syntax part of ParseFloat (end index, or undefined if not ok). */
function readFloat(s: string): {end: number; hex: boolean} | undefined {
  let i = 0
  let underscores = false
  if (s[i] === '+' || s[i] === '-') i++
  let hexMode = false
  if (i + 2 < s.length && s[i] === '0' && lower(s[i + 1] ?? '') === 'x') {
    hexMode = true
    i += 2
  }
  let sawdot = false
  let sawdigits = false
  for (; i < s.length; i++) {
    const c = s[i] ?? ''
    if (c === '_') { underscores = true; continue }
    if (c === '.') {
      if (sawdot) break
      sawdot = true
      continue
    }
    if ((c >= '0' && c <= '9') || (hexMode && lower(c) >= 'a' && lower(c) <= 'f')) {
      sawdigits = true
      continue
    }
    break
  }
  if (!sawdigits) return undefined
  const expChar = hexMode ? 'p' : 'e'
  if (i < s.length && lower(s[i] ?? '') === expChar) {
    i++
    if (i >= s.length) return undefined
    if (s[i] === '+' || s[i] === '-') i++
    if (i >= s.length || !(s[i]! >= '0' && s[i]! <= '9')) return undefined
    for (; i < s.length && ((s[i]! >= '0' && s[i]! <= '9') || s[i] === '_'); i++) {
      if (s[i] === '_') underscores = true
    }
  } else if (hexMode) {
    return undefined
  }
  if (underscores && !underscoreOK(s.slice(0, i))) return undefined
  return {end: i, hex: hexMode}
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, "'": 39, '"': 34}

/** strconv.Unquote's value for a literal `unquote` accepts: escapes decoded (\x and octal as bytes). */
export function unquoteValue(lit: string): string {
  if (lit[0] === '`') return lit.slice(1, -1).replace(/\r/g, '')
  const body = lit.slice(1, -1)
  const bytes: number[] = []
  for (let i = 0; i < body.length; ) {
    const c = body[i]!
    if (c !== '\\') {
      const cp = body.codePointAt(i) ?? 0
      bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'))
      i += cp > 0xffff ? 2 : 1
      continue
    }
    const e = body[i + 1] ?? ''
    if (e in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[e]!)
      i += 2
    } else if (e === 'x') {
      bytes.push(parseInt(body.slice(i + 2, i + 4), 16))
      i += 4
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8
      bytes.push(...Buffer.from(String.fromCodePoint(parseInt(body.slice(i + 2, i + 2 + n), 16)), 'utf8'))
      i += 2 + n
    } else {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8))
      i += 4
    }
  }
  return Buffer.from(bytes).toString('utf8')
}
