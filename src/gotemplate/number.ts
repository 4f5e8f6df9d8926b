// parse.(*Tree).newNumber as a check: the error message Go would give for a
// number, character or complex literal, or undefined when it is accepted.
import {goQuote} from './gofmt.js'
import type {NumberValue} from './nodes.js'
import {ERR_SYNTAX, parseFloat64, parseInt0OK, parseUint0, unquoteCharTail, unquoteValue} from './strconv.js'

export type NumberKind = 'char' | 'complex' | 'number'

export function numberError(text: string, kind: NumberKind): string | undefined {
  if (kind === 'char') {
    const tail = unquoteCharTail(text.slice(1), text[0] ?? '')
    if (tail === undefined) return ERR_SYNTAX
    if (tail !== "'") return `malformed character constant: ${text}`
    return undefined
  }
  if (kind === 'complex') return complexError(text)
  // Imaginary constants: fine whenever the part before the 'i' is a float.
  if (text.endsWith('i') && parseFloat64(text.slice(0, -1)).ok) return undefined
  if (parseUint0(text) !== undefined || parseInt0OK(text)) return undefined
  if (parseFloat64(text).ok) {
    // Parsed as a float but looks like an integer: too large for int64/uint64.
    if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`
    return undefined
  }
  return `illegal number syntax: ${goQuote(text)}`
}

/** fmt.Sscan(text, &complex128) for a lexed "re±imi" literal. */
function complexError(text: string): string | undefined {
  const scan = new ComplexScanner(text)
  const parts = scan.tokens()
  if (!parts) return 'syntax error scanning complex number'
  for (const part of parts) {
    const err = convertFloatError(part)
    if (err) return err
  }
  return undefined
}

/** fmt's convertFloat: a decimal mantissa may carry a binary 'p' exponent. */
function convertFloatError(str: string): string | undefined {
  const p = str.indexOf('p')
  if (p >= 0 && !/[xX]/.test(str)) {
    const f = parseFloat64(str.slice(0, p))
    if (!f.ok) return numErr('ParseFloat', str, f.err)
    if (!/^[+-]?[0-9]+$/.test(str.slice(p + 1))) return numErr('Atoi', str, ERR_SYNTAX)
    return undefined
  }
  const f = parseFloat64(str)
  return f.ok ? undefined : numErr('ParseFloat', str, f.err)
}

function numErr(fn: string, num: string, err: string): string {
  return `strconv.${fn}: parsing ${goQuote(num)}: ${err}`
}

/** The token rules of fmt's ss.complexTokens / floatToken. */
class ComplexScanner {
  private i = 0
  private buf = ''
  constructor(private readonly s: string) {}

  private accept(chars: string): boolean {
    const c = this.s[this.i]
    if (c !== undefined && chars.includes(c)) {
      this.buf += c
      this.i++
      return true
    }
    return false
  }

  private floatToken(): string {
    this.buf = ''
    if (this.accept('nN') && this.accept('aA') && this.accept('nN')) return this.buf
    this.accept('+-')
    if (this.accept('iI') && this.accept('nN') && this.accept('fF')) return this.buf
    let digits = '0123456789_'
    let exp = 'eEpP'
    if (this.accept('0') && this.accept('xX')) {
      digits = '0123456789aAbBcCdDeEfF_'
      exp = 'pP'
    }
    while (this.accept(digits));
    if (this.accept('.')) while (this.accept(digits));
    if (this.accept(exp)) {
      this.accept('+-')
      while (this.accept('0123456789_'));
    }
    return this.buf
  }

  tokens(): [string, string] | undefined {
    const parens = this.accept('(')
    const real = this.floatToken()
    this.buf = ''
    if (!this.accept('+-')) return undefined
    const sign = this.buf
    const imag = this.floatToken()
    if (!this.accept('i')) return undefined
    if (parens && !this.accept(')')) return undefined
    return [real, sign + imag]
  }
}

/** parse.(*Tree).newNumber's value part, for a literal numberError accepted. */
export function numberValue(text: string, kind: NumberKind): NumberValue {
  if (kind === 'char') {
    const body = text.slice(1, -1)
    const s = body === "\\'" ? "'" : unquoteValue(`"${body}"`)
    const cp = s.codePointAt(0) ?? 0
    return {isInt: true, isUint: true, isFloat: true, isComplex: false, int: BigInt(cp), float: cp}
  }
  if (kind === 'complex' || text.endsWith('i')) return {isInt: false, isUint: false, isFloat: false, isComplex: true}
  const v: NumberValue = {isInt: false, isUint: false, isFloat: false, isComplex: false}
  const u = parseUint0(text)
  if (u !== undefined) v.isUint = true
  if (parseInt0OK(text)) {
    const neg = text.startsWith('-')
    const mag = parseUint0(text.replace(/^[+-]/, '')) ?? 0n
    v.isInt = true
    v.int = neg ? -mag : mag
    if (v.int === 0n) v.isUint = true
  }
  if (v.isInt) {
    v.isFloat = true
    v.float = Number(v.int)
  } else if (v.isUint) {
    v.isFloat = true
    v.float = Number(u)
    v.int = u
  } else {
    const f = parseFloat64(text)
    if (f.ok) {
      v.isFloat = true
      v.float = f.value
      if (Number.isInteger(f.value) && Math.abs(f.value) < 2 ** 63) {
        v.isInt = true
        v.int = BigInt(f.value)
        if (f.value >= 0) v.isUint = true
      }
    }
  }
  return v
}
