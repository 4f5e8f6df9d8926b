// How Go values are modelled in JS for the template executor:
//   nil: null/undefined        string: string         bool: boolean
//   float64: number            int: bigint            slice: array
//   map: Map, or a plain object (own enumerable keys)  struct: object tagged with goType(..., 'struct')
//   time.Time: GoTime (go-time.ts)
// Objects and arrays may carry a Go type (name, kind, element zero) for messages,
// missing-key zero values and struct semantics. Function-valued properties are methods.

interface GoTypeInfo {
  /** The Go type name as reflect prints it, e.g. `map[string]string`, `*template.Data`. */
  name: string
  kind: 'map' | 'struct' | 'slice'
  /** The zero value of the element type (maps: what a missing key gives with missingkey=zero / index). */
  zero?: unknown
}

const GO_TYPE = Symbol.for('spock.goType')

/** Tag an object or array with its Go type; returns the same object. */
export function withGoType<V extends object>(v: V, info: GoTypeInfo): V {
  Object.defineProperty(v, GO_TYPE, {value: info, enumerable: false, configurable: true})
  return v
}

/** A map[string]string (labels, annotations, KV). */
export function stringMap<V extends object>(v: V, name = 'map[string]string'): V {
  return withGoType(v, {name, kind: 'map', zero: ''})
}

/** Define a method (a non-enumerable function property) on an object or array. */
export function defineMethod(v: object, name: string, fn: (...args: never[]) => unknown): void {
  Object.defineProperty(v, name, {value: fn, enumerable: false, configurable: true, writable: true})
}

function goTypeInfo(v: unknown): GoTypeInfo | undefined {
  if (v === null || typeof v !== 'object') return undefined
  return (v as Record<symbol, GoTypeInfo | undefined>)[GO_TYPE]
}

export function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Map) return false
  const info = goTypeInfo(v)
  if (info) return info.kind === 'map'
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

export function isStruct(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Map) return false
  const info = goTypeInfo(v)
  if (info) return info.kind === 'struct'
  const proto = Object.getPrototypeOf(v) as unknown
  return proto !== Object.prototype && proto !== null
}

export function isGoMap(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  return v instanceof Map || isPlainMap(v)
}

/** The zero value of a map's elements (nil unless typed or all values are strings). */
export function mapZero(m: Map<unknown, unknown> | Record<string, unknown>): unknown {
  const info = goTypeInfo(m)
  if (info) return info.zero ?? null
  const values = m instanceof Map ? [...m.values()] : Object.values(m)
  return values.length > 0 && values.every((x) => typeof x === 'string') ? '' : null
}

/** Keys of a map, in fmtsort order (numbers numerically, strings bytewise). */
export function sortedKeys(m: Map<unknown, unknown> | Record<string, unknown>): unknown[] {
  const keys = m instanceof Map ? [...m.keys()] : Object.keys(m)
  return keys.sort(compareKeys)
}

export function mapGet(m: Map<unknown, unknown> | Record<string, unknown>, k: unknown): {ok: boolean; value: unknown} {
  if (m instanceof Map) return m.has(k) ? {ok: true, value: m.get(k)} : {ok: false, value: undefined}
  const key = String(k)
  return Object.prototype.hasOwnProperty.call(m, key) && Object.prototype.propertyIsEnumerable.call(m, key)
    ? {ok: true, value: m[key]}
    : {ok: false, value: undefined}
}

export function mapSize(m: Map<unknown, unknown> | Record<string, unknown>): number {
  return m instanceof Map ? m.size : Object.keys(m).length
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b)
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    return a < b ? -1 : a > b ? 1 : 0
  }
  return compareStrings(String(a), String(b))
}

/** Go's string order (UTF-8 bytes, i.e. code points). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0
    const y = b.codePointAt(i) ?? 0
    if (x !== y) return x - y
    if (x > 0xffff) i++
  }
  return a.length - b.length
}

/** The Go type name of a value, as reflect's Type.String() would print it. */
export function goTypeName(v: unknown): string {
  if (isNil(v)) return '<nil>'
  switch (typeof v) {
    case 'string': return 'string'
    case 'number': return 'float64'
    case 'bigint': return 'int'
    case 'boolean': return 'bool'
    case 'function': return 'func(...interface {}) interface {}'
  }
  const info = goTypeInfo(v)
  if (info) return info.name
  if (Array.isArray(v)) return '[]interface {}'
  if (v instanceof Map) return 'map[interface {}]interface {}'
  if (isPlainMap(v)) return 'map[string]interface {}'
  const ctor = (v as {constructor?: {goTypeName?: string; name?: string}}).constructor
  return ctor?.goTypeName ?? `*${ctor?.name ?? 'struct'}`
}

/** A method of a value (a function-valued property that is not a map entry), if any. */
export function findMethod(v: unknown, name: string): ((...args: unknown[]) => unknown) | undefined {
  if (v === null || typeof v !== 'object') return undefined
  if (v instanceof Map && Object.prototype.hasOwnProperty.call(Map.prototype, name)) return undefined
  if (Array.isArray(v) && !Object.prototype.hasOwnProperty.call(v, name)) return undefined
  if (name in Object.prototype) return undefined
  const f = (v as Record<string, unknown>)[name]
  if (typeof f !== 'function') return undefined
  return (f as (...args: unknown[]) => unknown).bind(v)
}

/** text/template's isTrue: [truth, ok]. */
export function isTrue(v: unknown): [boolean, boolean] {
  if (isNil(v)) return [false, true]
  switch (typeof v) {
    case 'string': return [v.length > 0, true]
    case 'boolean': return [v, true]
    case 'number': return [v !== 0, true]
    case 'bigint': return [v !== 0n, true]
    case 'function': return [true, true]
  }
  if (Array.isArray(v)) return [v.length > 0, true]
  if (isGoMap(v)) return [mapSize(v) > 0, true]
  return [true, true]
}
