// text/template's builtin functions (Go 1.19 funcs.go), on the JS value model of values.ts.
import {formatValue, sprint, sprintf, sprintln} from './go-fmt.js'
import {isPrint} from './gofmt.js'
import {goFunc, GoFuncError, type TemplateFunc} from './signature.js'
import {goTypeName, isGoMap, isNil, isTrue, mapGet, mapSize, mapZero} from './values.js'

type Kind = 'invalid' | 'bool' | 'int' | 'float' | 'string'

function basicKind(v: unknown): Kind {
  if (isNil(v)) return 'invalid'
  switch (typeof v) {
    case 'boolean': return 'bool'
    case 'bigint': return 'int'
    case 'number': return 'float'
    case 'string': return 'string'
  }
  return 'invalid'
}

const ERR_BAD_TYPE = 'invalid type for comparison'
const ERR_BAD = 'incompatible types for comparison'

function goEq(a: unknown, ...bs: unknown[]): boolean {
  if (bs.length === 0) throw new GoFuncError('missing argument for comparison')
  const k1 = basicKind(a)
  for (const b of bs) {
    const k2 = basicKind(b)
    if (k1 !== k2) {
      if (!isNil(a) && !isNil(b)) throw new GoFuncError(ERR_BAD)
      continue
    }
    if (k1 !== 'invalid') {
      if (a === b) return true
      continue
    }
    if (isNil(a) || isNil(b)) {
      if (isNil(a) && isNil(b)) return true
      continue
    }
    if (Array.isArray(b) || isGoMap(b)) throw new GoFuncError(`non-comparable type ${formatValue(b, 'v', NO_SPEC)}: ${goTypeName(b)}`)
    if (a === b) return true
  }
  return false
}

const NO_SPEC = {plus: false, minus: false, sharp: false, space: false, zero: false}

function goLt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a)
  if (k1 === 'invalid') throw new GoFuncError(ERR_BAD_TYPE)
  const k2 = basicKind(b)
  if (k2 === 'invalid') throw new GoFuncError(ERR_BAD_TYPE)
  if (k1 !== k2) throw new GoFuncError(ERR_BAD)
  if (k1 === 'bool') throw new GoFuncError(ERR_BAD_TYPE)
  if (k1 === 'string') return compareBytes(a as string, b as string) < 0
  return (a as number) < (b as number)
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

function goIndex(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new GoFuncError('index of untyped nil')
  for (const index of indexes) {
    if (isNil(item)) throw new GoFuncError('index of untyped nil')
    if (Array.isArray(item) || typeof item === 'string') {
      const len = typeof item === 'string' ? Buffer.byteLength(item, 'utf8') : item.length
      const x = indexArg(index, len)
      item = typeof item === 'string' ? BigInt(Buffer.from(item, 'utf8')[x]!) : item[x]
    } else if (isGoMap(item)) {
      if (isNil(index)) throw new GoFuncError('value is nil; should be of type string')
      if (!(item instanceof Map) && typeof index !== 'string') {
        throw new GoFuncError(`value has type ${goTypeName(index)}; should be string`)
      }
      const got = mapGet(item, index)
      item = got.ok ? got.value : mapZero(item)
    } else {
      throw new GoFuncError(`can't index item of type ${goTypeName(item)}`)
    }
  }
  return item
}

function indexArg(index: unknown, cap: number): number {
  if (isNil(index)) throw new GoFuncError('cannot index slice/array with nil')
  if (typeof index !== 'bigint') throw new GoFuncError(`cannot index slice/array with type ${goTypeName(index)}`)
  if (index < 0n || index >= BigInt(cap)) throw new GoFuncError(`index out of range: ${index}`)
  return Number(index)
}

function goSlice(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new GoFuncError('slice of untyped nil')
  if (indexes.length > 3) throw new GoFuncError(`too many slice indexes: ${indexes.length}`)
  let len: number
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new GoFuncError('cannot 3-index slice a string')
    len = Buffer.byteLength(item, 'utf8')
  } else if (Array.isArray(item)) len = item.length
  else throw new GoFuncError(`can't slice item of type ${goTypeName(item)}`)
  const idx = [0, len]
  indexes.forEach((x, i) => {
    const n = sliceIndex(x, len)
    if (i < 2) idx[i] = n
  })
  if (idx[0]! > idx[1]!) throw new GoFuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`)
  if (typeof item === 'string') return Buffer.from(item, 'utf8').subarray(idx[0], idx[1]).toString('utf8')
  return item.slice(idx[0], idx[1])
}

function sliceIndex(index: unknown, cap: number): number {
  if (isNil(index)) throw new GoFuncError('cannot index slice/array with nil')
  if (typeof index !== 'bigint') throw new GoFuncError(`cannot index slice/array with type ${goTypeName(index)}`)
  if (index < 0n || index > BigInt(cap)) throw new GoFuncError(`index out of range: ${index}`)
  return Number(index)
}

function goLen(item: unknown): bigint {
  if (isNil(item)) throw new GoFuncError('reflect: call of reflect.Value.Type on zero Value')
  if (typeof item === 'string') return BigInt(Buffer.byteLength(item, 'utf8'))
  if (Array.isArray(item)) return BigInt(item.length)
  if (isGoMap(item)) return BigInt(mapSize(item))
  throw new GoFuncError(`len of type ${goTypeName(item)}`)
}

/** evalArgs of html/js/urlquery: one string as is, else fmt.Sprint (nil printing as <no value>). */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0]
  return sprint(args.map((a) => (isNil(a) ? '<no value>' : a)))
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => HTML_ESC[c]!)
}
const HTML_ESC: Record<string, string> = {'\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;'}

function jsEscape(s: string): string {
  let out = ''
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    switch (ch) {
      case '\\': out += '\\\\'; continue
      case "'": out += "\\'"; continue
      case '"': out += '\\"'; continue
      case '<': out += '\\u003C'; continue
      case '>': out += '\\u003E'; continue
      case '&': out += '\\u0026'; continue
      case '=': out += '\\u003D'; continue
    }
    if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0')
    else if (c < 0x80 || isPrint(c)) out += ch
    else out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0')
  }
  return out
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = ''
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b)
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c
    else if (c === ' ') out += '+'
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0')
  }
  return out
}

function goCall(fn: unknown, ...args: unknown[]): unknown {
  if (isNil(fn)) throw new GoFuncError('call of nil')
  if (typeof fn !== 'function') throw new GoFuncError(`non-function of type ${goTypeName(fn)}`)
  return (fn as (...a: unknown[]) => unknown)(...args)
}

/** The builtins, by name. `and`/`or` are evaluated lazily by exec; these are their signatures. */
export const BUILTINS: Readonly<Record<string, TemplateFunc>> = {
  and: goFunc(['any'], (...a: unknown[]) => a.find((x) => !isTrue(x)[0]) ?? a[a.length - 1], 'any'),
  or: goFunc(['any'], (...a: unknown[]) => a.find((x) => isTrue(x)[0]) ?? a[a.length - 1], 'any'),
  not: goFunc(['any'], (a: unknown) => !isTrue(a)[0]),
  call: goFunc(['any'], goCall, 'any'),
  html: goFunc([], (...a: unknown[]) => htmlEscape(evalArgs(a)), 'any'),
  js: goFunc([], (...a: unknown[]) => jsEscape(evalArgs(a)), 'any'),
  urlquery: goFunc([], (...a: unknown[]) => queryEscape(evalArgs(a)), 'any'),
  index: goFunc(['any'], goIndex, 'any'),
  slice: goFunc(['any'], goSlice, 'any'),
  len: goFunc(['any'], goLen),
  print: goFunc([], (...a: unknown[]) => sprint(a), 'any'),
  printf: goFunc(['string'], (f: string, ...a: unknown[]) => sprintf(f, a), 'any'),
  println: goFunc([], (...a: unknown[]) => sprintln(a), 'any'),
  eq: goFunc(['any'], goEq, 'any'),
  ne: goFunc(['any', 'any'], (a: unknown, b: unknown) => !goEq(a, b)),
  lt: goFunc(['any', 'any'], goLt),
  le: goFunc(['any', 'any'], (a: unknown, b: unknown) => goLt(a, b) || goEq(a, b)),
  gt: goFunc(['any', 'any'], (a: unknown, b: unknown) => !(goLt(a, b) || goEq(a, b))),
  ge: goFunc(['any', 'any'], (a: unknown, b: unknown) => !goLt(a, b)),
}
