// YAML parsing that keeps line:column for every node (the `yaml` package's CST ranges).
import {LineCounter, parseAllDocuments, visit, type Document, type Node} from 'yaml'
import {goYamlQuirks} from './go-quirks.js'
import {repairQuotedContinuations} from './quoted-repair.js'

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
  let {lines, list} = parseText(text)
  const repaired = opts.goQuirks === false ? undefined : reparseQuoted(text, list)
  if (repaired) [lines, list] = [lineCounter(text), repaired]
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

function parseText(text: string): {lines: LineCounter; list: Document.Parsed[]} {
  const lines = new LineCounter()
  const docs = parseAllDocuments(text, {lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true})
  return {lines, list: Array.isArray(docs) ? docs : []}
}

/**
 * Go accepts a quoted value whose continuation lines are not indented (see quoted-repair.ts): when that is
 * what the `yaml` package stumbled on, the documents of the repaired text, with offsets into `text`.
 */
function reparseQuoted(text: string, list: Document.Parsed[]): Document.Parsed[] | undefined {
  const errors = list[0]?.errors ?? []
  const missing = errors.filter((e) => e.code === 'MISSING_CHAR' && /^Missing closing ["']quote/.test(e.message)).map((e) => e.pos[0])
  if (missing.length === 0) return undefined
  const repair = repairQuotedContinuations(text, missing)
  if (!repair) return undefined
  const again = parseText(repair.text).list
  if (!again[0] || again[0].errors.length >= errors.length) return undefined
  const map = repair.toOriginal
  for (const doc of again) {
    if (doc.range) doc.range = [map(doc.range[0]), map(doc.range[1]), map(doc.range[2])]
    visit(doc, {
      Node: (_key, node) => {
        if (node.range) node.range = [map(node.range[0]), map(node.range[1]), map(node.range[2])]
      },
    })
    for (const e of [...doc.errors, ...doc.warnings]) e.pos = [map(e.pos[0]), map(e.pos[1])]
  }
  return again
}

function lineCounter(text: string): LineCounter {
  const lines = new LineCounter()
  lines.addNewLine(0)
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lines.addNewLine(k + 1)
  return lines
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
