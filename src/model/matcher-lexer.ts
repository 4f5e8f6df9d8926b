// Alertmanager's UTF-8 matcher parser (matcher/parse in Alertmanager >= 0.27) and the Go string
// helpers it relies on. Behaviour, token rules and error texts follow the Go code; positions are
// rune columns as in Go's messages.
import type {Matcher, MatchType} from './matchers.js'

/** Go's unicode.IsSpace. */
function isGoSpace(ch: string): boolean {
  const c = ch.codePointAt(0) ?? -1
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
}

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  const r = Array.from(s)
  let a = 0
  let b = r.length
  while (a < b && isGoSpace(r[a]!)) a++
  while (b > a && isGoSpace(r[b - 1]!)) b--
  return r.slice(a, b).join('')
}

/** Runes the UTF-8 parser does not allow in unquoted names and values. */
export function isReserved(ch: string): boolean {
  return isGoSpace(ch) || '{}!=~,\\"\'`'.includes(ch)
}

const SIMPLE_ESCAPES: Record<string, number> = {a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34}
const utf8Encoder = new TextEncoder()
const strictDecoder = new TextDecoder('utf-8', {fatal: true})

/** Go's strconv.Unquote for a double-quoted literal, plus the UTF-8 check; undefined on error. */
export function goUnquote(lit: string): string | undefined {
  if (lit.length < 2 || !lit.startsWith('"') || !lit.endsWith('"')) return undefined
  const body = lit.slice(1, -1)
  const bytes: number[] = []
  const cps = Array.from(body)
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!
    if (c === '\n' || c === '"') return undefined
    if (c !== '\\') {
      const code = c.charCodeAt(0)
      if (code < 0x80) bytes.push(code)
      else for (const b of utf8Encoder.encode(c)) bytes.push(b)
      continue
    }
    const e = cps[++i]
    if (e === undefined) return undefined
    if (e in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[e]!)
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8
      const hex = cps.slice(i + 1, i + 1 + n).join('')
      if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined
      i += n
      const v = parseInt(hex, 16)
      if (e === 'x') bytes.push(v)
      else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined
      else bytes.push(...utf8Encoder.encode(String.fromCodePoint(v)))
    } else if (e >= '0' && e <= '7') {
      const oct = cps.slice(i, i + 3).join('')
      if (!/^[0-7]{3}$/.test(oct)) return undefined
      const v = parseInt(oct, 8)
      if (v > 255) return undefined
      bytes.push(v)
      i += 2
    } else {
      return undefined // includes \' inside a double-quoted string
    }
  }
  try {
    return strictDecoder.decode(new Uint8Array(bytes))
  } catch {
    return undefined
  }
}

const PRINTABLE_RE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u

/** Go's strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === '"' || ch === '\\') out += `\\${ch}`
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd'
    else if (PRINTABLE_RE.test(ch)) out += ch
    else {
      const simple = Object.entries(SIMPLE_ESCAPES).find(([, v]) => v === c)
      if (simple) out += `\\${simple[0]}`
      else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`
      else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`
      else out += `\\U${c.toString(16).padStart(8, '0')}`
    }
  }
  return `${out}"`
}

type Kind = 'EOF' | '{' | '}' | ',' | '=' | '!=' | '=~' | '!~' | 'quoted' | 'unquoted'
interface Token {
  kind: Kind
  value: string
  start: number
  end: number
}
const EOF_TOKEN: Token = {kind: 'EOF', value: '', start: 0, end: 0}

/** An input the UTF-8 parser rejects; the message is Alertmanager's. */
export class Utf8ParseError extends Error {}

class Lexer {
  private readonly runes: string[]
  private start = 0
  private pos = 0
  private err: Utf8ParseError | undefined

  constructor(input: string) {
    this.runes = Array.from(input)
  }

  get column(): number {
    return this.pos
  }

  private text(a: number, b: number): string {
    return this.runes.slice(a, b).join('')
  }

  private fail(what: string): Utf8ParseError {
    return new Utf8ParseError(`${this.start}:${this.pos}: ${this.text(this.start, this.pos)}: ${what}`)
  }

  private expected(expected: string): Utf8ParseError {
    if (this.pos >= this.runes.length) {
      return new Utf8ParseError(`${this.start}:${this.pos}: unexpected end of input, expected one of '${expected}'`)
    }
    return this.fail(`expected one of '${expected}'`)
  }

  private emit(kind: Kind): Token {
    const t = {kind, value: this.text(this.start, this.pos), start: this.start, end: this.pos}
    this.start = this.pos
    return t
  }

  scan(): Token {
    if (this.err) throw this.err
    try {
      return this.scanToken()
    } catch (e) {
      this.err = e as Utf8ParseError
      throw e
    }
  }

  peek(): Token {
    const [start, pos] = [this.start, this.pos]
    try {
      return this.scan()
    } finally {
      this.start = start
      this.pos = pos
    }
  }

  private scanToken(): Token {
    while (this.pos < this.runes.length) {
      const r = this.runes[this.pos++]!
      if (r === '{' || r === '}' || r === ',') return this.emit(r)
      if (r === '=' || r === '!') return this.scanOperator(r)
      if (r === '"') return this.scanQuoted()
      if (!isReserved(r)) return this.scanUnquoted()
      if (isGoSpace(r)) {
        this.start = this.pos
        continue
      }
      throw this.fail('invalid input')
    }
    return EOF_TOKEN
  }

  private scanOperator(first: string): Token {
    const next = this.runes[this.pos]
    if (first === '!') {
      if (next === '=' || next === '~') {
        this.pos++
        return this.emit(next === '=' ? '!=' : '!~')
      }
      throw this.expected('=~')
    }
    if (next === '~') {
      this.pos++
      return this.emit('=~')
    }
    return this.emit('=')
  }

  private scanQuoted(): Token {
    let escaped = false
    while (this.pos < this.runes.length) {
      const r = this.runes[this.pos]!
      if (escaped) escaped = false
      else if (r === '\\') escaped = true
      else if (r === '"') break
      this.pos++
    }
    if (this.pos >= this.runes.length) throw this.fail('missing end "')
    this.pos++
    return this.emit('quoted')
  }

  private scanUnquoted(): Token {
    while (this.pos < this.runes.length && !isReserved(this.runes[this.pos]!)) this.pos++
    return this.emit('unquoted')
  }
}

const END = new Error('end of input')
type Make = (type: MatchType, name: string, value: string) => Matcher
const OPS: Partial<Record<Kind, MatchType>> = {'=': '=', '!=': '!=', '=~': '=~', '!~': '!~'}

function expectPeek(l: Lexer, ...kinds: Kind[]): Token {
  const t = l.peek()
  if (t.kind === 'EOF') throw END
  if (!kinds.includes(t.kind)) throw new Utf8ParseError(`${t.start}:${t.end}: unexpected ${t.value}`)
  return t
}

function expect(l: Lexer, ...kinds: Kind[]): Token {
  const t = expectPeek(l, ...kinds)
  l.scan()
  return t
}

function wrap(e: unknown, what: string): Utf8ParseError {
  return new Utf8ParseError(`${(e as Error).message}: ${what}`)
}

function unquote(t: Token): string {
  if (t.kind !== 'quoted') return t.value
  const v = goUnquote(t.value)
  if (v === undefined) throw new Utf8ParseError(`${t.start}:${t.end}: ${t.value}: invalid input`)
  return v
}

function closeBrace(l: Lexer, hasOpen: boolean): void {
  let t: Token | undefined
  let err: unknown
  try {
    t = expect(l, '}')
  } catch (e) {
    if (!(e instanceof Utf8ParseError) && e !== END) throw e
    err = e
  }
  if (hasOpen && err !== undefined) throw new Utf8ParseError(`0:${l.column}: ${(err as Error).message}: expected close brace`)
  if (!hasOpen && t !== undefined) throw new Utf8ParseError(`0:${l.column}: }: expected opening brace`)
  let end: Token
  try {
    end = l.scan()
  } catch (e) {
    throw wrap(e, 'expected end of input')
  }
  if (end.kind !== 'EOF') throw new Utf8ParseError(`${end.start}:${end.end}: ${end.value}: expected end of input`)
}

function matcher(l: Lexer, make: Make): Matcher {
  let t: Token
  try {
    t = expect(l, 'quoted', 'unquoted')
  } catch (e) {
    throw wrap(e, 'expected label name')
  }
  const name = unquote(t)
  try {
    t = expect(l, '=', '!=', '=~', '!~')
  } catch (e) {
    throw wrap(e, "expected an operator such as '=', '!=', '=~' or '!~'")
  }
  const type = OPS[t.kind]!
  try {
    t = expect(l, 'unquoted', 'quoted')
  } catch (e) {
    throw wrap(e, 'expected label value')
  }
  const value = unquote(t)
  try {
    return make(type, name, value)
  } catch (e) {
    throw new Utf8ParseError(`failed to create matcher: ${(e as Error).message}`)
  }
}

/** Parse zero or more matchers with the UTF-8 parser; throws Utf8ParseError. */
export function parseUtf8Matchers(input: string, make: Make): Matcher[] {
  const l = new Lexer(input)
  const out: Matcher[] = []
  const first = l.peek().kind
  if (first === 'EOF') return out // empty input
  const hasOpen = first === '{'
  if (hasOpen) l.scan()
  const next = l.peek().kind
  if (next === '}' || next === 'EOF') {
    closeBrace(l, hasOpen)
    return out
  }
  for (;;) {
    out.push(matcher(l, make))
    let t: Token
    try {
      t = expectPeek(l, ',', '}')
    } catch (e) {
      if (e === END) break
      throw wrap(e, 'expected a comma or close brace')
    }
    if (t.kind === '}') break
    l.scan() // the comma
    try {
      t = expectPeek(l, '}', 'unquoted', 'quoted')
    } catch (e) {
      if (e === END) break
      throw wrap(e, 'expected a matcher or close brace after comma')
    }
    if (t.kind === '}') break
  }
  closeBrace(l, hasOpen)
  return out
}
