// A Go-lexer pass over PromQL source: number syntax errors, bracket balance, and a
// same-length rewrite of the few number spellings Prometheus accepts and lezer does not.
import type {PromVersion} from './functions.js'

interface LexIssue {
  from: number
  to: number
  message: string
}

export interface LexResult {
  /** Source to hand to lezer: same length and offsets as the input. */
  normalized: string
  issues: LexIssue[]
  /** Unclosed bracket kind at end of input, innermost last. */
  open: Array<'(' | '{' | '['>
  /** Deepest bracket nesting seen. */
  maxDepth: number
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isIdentStart = (c: number): boolean => isLetter(c) || c === 95 || c === 58 // _ :
const isIdentChar = (c: number): boolean => isIdentStart(c) || isDigit(c)
const isAlnum = (c: number): boolean => isLetter(c) || isDigit(c) || c === 95
// Whitespace to lezer, but not to Go's lexer (space, \t, \r, \n only).
const FOREIGN_SPACE = /[\v\f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/

/** `keepSigns`: leave runs of unary signs as they are (the evaluator needs their count; checks do not). */
export function lexPromQL(src: string, version: PromVersion, opts: {keepSigns?: boolean} = {}): LexResult {
  const issues: LexIssue[] = []
  const open: LexResult['open'] = []
  const openWords: string[] = []
  // Same-length substitutions for lezer, applied at the end (rarely any).
  const patches: Array<[at: number, text: string]> = []
  // Whether the next token starts an operand: Prometheus then reads `offset` (and `and`…) as metric names.
  let maxDepth = 0
  let operand = true
  let prevWord = ''
  let i = 0
  while (i < src.length) {
    const code = src.charCodeAt(i)
    const c = src[i] as string
    if (c === '#') {
      const end = src.indexOf('\n', i)
      i = end < 0 ? src.length : end
    } else if (c === '"' || c === "'" || c === '`') {
      i = stringEnd(src, i)
      operand = false
    } else if (isIdentStart(code)) {
      let j = i + 1
      while (j < src.length && isIdentChar(src.charCodeAt(j))) j++
      const word = src.slice(i, j).toLowerCase()
      // 2.42's holt_winters is 3.x's double_exponential_smoothing; lezer only knows the
      // latter, so parse a same-length known function and judge by the original text.
      if (word === 'holt_winters' && version === '2.42' && /^\s*\(/.test(src.slice(j, j + 100))) patches.push([i, 'day_of_month'])
      else if (word === 'offset' && operand) patches.push([i, '_ffset']) // a metric named offset
      operand = word === 'bool' || (operand ? false : OPERAND_AFTER.has(word))
      prevWord = word
      i = j
    } else if (isDigit(code) || (c === '.' && isDigit(src.charCodeAt(i + 1)))) {
      const tok = scanNumber(src, i)
      const text = src.slice(i, tok.end)
      if (tok.error && !(version === '3' && text.includes('_'))) issues.push({from: i, to: tok.end, message: tok.error})
      if (tok.kind === 'number') {
        const lezer = lezerNumber(text)
        if (lezer !== text) patches.push([i, lezer])
      }
      i = tok.end
      operand = false
    } else if (code > 127 || c === '\v' || c === '\f') {
      if (FOREIGN_SPACE.test(c)) issues.push({from: i, to: i + 1, message: `unexpected character: ${goQuoteRune(c)}`})
      i++
    } else if (operand && !opts.keepSigns && (c === '-' || c === '+')) {
      // A run of unary signs (`- - - 1`) nests one level per sign, and lezer gives up past a few thousand
      // levels; one sign has the same syntax and types: keep the first, blank the others (same length).
      let j = i + 1
      while (j < src.length && ' \t\r\n+-'.includes(src[j] as string)) j++
      const run = src.slice(i + 1, j)
      if (/[-+]/.test(run)) patches.push([i + 1, run.replace(/[-+]/g, ' ')])
      prevWord = ''
      i = j
    } else {
      if (c === '(' || c === '{' || c === '[') {
        open.push(c)
        openWords.push(prevWord)
        if (open.length > maxDepth) maxDepth = open.length
        operand = true
      } else if (c === ')' || c === '}' || c === ']') {
        open.pop()
        // After on(…)/ignoring(…)/group_x(…) an operand follows; after any other closer an operator.
        operand = c === ')' && MATCHING.has(openWords.pop() ?? '')
      } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
        operand = true
      }
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') prevWord = ''
      i++
    }
  }
  // Patches come in source order and do not overlap: one pass (slicing per patch was quadratic)
  const parts: string[] = []
  let from = 0
  for (const [at, text] of patches) {
    parts.push(src.slice(from, at), text)
    from = at + text.length
  }
  parts.push(src.slice(from))
  const normalized = parts.join('')
  return {normalized, issues, open, maxDepth}
}

// Words after which (in operator position) an operand follows.
const OPERAND_AFTER = new Set(['and', 'or', 'unless', 'atan2'])
const MATCHING = new Set(['on', 'ignoring', 'group_left', 'group_right'])

const RUNE_ESCAPES: Record<string, string> = {'\x07': 'a', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v'}

/** Go's %q of a rune: 'x', '\n', '\x00', '\u00a0'. */
export function goQuoteRune(c: string): string {
  const cp = c.codePointAt(0) ?? 0
  if (RUNE_ESCAPES[c]) return `'\\${RUNE_ESCAPES[c]}'`
  if (c === "'" || c === '\\') return `'\\${c}'`
  if (cp < 0x20 || cp === 0x7f) return `'\\x${cp.toString(16).padStart(2, '0')}'`
  if (/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c)) return `'${c}'`
  return cp > 0xffff ? `'\\U${cp.toString(16).padStart(8, '0')}'` : `'\\u${cp.toString(16).padStart(4, '0')}'`
}

function stringEnd(src: string, start: number): number {
  const q = src[start]
  let i = start + 1
  while (i < src.length) {
    const c = src[i]
    if (q !== '`' && c === '\\') i += 2
    else if (c === q) return i + 1
    else if (q !== '`' && c === '\n') return i
    else i++
  }
  return src.length
}

interface NumberToken {
  end: number
  kind: 'number' | 'duration' | 'bad'
  error?: string
}

// Mirrors Prometheus' lexNumberOrDuration / scanNumber / acceptRemainingDuration.
function scanNumber(src: string, start: number): NumberToken {
  let i = start
  let hex = false
  if (src[i] === '0' && (src[i + 1] === 'x' || src[i + 1] === 'X')) {
    hex = true
    i += 2
  }
  const digit = hex ? (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) : isDigit
  while (i < src.length && digit(src.charCodeAt(i))) i++
  if (src[i] === '.') {
    i++
    while (i < src.length && digit(src.charCodeAt(i))) i++
  }
  if ((src[i] === 'e' || src[i] === 'E') && !hex) {
    i++
    if (src[i] === '+' || src[i] === '-') i++
    while (i < src.length && isDigit(src.charCodeAt(i))) i++
  }
  const text = src.slice(start, i)
  if (!isAlnum(src.charCodeAt(i))) {
    const parsed = parseGoNumber(text)
    return 'error' in parsed
      ? {end: i, kind: 'bad', error: `error parsing number: strconv.ParseFloat: parsing ${JSON.stringify(text)}: ${parsed.error}`}
      : {end: i, kind: 'number'}
  }
  const dur = acceptDuration(src, i)
  if (dur.ok) return {end: dur.end, kind: 'duration'}
  let j = i
  while (j < src.length && isAlnum(src.charCodeAt(j))) j++
  return {end: j, kind: 'bad', error: `bad number or duration syntax: ${JSON.stringify(src.slice(start, dur.end))}`}
}

/** Go's acceptRemainingDuration; `end` is where it stopped (one past the failing rune on failure). */
function acceptDuration(src: string, at: number): {ok: boolean; end: number} {
  let i = at
  if (!/[smhdwy]/.test(src[i] ?? '')) return {ok: false, end: i}
  i++
  if (src[i] === 's') i++
  while (isDigit(src.charCodeAt(i))) {
    while (isDigit(src.charCodeAt(i))) i++
    if (!/[smhdw]/.test(src[i] ?? '')) return {ok: false, end: i}
    i++
    if (src[i] === 's') i++
  }
  return isAlnum(src.charCodeAt(i)) ? {ok: false, end: i + 1} : {ok: true, end: i}
}

const MAX_INT64 = 2n ** 63n - 1n

/** Go's parseNumber: strconv.ParseInt(s, 0, 64), else strconv.ParseFloat(s, 64). */
function parseGoNumber(text: string): {value: number} | {error: 'invalid syntax' | 'value out of range'} {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) {
    // ParseFloat takes no hex without a p exponent, so past int64 it is a syntax error.
    const v = BigInt(`0x${text.slice(2)}`)
    return v > MAX_INT64 ? {error: 'invalid syntax'} : {value: Number(v)}
  }
  if (/^0[0-7]+$/.test(text)) {
    const v = BigInt(`0o${text.slice(1)}`)
    if (v <= MAX_INT64) return {value: Number(v)}
  }
  if (/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text)) {
    const value = Number(text)
    return Number.isFinite(value) ? {value} : {error: 'value out of range'}
  }
  if (/^[+-]?(?:inf|infinity|nan)$/i.test(text)) return {value: Number(text.replace(/inf(inity)?/i, 'Infinity'))}
  return {error: 'invalid syntax'}
}

export function goParseNumber(text: string): number | undefined {
  const res = parseGoNumber(text)
  return 'value' in res ? res.value : undefined
}

/** A same-length spelling of a valid Go number that lezer's `number` token accepts. */
function lezerNumber(text: string): string {
  if (/^(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text) || /^0x[0-9a-fA-F]+$/.test(text)) return text
  return '0'.padEnd(text.length, ' ')
}
