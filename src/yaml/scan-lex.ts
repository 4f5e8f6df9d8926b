// Line-level lexing helpers for the fast scanner (scan.ts).
import type {YMap, YSeq} from './nodes.js'
export {scalar} from './scan-nodes.js'

/** Thrown when the input leaves the subset the fast scanner handles. */
export class Bail extends Error {}

export function bail(): never {
  throw new Bail()
}

export const KEY_START_BAD = new Set([...'-?:,[]{}#&*!|>\'"%@`'])
export const VALUE_START_BAD = new Set([...'&*!%@`?,]}'])
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
} // no '/': Go has no such escape (go-quirks.ts)
const HEX_LEN: Record<string, number> = {x: 2, u: 4, U: 8}

// Native string searches instead of per-character loops: the scanner runs mostly cold (once per CLI call).
export function indentOf(line: string): number {
  if (line.charCodeAt(0) !== 32) return 0
  const k = line.search(/[^ ]/)
  return k < 0 ? line.length : k
}

export function isDash(line: string, pos: number): boolean {
  return line.charCodeAt(pos) === 45 && (pos + 1 === line.length || line.charCodeAt(pos + 1) === 32)
}

/** Index of the `:` ending a mapping key that starts at `pos`, or -1 if the line holds no key there. */
export function keyEnd(line: string, pos: number): number {
  const c = line[pos]
  if (c === '"' || c === "'") {
    const close = quotedEnd(line, pos)
    if (close < 0) return -1
    return line[close] === ':' && (close + 1 === line.length || line[close + 1] === ' ') ? close : -1
  }
  let colon = line.indexOf(': ', pos)
  if (colon < 0 && line.endsWith(':') && line.length > pos) colon = line.length - 1
  if (colon < 0) return -1
  const hash = line.indexOf(' #', pos)
  return hash >= 0 && hash < colon ? -1 : colon
}

export function quotedEnd(line: string, pos: number): number {
  const close = closingQuote(line, line[pos]!, pos + 1)
  return close < 0 ? -1 : close + 1
}

/** Index of the quote that closes a scalar whose content starts at `from`, or -1. */
export function closingQuote(text: string, q: string, from = 0): number {
  for (let k = text.indexOf(q, from); k >= 0; k = text.indexOf(q, k + 1)) {
    if (q === "'") {
      if (text[k + 1] !== "'") return k
      k++ // '' is an escaped quote
      continue
    }
    let slashes = 0
    while (text.charCodeAt(k - 1 - slashes) === 92) slashes++
    if (slashes % 2 === 0 || k - slashes < from) return k
  }
  return -1
}

export function quoted(line: string, pos: number, known?: number): {value: string; end: number} {
  const end = known ?? quotedEnd(line, pos)
  if (end < 0) bail() // multi-line quoted scalar
  const raw = line.slice(pos + 1, end - 1)
  if (line[pos] === "'") return {value: raw.replaceAll("''", "'"), end}
  if (!raw.includes('\\')) return {value: raw, end}
  let out = ''
  let from = 0
  for (let k = raw.indexOf('\\'); k >= 0; k = raw.indexOf('\\', from)) {
    out += raw.slice(from, k)
    const e = raw[k + 1]
    if (e === undefined) bail()
    const simple = ESCAPES[e]
    if (simple !== undefined) {
      out += simple
      from = k + 2
      continue
    }
    const len = HEX_LEN[e]
    const hex = len ? raw.slice(k + 2, k + 2 + len) : ''
    if (!len || hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) bail()
    out += String.fromCodePoint(parseInt(hex, 16))
    from = k + 2 + len
  }
  out += raw.slice(from)
  return {value: out, end}
}

export function trailingComment(line: string, from: number): void {
  let k = from
  while (line.charCodeAt(k) === 32) k++
  if (k < line.length && !(line[k] === '#' && k > from)) bail()
}

/** Folding of a `>` block scalar without more-indented lines. */
export function fold(body: string[]): string {
  let out = ''
  let blanks = 0
  let started = false
  for (const l of body) {
    if (l === '') {
      blanks++
      continue
    }
    if (started) out += blanks > 0 ? '\n'.repeat(blanks) : ' '
    else out += '\n'.repeat(blanks)
    blanks = 0
    started = true
    out += l
  }
  return out
}

/** Arrays grown by push keep room for ~16 entries: an exact copy holds a large file's tree in a third less memory. */
export function trim(node: YMap | YSeq): void {
  if (node.kind === 'map') node.pairs = node.pairs.slice()
  else node.items = node.items.slice()
}

const FEW_KEYS = 16

/** Is `key` already a key of the mapping? Remembers it otherwise. */
export function hasKey(f: {node: YMap; keys?: Set<string>}, key: string): boolean {
  const pairs = f.node.pairs
  if (!f.keys && pairs.length < FEW_KEYS) {
    for (const p of pairs) if (p.key.value === key) return true
    return false
  }
  if (!f.keys) f.keys = new Set(pairs.map((p) => p.key.value))
  if (f.keys.has(key)) return true
  f.keys.add(key)
  return false
}
