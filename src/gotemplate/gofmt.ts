// Go formatting helpers the template parser's messages depend on:
// strconv.Quote (%q), %.10q, %#U and unicode.IsPrint / IsLetter / IsDigit.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u
const LETTER = /^\p{L}$/u
const DIGIT = /^\p{Nd}$/u

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f
  return PRINTABLE.test(String.fromCodePoint(cp))
}

/** The lexer's isAlphaNumeric: '_', unicode.IsLetter or unicode.IsDigit. */
export function isAlphaNumeric(cp: number): boolean {
  if (cp < 0x80) {
    return cp === 0x5f || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)
  }
  if (cp < 0) return false
  const ch = String.fromCodePoint(cp)
  return LETTER.test(ch) || DIGIT.test(ch)
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0')
}

/** strconv.Quote: a double-quoted Go string literal. */
export function goQuote(s: string): string {
  let out = '"'
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0
    if (ch === '"' || ch === '\\') {
      out += '\\' + ch
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      out += '\\ufffd' // a lone surrogate is not valid UTF-8; Go would print the replacement
    } else if (isPrint(cp)) {
      out += ch
    } else {
      out += escapeRune(cp)
    }
  }
  return out + '"'
}

function escapeRune(cp: number): string {
  switch (cp) {
    case 0x07: return '\\a'
    case 0x08: return '\\b'
    case 0x0c: return '\\f'
    case 0x0a: return '\\n'
    case 0x0d: return '\\r'
    case 0x09: return '\\t'
    case 0x0b: return '\\v'
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2)
  if (cp < 0x10000) return '\\u' + hex(cp, 4)
  return '\\U' + hex(cp, 8)
}

/** fmt's %.Nq: quote the first n runes. */
export function goQuotePrefix(s: string, n: number): string {
  return goQuote(Array.from(s).slice(0, n).join(''))
}

/** fmt's %#U: U+0041 'A' (the character only when printable). */
export function goRuneU(cp: number): string {
  const code = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0')
  return isPrint(cp) ? `${code} '${String.fromCodePoint(cp)}'` : code
}

/** Length in UTF-8 bytes, as Go's len(string). */
export function utf8Len(s: string): number {
  return Buffer.byteLength(s, 'utf8')
}
