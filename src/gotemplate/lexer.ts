// A port of Go 1.19 text/template/parse/lex.go: same states, same items, same
// line accounting (error messages carry the line of the item being lexed).
// The Go lexer runs in a goroutine feeding a channel; this one is pulled.
import {isAlphaNumeric} from './gofmt.js'
import {type Item, T} from './items.js'
import {countNewlines, hasRightTrimMarker, isSpace, lexText, type StateFn, TRIM_MARKER_LEN} from './lex-states.js'

const EOF = -1

interface LexOptions {
  leftDelim?: string
  rightDelim?: string
  emitComment?: boolean
  breakOK?: boolean
  continueOK?: boolean
}

export class Lexer {
  readonly input: string
  readonly leftDelim: string
  readonly rightDelim: string
  readonly emitComment: boolean
  readonly breakOK: boolean
  readonly continueOK: boolean
  pos = 0
  start = 0
  atEOF = false
  parenDepth = 0
  line = 1
  startLine = 1
  private readonly items: Item[] = []
  private state: StateFn | null = lexText

  constructor(input: string, opts: LexOptions = {}) {
    this.input = input
    this.leftDelim = opts.leftDelim || '{{'
    this.rightDelim = opts.rightDelim || '}}'
    this.emitComment = opts.emitComment ?? false
    this.breakOK = opts.breakOK ?? true
    this.continueOK = opts.continueOK ?? true
  }

  /** The next item; after EOF or an error, Go's closed channel yields zero items. */
  nextItem(): Item {
    while (this.items.length === 0 && this.state !== null) this.state = this.state(this)
    return this.items.shift() ?? {typ: T.Error, val: '', line: 0}
  }

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true
      return EOF
    }
    const r = this.input.codePointAt(this.pos) ?? EOF
    this.pos += r > 0xffff ? 2 : 1
    if (r === 0x0a) this.line++
    return r
  }

  peek(): number {
    const r = this.next()
    this.backup()
    return r
  }

  backup(): void {
    if (!this.atEOF && this.pos > 0) {
      const lo = this.input.charCodeAt(this.pos - 1)
      const pair = lo >= 0xdc00 && lo <= 0xdfff && this.pos > 1 && this.input.charCodeAt(this.pos - 2) >= 0xd800 && this.input.charCodeAt(this.pos - 2) <= 0xdbff
      this.pos -= pair ? 2 : 1
      if (lo === 0x0a) this.line--
    }
  }

  emit(t: T): void {
    this.items.push({typ: t, val: this.input.slice(this.start, this.pos), line: this.startLine, pos: this.start})
    this.start = this.pos
    this.startLine = this.line
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos)
    this.start = this.pos
    this.startLine = this.line
  }

  accept(valid: string): boolean {
    const r = this.next()
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true
    this.backup()
    return false
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next()
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break
    }
    this.backup()
  }

  errorf(message: string): null {
    this.items.push({typ: T.Error, val: message, line: this.startLine, pos: this.start})
    return null
  }

  atRightDelim(): {delim: boolean; trimSpaces: boolean} {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(this.rightDelim, this.pos + TRIM_MARKER_LEN)) {
      return {delim: true, trimSpaces: true}
    }
    return {delim: this.input.startsWith(this.rightDelim, this.pos), trimSpaces: false}
  }

  atTerminator(): boolean {
    const r = this.peek()
    if (isSpace(r)) return true
    if (r === EOF || r === 0x2e || r === 0x2c || r === 0x7c || r === 0x3a || r === 0x29 || r === 0x28) return true
    return this.input.startsWith(this.rightDelim, this.pos)
  }

  scanNumber(): boolean {
    this.accept('+-')
    let digits = '0123456789_'
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_'
      else if (this.accept('oO')) digits = '01234567_'
      else if (this.accept('bB')) digits = '01_'
    }
    this.acceptRun(digits)
    if (this.accept('.')) this.acceptRun(digits)
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-')
      this.acceptRun('0123456789_')
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-')
      this.acceptRun('0123456789_')
    }
    this.accept('i')
    if (isAlphaNumeric(this.peek())) {
      this.next()
      return false
    }
    return true
  }
}
