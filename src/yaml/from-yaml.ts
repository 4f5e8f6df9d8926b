// The slow path: parse with the `yaml` package (any YAML, precise errors) and convert to YNode.
import {isAlias, isMap, isScalar, isSeq, type Node as YamlNode, Scalar} from 'yaml'
import {parseYaml} from './document.js'
import type {ScalarStyle, YDocument, YNode, YPair, YScalar} from './nodes.js'
import {append} from '../append.js'

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
}

export function parseWithYamlPackage(text: string): YDocument {
  const parsed = parseYaml(text)
  // libyaml takes `"x"#c` as a value and a comment; the yaml package complains but parses it the same way.
  const errors = parsed.errors
    .filter((e) => !(e.code === 'MISSING_CHAR' && e.message.startsWith('Comments must be separated')))
    .map((e) => ({line: e.line, column: e.column, message: e.message, code: e.code}))
  const doc = parsed.doc
  // Aliases Go refuses to expand are not converted either (a bomb would take minutes and gigabytes).
  if (!doc || doc.contents === null || parsed.aliasing) return {root: undefined, extraDocuments: parsed.extraDocuments, errors}
  const at = (offset: number) => ({...parsed.position(offset), offset})
  // An alias becomes the very node its anchor became (converted once, shared), never a copy; `aliases` bounds
  // alias chains (an anchor that contains itself); plain nesting is bounded before parsing (limits.ts).
  const shared = new Map<YamlNode, YNode>()
  const convert = (node: unknown, aliases: number): YNode => {
    if (aliases > 200) return {kind: 'scalar', ...at(0), value: '', style: 'plain', end: 0}
    if (isAlias(node)) {
      const target = parsed.aliasTargets.get(node)
      if (target) {
        const done = shared.get(target)
        if (done) return done
        const made = convert(target, aliases + 1)
        shared.set(target, made)
        return made
      }
    }
    const n = node as YamlNode
    const range = n.range ?? [0, 0, 0]
    if (isMap(n)) {
      const pairs: YPair[] = []
      const merged: YPair[] = []
      for (const p of n.items) {
        const key = toScalar(convert(p.key, aliases))
        const empty = p.value === null || (isScalar(p.value) && p.value.value === null && p.value.source === '')
        const value = empty ? emptyAfter(key) : convert(p.value, aliases)
        // yaml.v3 merge keys: `<<: *base` or `<<: [*a, *b]`; explicit keys win, earlier sources win
        if (key.value === '<<' && key.style === 'plain' && (value.kind === 'map' || value.kind === 'seq')) {
          const sources = value.kind === 'map' ? [value] : value.items
          for (const src of sources) if (src.kind === 'map') append(merged, src.pairs)
          continue
        }
        pairs.push({key, value})
      }
      const have = new Set(pairs.map((p) => p.key.value))
      for (const p of merged) {
        if (have.has(p.key.value)) continue
        have.add(p.key.value)
        pairs.push(p)
      }
      return {kind: 'map', ...at(range[0]), pairs}
    }
    if (isSeq(n)) return {kind: 'seq', ...at(range[0]), items: n.items.map((item) => convert(item, aliases))}
    if (isScalar(n)) return scalar(n, at(range[0]), range[1], text)
    return {kind: 'scalar', ...at(range[0]), value: '', style: 'plain', end: range[1]}
  }
  return {root: convert(doc.contents, 0), extraDocuments: parsed.extraDocuments, errors}
}

function scalar(n: Scalar, pos: {line: number; column: number; offset: number}, end: number, text: string): YScalar {
  const style = STYLES[n.type ?? 'PLAIN'] ?? 'plain'
  let value: string
  if (style === 'plain') value = typeof n.source === 'string' ? n.source : text.slice(pos.offset, end).trim()
  else value = n.value === null || n.value === undefined ? '' : String(n.value)
  const node: YScalar = {kind: 'scalar', ...pos, value, style, end}
  if (n.tag) node.tag = n.tag.replace('tag:yaml.org,2002:', '!!') // set only when written in the file
  return node
}

function toScalar(node: YNode): YScalar {
  if (node.kind === 'scalar') return node
  return {kind: 'scalar', line: node.line, column: node.column, offset: node.offset, value: '', style: 'plain', end: node.offset, tag: node.kind === 'map' ? '!!map' : '!!seq'}
}

function emptyAfter(key: YScalar): YScalar {
  return {kind: 'scalar', line: key.line, column: key.column, offset: key.offset, value: '', style: 'plain', end: key.offset, implicit: true}
}
