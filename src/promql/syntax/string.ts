// PromQL string literals: Go-lexer validation and unquoting ("…", '…', `…`).

interface UnquoteResult {
  value: string
  /** \x or octal escapes produced bytes that are not valid UTF-8. */
  invalidUtf8?: boolean
  /** Lexer error, worded as Prometheus words it. */
  error?: string
  /** Offset of the error inside the literal (0 = opening quote). */
  errorAt?: number
}

const SIMPLE_ESCAPES: Record<string, string> = {a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\'}

/** Go's %#U: `U+0071 'q'`, or just `U+000A` for an unprintable rune. */
export function goRuneName(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch) ? `${hex} '${ch}'` : hex
}

/** Validates and unquotes a PromQL string literal, `raw` including its quotes. */
export function unquotePromString(raw: string): UnquoteResult {
  const open = raw[0] ?? ''
  if (open === '`') {
    const end = raw.indexOf('`', 1)
    if (end !== raw.length - 1) return {value: raw.slice(1), error: 'unterminated raw string', errorAt: 0}
    return {value: raw.slice(1, -1)}
  }
  let value = ''
  let hasBytes = false
  let i = 1
  while (i < raw.length) {
    const c = raw[i] as string
    if (c === '\n') return {value, error: 'unterminated quoted string', errorAt: 0}
    if (c === open) {
      if (i !== raw.length - 1) return {value, error: 'unexpected text after string', errorAt: i + 1}
      return hasBytes ? decodeBytes(raw) : {value}
    }
    if (c !== '\\') {
      value += c
      i++
      continue
    }
    const esc = unescape(raw, i + 1, open)
    if (esc.error) return {value, error: esc.error, errorAt: i}
    if (esc.byte && (esc.text.codePointAt(0) ?? 0) >= 0x80) hasBytes = true
    value += esc.text
    i = esc.next
  }
  return {value, error: 'unterminated quoted string', errorAt: 0}
}

/** Slow path for \x and octal escapes ≥ 0x80: Go strings are bytes, which may not be UTF-8. */
function decodeBytes(raw: string): UnquoteResult {
  const bytes: number[] = []
  const enc = new TextEncoder()
  for (let i = 1; i < raw.length - 1; ) {
    if (raw[i] !== '\\') {
      const cp = raw.codePointAt(i) ?? 0
      const ch = String.fromCodePoint(cp)
      bytes.push(...enc.encode(ch))
      i += ch.length
      continue
    }
    const esc = unescape(raw, i + 1, raw[0] as string)
    if (esc.byte) bytes.push(esc.text.codePointAt(0) ?? 0)
    else bytes.push(...enc.encode(esc.text))
    i = esc.next
  }
  const buf = Uint8Array.from(bytes)
  try {
    return {value: new TextDecoder('utf-8', {fatal: true}).decode(buf)}
  } catch {
    return {value: new TextDecoder('utf-8').decode(buf), invalidUtf8: true}
  }
}

interface Escape {
  text: string
  next: number
  /** From \x or octal: a raw byte, not a code point. */
  byte?: boolean
  error?: string
}

function unescape(raw: string, at: number, quote: string): Escape {
  const ch = raw[at]
  if (ch === undefined) return {text: '', next: at, error: 'escape sequence not terminated'}
  if (ch in SIMPLE_ESCAPES) return {text: SIMPLE_ESCAPES[ch] as string, next: at + 1}
  if (ch === quote) return {text: ch, next: at + 1}
  let digits: number
  let base: number
  let max: number
  let start = at + 1
  if (ch >= '0' && ch <= '7') {
    ;[digits, base, max, start] = [3, 8, 255, at]
  } else if (ch === 'x') {
    ;[digits, base, max] = [2, 16, 255]
  } else if (ch === 'u') {
    ;[digits, base, max] = [4, 16, 0x10ffff]
  } else if (ch === 'U') {
    ;[digits, base, max] = [8, 16, 0x10ffff]
  } else {
    const cp = String.fromCodePoint(raw.codePointAt(at) ?? 0)
    return {text: '', next: at, error: `unknown escape sequence ${goRuneName(cp)}`}
  }
  let x = 0
  for (let k = 0; k < digits; k++) {
    const d = raw[start + k]
    const v = d === undefined ? NaN : parseInt(d, 16)
    if (d === undefined || Number.isNaN(v) || v >= base) {
      if (d === undefined || (d === quote && start + k === raw.length - 1)) {
        return {text: '', next: at, error: 'escape sequence not terminated'}
      }
      return {text: '', next: at, error: `illegal character ${goRuneName(d)} in escape sequence`}
    }
    x = x * base + v
  }
  if (x > max || (x >= 0xd800 && x < 0xe000)) {
    return {text: '', next: at, error: 'escape sequence is an invalid Unicode code point'}
  }
  // \x and octal escapes are bytes in Go; for label values they only matter as text here.
  return {text: String.fromCodePoint(x), next: start + digits, byte: base === 8 || ch === 'x'}
}
