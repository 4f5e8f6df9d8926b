// YAML parsing that keeps line:column for every node (the `yaml` package's CST ranges).
import {LineCounter, parseAllDocuments, type Document, type Node} from 'yaml'
import {goYamlQuirks} from './go-quirks.js'

export interface Position {
  line: number // 1-based
  column: number // 1-based
  endLine?: number
  endColumn?: number
}

export interface YamlIssue extends Position {
  message: string
  code: string // the yaml package's error code, e.g. DUPLICATE_KEY, TAB_AS_INDENT
}

export interface ParsedYaml {
  doc: Document.Parsed | undefined // the first document; undefined for an empty file
  extraDocuments: number // documents after the first (promtool reads only the first)
  errors: YamlIssue[] // of the first document
  warnings: YamlIssue[]
  position: (offset: number) => Position
  nodePosition: (node: Node | null | undefined) => Position
}

/** `goQuirks` (default true): also reject what Go's YAML parsers reject and YAML 1.2 allows (files promtool and amtool read). */
export function parseYaml(text: string, opts: {goQuirks?: boolean} = {}): ParsedYaml {
  const lines = new LineCounter()
  const docs = parseAllDocuments(text, {lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true})
  const list = Array.isArray(docs) ? docs : []
  const position = (offset: number): Position => {
    const p = lines.linePos(offset)
    return {line: p.line, column: p.col}
  }
  const nodePosition = (node: Node | null | undefined): Position => {
    const range = node?.range
    if (!range) return {line: 1, column: 1}
    const start = position(range[0])
    const end = position(range[1])
    return {...start, endLine: end.line, endColumn: end.column}
  }
  const first = list[0]
  const issue = (e: {message: string; code: string; pos: [number, number]}): YamlIssue => ({
    ...position(e.pos[0]),
    message: firstLine(e.message),
    code: e.code,
  })
  return {
    doc: first,
    extraDocuments: Math.max(0, list.length - 1),
    errors: first ? [...first.errors.map(issue), ...(opts.goQuirks === false ? [] : goYamlQuirks(first, text)).map((q) => ({...position(q.offset), message: q.message, code: q.code}))] : [],
    warnings: first ? first.warnings.map(issue) : [],
    position,
    nodePosition,
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
