// The state functions of Go 1.19 text/template/parse/lex.go, one per Go function.
import {goQuote, goRuneU, isAlphaNumeric, isPrint} from './gofmt.js'
import {KEYWORDS, T} from './items.js'
import type {Lexer} from './lexer.js'

const EOF = -1
const SPACE_CHARS = ' \t\r\n'
export const isSpace = (r: number): boolean => r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a
const isSpaceCh = (c: string | undefined): boolean => c !== undefined && SPACE_CHARS.includes(c)
const hasLeftTrimMarker = (s: string, at: number): boolean => s[at] === '-' && isSpaceCh(s[at + 1])
export const hasRightTrimMarker = (s: string, at: number): boolean => isSpaceCh(s[at]) && s[at + 1] === '-'
export const TRIM_MARKER_LEN = 2

export type StateFn = (l: Lexer) => StateFn | null

export function countNewlines(s: string, from: number, to: number): number {
  let n = 0
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++
  return n
}

export function lexText(l: Lexer): StateFn | null {
  const x = l.input.indexOf(l.leftDelim, l.pos)
  if (x >= 0) {
    const ldn = l.leftDelim.length
    l.pos = x
    let trimLength = 0
    if (hasLeftTrimMarker(l.input, l.pos + ldn)) {
      const before = l.input.slice(l.start, l.pos)
      trimLength = before.length - trimRightSpaces(before).length
    }
    l.pos -= trimLength
    if (l.pos > l.start) {
      l.line += countNewlines(l.input, l.start, l.pos)
      l.emit(T.Text)
    }
    l.pos += trimLength
    l.ignore()
    return lexLeftDelim
  }
  l.pos = l.input.length
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos)
    l.emit(T.Text)
  }
  l.emit(T.EOF)
  return null
}

function trimRightSpaces(s: string): string {
  let e = s.length
  while (e > 0 && isSpaceCh(s[e - 1])) e--
  return s.slice(0, e)
}

function leftTrimLength(s: string, from: number): number {
  let i = from
  while (i < s.length && isSpaceCh(s[i])) i++
  return i - from
}

function lexLeftDelim(l: Lexer): StateFn | null {
  l.pos += l.leftDelim.length
  const trimSpace = hasLeftTrimMarker(l.input, l.pos)
  const afterMarker = trimSpace ? TRIM_MARKER_LEN : 0
  if (l.input.startsWith('/*', l.pos + afterMarker)) {
    l.pos += afterMarker
    l.ignore()
    return lexComment
  }
  l.emit(T.LeftDelim)
  l.pos += afterMarker
  l.ignore()
  l.parenDepth = 0
  return lexInsideAction
}

function lexComment(l: Lexer): StateFn | null {
  l.pos += 2
  const i = l.input.indexOf('*/', l.pos)
  if (i < 0) return l.errorf('unclosed comment')
  l.pos = i + 2
  const {delim, trimSpaces} = l.atRightDelim()
  if (!delim) return l.errorf('comment ends before closing delimiter')
  if (l.emitComment) l.emit(T.Comment)
  if (trimSpaces) l.pos += TRIM_MARKER_LEN
  l.pos += l.rightDelim.length
  if (trimSpaces) l.pos += leftTrimLength(l.input, l.pos)
  l.ignore()
  return lexText
}

function lexRightDelim(l: Lexer): StateFn | null {
  const trimSpace = hasRightTrimMarker(l.input, l.pos)
  if (trimSpace) {
    l.pos += TRIM_MARKER_LEN
    l.ignore()
  }
  l.pos += l.rightDelim.length
  l.emit(T.RightDelim)
  if (trimSpace) {
    l.pos += leftTrimLength(l.input, l.pos)
    l.ignore()
  }
  return lexText
}

function lexInsideAction(l: Lexer): StateFn | null {
  if (l.atRightDelim().delim) {
    if (l.parenDepth === 0) return lexRightDelim
    return l.errorf('unclosed left paren')
  }
  const r = l.next()
  if (r === EOF) return l.errorf('unclosed action')
  if (isSpace(r)) {
    l.backup()
    return lexSpace
  }
  switch (r) {
    case 0x3d: // =
      l.emit(T.Assign)
      return lexInsideAction
    case 0x3a: // :
      if (l.next() !== 0x3d) return l.errorf('expected :=')
      l.emit(T.Declare)
      return lexInsideAction
    case 0x7c: // |
      l.emit(T.Pipe)
      return lexInsideAction
    case 0x22: // "
      return lexQuote
    case 0x60: // `
      return lexRawQuote
    case 0x24: // $
      return lexVariable
    case 0x27: // '
      return lexChar
    case 0x28: // (
      l.emit(T.LeftParen)
      l.parenDepth++
      return lexInsideAction
    case 0x29: // )
      l.emit(T.RightParen)
      l.parenDepth--
      if (l.parenDepth < 0) return l.errorf(`unexpected right paren ${goRuneU(r)}`)
      return lexInsideAction
  }
  if (r === 0x2e) {
    // ".field" unless a digit follows ('.' can start a number).
    if (l.pos < l.input.length) {
      const c = l.input[l.pos] ?? ''
      if (c < '0' || c > '9') return lexField
    }
    l.backup()
    return lexNumber
  }
  if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup()
    return lexNumber
  }
  if (isAlphaNumeric(r)) {
    l.backup()
    return lexIdentifier
  }
  if (r <= 0x7f && isPrint(r)) {
    l.emit(T.Char)
    return lexInsideAction
  }
  return l.errorf(`unrecognized character in action: ${goRuneU(r)}`)
}

function lexSpace(l: Lexer): StateFn | null {
  let numSpaces = 0
  while (isSpace(l.peek())) {
    l.next()
    numSpaces++
  }
  // A trim-marked right delimiter starts with a space: leave that space to it.
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(l.rightDelim, l.pos - 1 + TRIM_MARKER_LEN)) {
    l.backup()
    if (numSpaces === 1) return lexRightDelim
  }
  l.emit(T.Space)
  return lexInsideAction
}

function lexIdentifier(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next()
    if (isAlphaNumeric(r)) continue
    l.backup()
    const word = l.input.slice(l.start, l.pos)
    if (!l.atTerminator()) return l.errorf(`bad character ${goRuneU(r)}`)
    const key = KEYWORDS.get(word)
    if (key !== undefined && key > T.Keyword) {
      if ((key === T.Break && !l.breakOK) || (key === T.Continue && !l.continueOK)) l.emit(T.Identifier)
      else l.emit(key)
    } else if (word[0] === '.') {
      l.emit(T.Field)
    } else if (word === 'true' || word === 'false') {
      l.emit(T.Bool)
    } else {
      l.emit(T.Identifier)
    }
    return lexInsideAction
  }
}

function lexField(l: Lexer): StateFn | null {
  return lexFieldOrVariable(l, T.Field)
}

function lexVariable(l: Lexer): StateFn | null {
  if (l.atTerminator()) {
    l.emit(T.Variable)
    return lexInsideAction
  }
  return lexFieldOrVariable(l, T.Variable)
}

function lexFieldOrVariable(l: Lexer, typ: T): StateFn | null {
  if (l.atTerminator()) {
    l.emit(typ === T.Variable ? T.Variable : T.Dot)
    return lexInsideAction
  }
  let r: number
  for (;;) {
    r = l.next()
    if (!isAlphaNumeric(r)) {
      l.backup()
      break
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${goRuneU(r)}`)
  l.emit(typ)
  return lexInsideAction
}

function lexChar(l: Lexer): StateFn | null {
  for (;;) {
    let r = l.next()
    if (r === 0x5c) {
      r = l.next()
      if (r !== EOF && r !== 0x0a) continue
      return l.errorf('unterminated character constant')
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated character constant')
    if (r === 0x27) break
  }
  l.emit(T.CharConstant)
  return lexInsideAction
}

function lexNumber(l: Lexer): StateFn | null {
  if (!l.scanNumber()) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`)
  const sign = l.peek()
  if (sign === 0x2b || sign === 0x2d) {
    // Complex: 1+2i. No spaces, must end in 'i'.
    if (!l.scanNumber() || l.input[l.pos - 1] !== 'i') {
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`)
    }
    l.emit(T.Complex)
  } else {
    l.emit(T.Number)
  }
  return lexInsideAction
}

function lexQuote(l: Lexer): StateFn | null {
  for (;;) {
    let r = l.next()
    if (r === 0x5c) {
      r = l.next()
      if (r !== EOF && r !== 0x0a) continue
      return l.errorf('unterminated quoted string')
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated quoted string')
    if (r === 0x22) break
  }
  l.emit(T.String)
  return lexInsideAction
}

function lexRawQuote(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next()
    if (r === EOF) return l.errorf('unterminated raw quoted string')
    if (r === 0x60) break
  }
  l.emit(T.RawString)
  return lexInsideAction
}
