// A small strict decoder over the positioned YAML tree, with yaml.v2 (Alertmanager's parser) semantics:
// unknown keys are errors, null is the zero value, any scalar fits a string, YAML 1.1 booleans.
import type {Severity} from '../findings/problem.js'
import {Buffer} from 'node:buffer'
import type {YMap, YNode, YPair, YScalar} from './nodes.js'

export type SchemaVersion = '0.25' | 'latest'

export interface Pos {
  line: number
  column: number
}

interface DecodeIssue extends Pos {
  check: string
  severity: Severity
  message: string
  hint?: string
}

/** Decodes one node; returns undefined for null (Go's zero value). */
export type Kind = (node: YNode, d: Decoder, label: string) => unknown

export interface FieldSpec {
  kind: Kind
  /** Known only to newer Alertmanager releases (schema version "latest"). */
  latest?: boolean
}

export interface ObjectSchema {
  name: string // how messages name an object of this type, e.g. "email config"
  fields: Record<string, Kind | FieldSpec>
  validate?: (obj: Record<string, unknown>, d: Decoder) => void
}

/** Where a decoded object came from: its mapping, and the keys that were not decoded (unknown fields). */
interface ObjectInfo {
  node: YMap
  skipped?: string[]
}

/** The decoded field's pair (the last of that name, as the decoder keeps it); a scan: objects have few keys. */
function fieldPair(info: ObjectInfo | undefined, field: string): YPair | undefined {
  if (!info || info.skipped?.includes(field)) return undefined
  const pairs = info.node.pairs
  for (let k = pairs.length - 1; k >= 0; k--) if (pairs[k]!.key.value === field) return pairs[k]
  return undefined
}

/** One decoding run: collects issues and remembers where every decoded object came from. */
export class Decoder {
  readonly issues: DecodeIssue[] = []
  // The mapping itself when no key was skipped (the usual case: one wrapper object less per decoded object)
  private readonly objects = new WeakMap<object, ObjectInfo | YMap>()
  private readonly invalid = new WeakMap<object, Set<string>>()
  private errors = 0

  constructor(readonly version: SchemaVersion) {}

  report(at: Pos, message: string, opts: {check?: string; severity?: Severity; hint?: string} = {}): void {
    const issue: DecodeIssue = {line: at.line, column: at.column, check: opts.check ?? 'am/schema', severity: opts.severity ?? 'error', message}
    if (opts.hint) issue.hint = opts.hint
    this.issues.push(issue)
    if (issue.severity === 'error') this.errors++
  }

  /** Position of a field's value, or of the object when the field is absent. */
  private info(obj: object | undefined): ObjectInfo | undefined {
    const known = obj ? this.objects.get(obj) : undefined
    return known && 'pairs' in known ? {node: known} : known
  }

  at(obj: object | undefined, field?: string): Pos {
    const info = this.info(obj)
    if (!info) return {line: 0, column: 0}
    const f = field === undefined ? undefined : fieldPair(info, field)
    const n = f ? f.value : info.node
    return {line: n.line, column: n.column}
  }

  /** Position of a field's key (where "unknown field" style messages point). */
  keyAt(obj: object | undefined, field: string): Pos {
    const info = this.info(obj)
    const f = fieldPair(info, field)
    return f ? {line: f.key.line, column: f.key.column} : this.at(obj)
  }

  has(obj: object | undefined, field: string): boolean {
    return Boolean(fieldPair(this.info(obj), field))
  }

  remember(obj: object, info: ObjectInfo): void {
    this.objects.set(obj, info.skipped ? info : info.node)
  }

  /** The field was given but could not be decoded (an error was reported for it). */
  isInvalid(obj: object | undefined, field: string): boolean {
    return Boolean(obj && this.invalid.get(obj)?.has(field))
  }

  markInvalid(obj: object, field: string): void {
    const set = this.invalid.get(obj) ?? new Set<string>()
    set.add(field)
    this.invalid.set(obj, set)
  }

  errorCount(): number {
    return this.errors
  }
}

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL'])
const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])

export function isNullNode(node: YNode): boolean {
  return node.kind === 'scalar' && node.style === 'plain' && (!node.tag || node.tag === '!!null') && NULLS.has(node.value)
}

function plain(node: YScalar): boolean {
  return node.style === 'plain' && !node.tag
}

function what(node: YNode): string {
  if (node.kind === 'map') return 'a mapping'
  if (node.kind === 'seq') return 'a list'
  return 'a scalar'
}

export function typeError(node: YNode, d: Decoder, label: string, expected: string): undefined {
  d.report(node, `${label} must be ${expected}, not ${what(node)}`)
  return undefined
}

/** Any scalar, as yaml.v2 puts it into a Go string (plain scalars keep their source text). */
export const str: Kind = (node, d, label) => {
  if (isNullNode(node)) return undefined
  if (node.kind !== 'scalar') return typeError(node, d, label, 'a string')
  if (node.tag === '!!binary') return Buffer.from(node.value.replace(/\s/g, ''), 'base64').toString('utf8')
  return node.value
}

export const bool: Kind = (node, d, label) => {
  if (isNullNode(node)) return undefined
  if (node.kind === 'scalar' && plain(node)) {
    if (TRUE.has(node.value)) return true
    if (FALSE.has(node.value)) return false
  }
  if (node.kind === 'scalar' && node.tag === '!!bool') return TRUE.has(node.value)
  d.report(node, `${label} must be true or false`)
  return undefined
}

const INT = /^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]*|[1-9][0-9_]*)$/
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/

function intKind(unsigned: boolean): Kind {
  return (node, d, label) => {
    if (isNullNode(node)) return undefined
    if (node.kind === 'scalar' && plain(node) && INT.test(node.value)) {
      const v = parseGoInt(node.value)
      if (v !== undefined && (!unsigned || v >= 0)) return v
    }
    // yaml.v2 puts an integral-range float into an int field, truncated
    if (node.kind === 'scalar' && plain(node) && FLOAT.test(node.value.replace(/_/g, ''))) {
      const v = Math.trunc(Number(node.value.replace(/_/g, '')))
      if (Number.isFinite(v) && (!unsigned || v >= 0)) return v
    }
    d.report(node, `${label} must be ${unsigned ? 'a non-negative integer' : 'an integer'}`)
    return undefined
  }
}

function parseGoInt(text: string): number | undefined {
  const t = text.replace(/_/g, '')
  const neg = t.startsWith('-')
  const body = t.replace(/^[-+]/, '')
  let v: number
  if (/^0b/.test(body)) v = parseInt(body.slice(2), 2)
  else if (/^0x/.test(body)) v = parseInt(body.slice(2), 16)
  else if (/^0o/.test(body)) v = parseInt(body.slice(2), 8)
  else if (/^0[0-7]+$/.test(body)) v = parseInt(body.slice(1), 8)
  else v = Number(body)
  return Number.isFinite(v) ? (neg ? -v : v) : undefined
}

export const int = intKind(false)
export const uint = intKind(true)

/** A scalar checked by `check` (returns an error message or undefined); the decoded value is the text. */
export function checkedString(check: (text: string) => string | undefined, opts: {secret?: boolean} = {}): Kind {
  return (node, d, label) => {
    const s = str(node, d, label) as string | undefined
    if (s === undefined) return undefined
    const err = check(s)
    if (err) {
      d.report(node, `${label}: ${err}`)
      return undefined
    }
    return opts.secret ? SECRET : s
  }
}

/** What decoded secrets become: the value never leaves the decoder. */
export const SECRET = '<secret>'

export const secret: Kind = (node, d, label) => {
  const s = str(node, d, label) as string | undefined
  return s === undefined || s === '' ? s : SECRET
}

/** A list; with nullItems 'error', a null entry is reported (Alertmanager dereferences it and crashes). */
export function list(of: Kind, opts: {nullItems?: 'error'} = {}): Kind {
  return (node, d, label) => {
    if (isNullNode(node)) return undefined
    if (node.kind !== 'seq') return typeError(node, d, label, 'a list')
    return node.items.map((item, i) => {
      if (opts.nullItems === 'error' && isNullNode(item)) {
        d.report(item, `${label}[${i}] is empty (Alertmanager crashes on a null entry)`)
        return undefined
      }
      return of(item, d, `${label}[${i}]`)
    })
  }
}

export function map(of: Kind): Kind {
  return (node, d, label) => {
    if (isNullNode(node)) return undefined
    if (node.kind !== 'map') return typeError(node, d, label, 'a mapping')
    const out: Record<string, unknown> = {}
    for (const p of node.pairs) out[p.key.value] = of(p.value, d, `${label}.${p.key.value}`)
    return out
  }
}

/** Anything at all (used for fields whose inner shape spock does not check). */
export const anything: Kind = (node) => toPlain(node)

/** Plain JS values for a node, built without recursion (nesting depth follows the input). */
function toPlain(root: YNode): unknown {
  const box: {value?: unknown} = {}
  const work: [YNode, Record<string | number, unknown>, string | number][] = [[root, box, 'value']]
  while (work.length > 0) {
    const [node, into, at] = work.pop()!
    if (isNullNode(node)) into[at] = undefined
    else if (node.kind === 'seq') {
      const items: unknown[] = (into[at] = new Array(node.items.length)) as unknown[]
      node.items.forEach((item, k) => work.push([item, items as unknown as Record<number, unknown>, k]))
    } else if (node.kind === 'map') {
      const obj: Record<string, unknown> = (into[at] = {}) as Record<string, unknown>
      for (const p of node.pairs) obj[p.key.value] = undefined // key order as written
      for (const p of node.pairs) work.push([p.value, obj, p.key.value])
    } else into[at] = node.value
  }
  return box.value
}

export function object(schema: ObjectSchema): Kind {
  return (node, d, label) => {
    const started = startObject(schema, node, d, label)
    return started && finishObject(schema, started, d)
  }
}

/** An object whose fields are decoded, all but `deferred` (whose value node is handed back), before its checks run. */
export interface StartedObject {
  node: YMap
  out: Record<string, unknown>
  skipped?: string[]
  invalid: string[]
  deferred?: YNode
}

/** Decodes the fields of a mapping (undefined for null, or a reported type error); `deferred` is left undecoded. */
export function startObject(schema: ObjectSchema, node: YNode, d: Decoder, label: string, deferred?: string): StartedObject | undefined {
  if (isNullNode(node)) return undefined
  if (node.kind !== 'map') return typeError(node, d, label, `a mapping (${schema.name})`)
  const started: StartedObject = {node, out: {}, invalid: []}
  for (const pair of node.pairs) {
    const name = pair.key.value
    const spec = schema.fields[name]
    const field = typeof spec === 'function' ? {kind: spec} : spec
    if (!field || (field.latest && d.version !== 'latest')) {
      const hint = field
        ? `Alertmanager ${d.version} does not know "${name}" (it came in a later release); remove it or validate for version latest`
        : undefined
      d.report(pair.key, `unknown field "${name}" in ${schema.name}`, {hint})
      ;(started.skipped ??= []).push(name)
      continue
    }
    if (name === deferred) {
      started.out[name] = undefined // keeps the field order; filled in by the caller
      started.deferred = pair.value
      continue
    }
    const before = d.errorCount()
    started.out[name] = field.kind(pair.value, d, name)
    if (d.errorCount() > before) started.invalid.push(name)
  }
  return started
}

export function finishObject(schema: ObjectSchema, started: StartedObject, d: Decoder): Record<string, unknown> {
  const {node, out, skipped, invalid} = started
  d.remember(out, skipped ? {node, skipped} : {node})
  for (const name of invalid) d.markInvalid(out, name)
  // As yaml.v2: an object whose fields failed to decode never reaches its own checks (no cascades).
  if (invalid.length === 0) schema.validate?.(out, d)
  return out
}

/** A field that exists only in newer Alertmanager releases. */
export function latest(kind: Kind): FieldSpec {
  return {kind, latest: true}
}
