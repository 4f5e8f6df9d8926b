// The Prometheus text exposition format (0.0.4), read as Prometheus 2.42's parser for `promtool check
// metrics` reads it: line by line over bytes, metric families keyed by name (a histogram's _bucket/_sum/
// _count and a summary's _sum/_count join their declared family), the first problem stops the parse.
import {parseGoFloat} from '../../promql/mathutil.js'

type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped' | 'gauge_histogram'

interface Sample {
  labels: Array<[string, string]>
  line: number
}

export interface MetricFamily {
  name: string
  /** Undefined when no HELP line was given ('' for an empty one). */
  help?: string
  type: MetricType
  /** One entry per metric (a histogram or summary counts once per label set). */
  metrics: Sample[]
  line: number
}

export class ExpositionError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`text format parsing error in line ${line}: ${reason}`)
  }
}

const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped', 'gauge_histogram'])
const SP = 0x20
const TAB = 0x09
const NL = 0x0a
const isBlank = (b: number) => b === SP || b === TAB
const isNameStart = (b: number) => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b === 0x5f
const isLabelChar = (b: number) => isNameStart(b) || (b >= 0x30 && b <= 0x39)
const isMetricStart = (b: number) => isNameStart(b) || b === 0x3a
const isMetricChar = (b: number) => isLabelChar(b) || b === 0x3a
/** Go's %q of one byte. */
const quoteByte = (b: number) => {
  if (b === 0x27) return "'\\''"
  if (b === 0x5c) return "'\\\\'"
  if (b === NL) return "'\\n'"
  if (b === TAB) return "'\\t'"
  if (b >= 0x20 && b < 0x7f) return `'${String.fromCharCode(b)}'`
  if (b < 0x20 || b === 0x7f) return `'\\x${b.toString(16).padStart(2, '0')}'`
  return `'${String.fromCharCode(b)}'`
}
/** Go's %q of bytes: printable UTF-8 as is, invalid bytes as \xNN, control characters escaped. */
function goQuote(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input)
  const named: Record<number, string> = {7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x22: '\\"', 0x5c: '\\\\'}
  let out = '"'
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!
    if (b < 0x80) {
      out += named[b] ?? (b < 0x20 || b === 0x7f ? `\\x${b.toString(16).padStart(2, '0')}` : String.fromCharCode(b))
      i++
      continue
    }
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
    try {
      if (len === 1) throw new Error('stray byte')
      out += new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(i, i + len))
      i += len
    } catch {
      out += `\\x${b.toString(16).padStart(2, '0')}`
      i++
    }
  }
  return `${out}"`
}
const quote = (s: string) => goQuote(s)

/** Go's strconv.ParseFloat behind expfmt's guard against 'p', 'P' and '_'. */
function parseExpositionFloat(text: string): number | undefined {
  if (/[pP_]/.test(text)) return undefined
  const v = parseGoFloat(text)
  if (v === undefined) return undefined
  if (!Number.isFinite(v) && !Number.isNaN(v) && !/inf/i.test(text)) return undefined // out of range
  return v
}

const suffixed = (name: string, suffix: string) => name.length > suffix.length && name.endsWith(suffix)

export function parseExposition(input: Uint8Array): MetricFamily[] {
  const families = new Map<string, MetricFamily>()
  const decoder = new TextDecoder('utf-8', {fatal: true})
  const text = (from: number, to: number) => Buffer.from(input.buffer, input.byteOffset + from, to - from).toString('latin1')
  let pos = 0
  let line = 0
  const fail = (reason: string): never => {
    throw new ExpositionError(line, reason)
  }
  const eof = () => fail('unexpected end of input stream')
  const byte = () => (pos < input.length ? input[pos]! : -1)
  const skipBlank = () => {
    while (pos < input.length && isBlank(input[pos]!)) pos++
  }
  /** Families whose type is fixed: by a TYPE line or by their first sample. */
  const typed = new Set<MetricFamily>()
  let histSeen = new Map<string, Sample>()
  let sumSeen = new Map<string, Sample>()

  const familyFor = (name: string): {mf: MetricFamily; part?: 'count' | 'sum' | 'bucket'} => {
    const own = families.get(name)
    if (own) return {mf: own}
    const strip = suffixed(name, '_count') ? 6 : suffixed(name, '_sum') ? 4 : 0
    if (strip) {
      const base = families.get(name.slice(0, -strip))
      if (base && base.type === 'summary') return {mf: base, part: strip === 6 ? 'count' : 'sum'}
    }
    const hstrip = strip || (suffixed(name, '_bucket') ? 7 : 0)
    if (hstrip) {
      const base = families.get(name.slice(0, -hstrip))
      if (base && base.type === 'histogram') return {mf: base, part: hstrip === 6 ? 'count' : hstrip === 4 ? 'sum' : 'bucket'}
    }
    const mf: MetricFamily = {name, type: 'untyped', metrics: [], line}
    families.set(name, mf)
    return {mf}
  }

  const readName = (isStart: (b: number) => boolean, isChar: (b: number) => boolean) => {
    const from = pos
    if (pos < input.length && isStart(input[pos]!)) {
      pos++
      while (pos < input.length && isChar(input[pos]!)) pos++
    }
    return text(from, pos)
  }

  /** The rest of the line; HELP text decodes `\\` and `\n`. */
  const restOfLine = (escapes: boolean): string => {
    const out: number[] = []
    for (;;) {
      if (pos >= input.length) eof()
      const b = input[pos++]!
      if (b === NL) return Buffer.from(out).toString('utf8')
      if (escapes && b === 0x5c) {
        if (pos >= input.length) eof()
        const e = input[pos++]!
        if (e === 0x5c) out.push(0x5c)
        else if (e === 0x6e) out.push(NL)
        else fail(`invalid escape sequence '\\${String.fromCharCode(e)}'`)
        continue
      }
      out.push(b)
    }
  }

  const comment = () => {
    pos++ // '#'
    skipBlank()
    if (pos >= input.length) eof()
    if (byte() === NL) return void pos++
    const from = pos
    while (pos < input.length && !isBlank(input[pos]!) && input[pos] !== NL) pos++
    if (pos >= input.length) eof()
    const keyword = text(from, pos)
    if (byte() === NL) return void pos++
    if (keyword !== 'HELP' && keyword !== 'TYPE') {
      while (pos < input.length && input[pos] !== NL) pos++
      if (pos >= input.length) eof()
      pos++
      return
    }
    skipBlank()
    if (pos >= input.length) eof()
    const name = readName(isMetricStart, isMetricChar)
    if (pos >= input.length) eof()
    if (byte() === NL) return void pos++
    if (!isBlank(byte())) fail('invalid metric name in comment')
    const {mf} = familyFor(name)
    skipBlank()
    if (pos >= input.length) eof()
    if (byte() === NL) return void pos++
    if (keyword === 'HELP') {
      if (mf.help !== undefined) fail(`second HELP line for metric name ${quote(mf.name)}`)
      mf.help = restOfLine(true)
      return
    }
    if (typed.has(mf)) fail(`second TYPE line for metric name ${quote(mf.name)}, or TYPE reported after samples`)
    const t = restOfLine(false)
    if (!TYPES.has(t.toLowerCase())) fail(`unknown metric type ${quote(t)}`)
    mf.type = t.toLowerCase() as MetricType
    typed.add(mf)
  }

  const sample = () => {
    const name = readName(isMetricStart, isMetricChar)
    if (pos >= input.length) eof()
    if (name === '') fail('invalid metric name')
    const {mf} = familyFor(name)
    typed.add(mf) // a sample fixes the type (untyped unless declared)
    skipBlank()
    if (pos >= input.length) eof()
    const special = mf.type === 'histogram' || mf.type === 'summary'
    const labels: Array<[string, string]> = []
    const keyLabels: Array<[string, string]> = []
    const names = new Set<string>()
    if (byte() === 0x7b) {
      pos++
      for (;;) {
        skipBlank()
        if (pos >= input.length) eof()
        if (byte() === 0x7d) {
          pos++
          break
        }
        const lname = readName(isNameStart, isLabelChar)
        if (pos >= input.length) eof()
        if (lname === '') fail(`invalid label name for metric ${quote(mf.name)}`)
        skipBlank()
        if (pos >= input.length) eof()
        if (byte() !== 0x3d) fail(`expected '=' after label name, found ${quoteByte(byte())}`)
        pos++
        if (lname === '__name__') fail('label name "__name__" is reserved')
        const isSpecial = (mf.type === 'summary' && lname === 'quantile') || (mf.type === 'histogram' && lname === 'le')
        if (!isSpecial && names.has(lname)) fail(`duplicate label names for metric ${quote(mf.name)}`)
        if (!isSpecial) names.add(lname)
        skipBlank()
        if (pos >= input.length) eof()
        if (byte() !== 0x22) fail(`expected '"' at start of label value, found ${quoteByte(byte())}`)
        pos++
        const bytes: number[] = []
        for (;;) {
          if (pos >= input.length) eof()
          const b = input[pos++]!
          if (b === 0x22) break
          if (b === 0x5c) {
            if (pos >= input.length) eof()
            const e = input[pos++]!
            if (e === 0x22 || e === 0x5c) bytes.push(e)
            else if (e === 0x6e) bytes.push(NL)
            else fail(`invalid escape sequence '\\${String.fromCharCode(e)}'`)
            continue
          }
          bytes.push(b)
        }
        let value: string
        try {
          value = decoder.decode(Uint8Array.from(bytes))
        } catch {
          value = fail(`invalid label value ${goQuote(Uint8Array.from(bytes))}`)
        }
        const isQuantile = mf.type === 'summary' && lname === 'quantile'
        const isLe = mf.type === 'histogram' && lname === 'le'
        if (isQuantile && parseExpositionFloat(value) === undefined) fail(`expected float as value for 'quantile' label, got ${quote(value)}`)
        if (isLe && parseExpositionFloat(value) === undefined) fail(`expected float as value for 'le' label, got ${quote(value)}`)
        if (!isQuantile && !isLe) {
          labels.push([lname, value])
          keyLabels.push([lname, value])
        }
        skipBlank()
        if (pos >= input.length) eof()
        if (byte() === 0x2c) {
          pos++
          continue
        }
        if (byte() === 0x7d) {
          pos++
          break
        }
        fail(`unexpected end of label value ${quote(value)}`)
      }
      skipBlank()
      if (pos >= input.length) eof()
    }
    const s: Sample = {labels, line}
    if (special) {
      const key = keyLabels.map(([k, v]) => `${k}\u0000${v}`).sort().join('\u0001')
      const seen = mf.type === 'histogram' ? histSeen : sumSeen
      if (!seen.has(`${mf.name}\u0002${key}`)) {
        seen.set(`${mf.name}\u0002${key}`, s)
        mf.metrics.push(s)
      }
    } else mf.metrics.push(s)
    const from = pos
    while (pos < input.length && !isBlank(input[pos]!) && input[pos] !== NL) pos++
    if (pos >= input.length) eof()
    const valueText = text(from, pos)
    if (parseExpositionFloat(valueText) === undefined) fail(`expected float as value, got ${quote(valueText)}`)
    if (byte() === NL) return void pos++
    skipBlank()
    if (pos >= input.length) eof()
    const tsFrom = pos
    while (pos < input.length && !isBlank(input[pos]!) && input[pos] !== NL) pos++
    if (pos >= input.length) eof()
    const ts = text(tsFrom, pos)
    if (!/^[+-]?\d+$/.test(ts) || BigInt(ts) > 9223372036854775807n || BigInt(ts) < -9223372036854775808n) fail(`expected integer as timestamp, got ${quote(ts)}`)
    const restFrom = pos
    while (pos < input.length && input[pos] !== NL) pos++
    if (pos >= input.length) eof()
    const rest = text(restFrom, pos)
    pos++
    if (rest.length > 0) fail(`spurious string after timestamp: ${quote(rest)}`)
  }

  while (pos < input.length) {
    line++
    skipBlank()
    if (pos >= input.length) break
    const b = input[pos]!
    if (b === 0x23) comment()
    else if (b === NL) pos++
    else sample()
  }
  histSeen = new Map()
  sumSeen = new Map()
  return [...families.values()].filter((mf) => mf.metrics.length > 0)
}
