// A minimal positioned YAML tree: what the rule-file decoder needs, from either parser.

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded'

interface Base {
  line: number // 1-based
  column: number // 1-based
  offset: number // into the source text
}

export interface YScalar extends Base {
  kind: 'scalar'
  value: string // decoded text (for plain scalars: the source text, as yaml.v3's Node.Value)
  style: ScalarStyle
  end: number // source offset just after the scalar
  implicit?: boolean // an empty value (`key:` with nothing after it)
  tag?: string // an explicit tag such as !!str
}

export interface YPair {
  key: YScalar
  value: YNode
}

export interface YMap extends Base {
  kind: 'map'
  pairs: YPair[]
}

export interface YSeq extends Base {
  kind: 'seq'
  items: YNode[]
}

export type YNode = YScalar | YMap | YSeq

interface YProblem {
  line: number
  column: number
  message: string
  code: string
}

export interface YDocument {
  root: YNode | undefined // undefined for an empty document
  extraDocuments: number
  errors: YProblem[] // syntax errors and duplicate keys
}

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL'])

/** True for a scalar that yaml.v3 resolves to null. */
export function isNull(node: YNode): boolean {
  return node.kind === 'scalar' && node.style === 'plain' && !node.tag && NULLS.has(node.value)
}

/** yaml.v3's resolved tag of a scalar: !!null, !!bool, !!int, !!float or !!str. */
function scalarTag(node: YScalar): string {
  if (node.tag) return node.tag.startsWith('!!') ? node.tag : '!!str'
  if (node.style !== 'plain') return '!!str'
  const v = node.value
  if (NULLS.has(v)) return '!!null'
  if (/^(true|True|TRUE|false|False|FALSE)$/.test(v)) return '!!bool'
  if (/^[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$/.test(v)) return '!!int'
  if (/^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/.test(v)) return '!!float'
  if (/^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/.test(v)) return '!!float'
  return '!!str'
}

export function kindTag(node: YNode): string {
  return node.kind === 'map' ? '!!map' : node.kind === 'seq' ? '!!seq' : scalarTag(node)
}
