// YAML parsing that keeps line:column for every node (the `yaml` package's CST ranges).
import {isPair, isScalar, LineCounter, parseAllDocuments, visit, type Document, type Node} from 'yaml'

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
    errors: first ? [...first.errors.map(issue), ...(opts.goQuirks === false ? [] : goFlowQuestionMarks(first, text)).map((at) => ({...position(at.offset), message: at.message, code: 'GO_YAML_FLOW'}))] : [],
    warnings: first ? first.warnings.map(issue) : [],
    position,
    nodePosition,
  }
}

/**
 * Go's YAML parsers (yaml.v2 in amtool and promtool's config check, yaml.v3 in promtool's rule check) end a
 * plain value at `?` inside `[...]` or `{...}` and then fail; YAML 1.2 and the `yaml` package read on.
 * Report each such `?` where Go stops, so that spock rejects what they reject.
 */
function goFlowQuestionMarks(doc: Document.Parsed, text: string): {offset: number; message: string}[] {
  const out: {offset: number; message: string}[] = []
  const check = (node: unknown, close: string): void => {
    if (!isScalar(node) || node.type !== 'PLAIN' || !node.range) return
    const source = text.slice(node.range[0], node.range[1])
    const at = source.indexOf('?')
    if (at < 0) return
    out.push({
      offset: node.range[0] + at,
      message: `did not find expected ',' or '${close}': Go's YAML parser (promtool, amtool) ends a plain value at "?" inside ${close === ']' ? '[...]' : '{...}'}; quote the value`,
    })
  }
  visit(doc, {
    Seq: (_key, seq) => {
      if (seq.flow) for (const item of seq.items) for (const part of isPair(item) ? [item.key, item.value] : [item]) check(part, ']')
    },
    Map: (_key, map) => {
      if (map.flow) for (const pair of map.items) for (const part of [pair.key, pair.value]) check(part, '}')
    },
  })
  return out
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
