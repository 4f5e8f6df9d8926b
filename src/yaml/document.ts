// YAML parsing that keeps line:column for every node (the `yaml` package's CST ranges).
import {LineCounter, parseAllDocuments, visit, type Alias, type Document, type Node} from 'yaml'
import {aliasProblem, aliasTargets} from './aliases.js'
import {duplicateKeys} from './duplicate-keys.js'
import {goYamlQuirks} from './go-quirks.js'
import {normalizeBreaks, tooDeep, tooLarge} from './limits.js'
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
  /** Alias -> the node it names (aliases are never expanded to build positions). */
  aliasTargets: Map<Alias, Node>
  /** Go would refuse the document's aliases (excessive aliasing, or an alias inside what it names). */
  aliasing: boolean
}

/**
 * `goQuirks` (default true): also reject what Go's YAML parsers reject and YAML 1.2 allows (files promtool and
 * amtool read). Whatever the options, hostile input is refused before or instead of being expanded: nesting
 * past MAX_DEPTH, text past MAX_FULL_PARSE, aliases that expand beyond Go's limit.
 */
export function parseYaml(source: string, opts: {goQuirks?: boolean} = {}): ParsedYaml {
  const text = normalizeBreaks(source)
  const refused = tooLarge(text) ?? tooDeep(text)
  if (refused) return refusal(text, refused)
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
  const located = (q: {offset: number; message: string; code: string}): YamlIssue => ({...position(q.offset), message: q.message, code: q.code})
  const targets = first && text.includes('*') ? aliasTargets(first) : new Map<Alias, Node>() // no `*`, no alias
  const aliasing = first ? aliasProblem(first, targets) : undefined
  return {
    doc: first,
    extraDocuments: Math.max(0, list.length - 1),
    errors: first
      ? [...first.errors.map(issue), ...duplicateKeys(first).map(located), ...(aliasing ? [located(aliasing)] : []), ...(opts.goQuirks === false ? [] : goYamlQuirks(first, text, targets)).map(located)]
      : [],
    warnings: first ? first.warnings.map(issue) : [],
    aliasTargets: targets,
    aliasing: aliasing !== undefined,
    position,
    nodePosition,
  }
}

/** No document: the text was refused before parsing. */
function refusal(text: string, problem: {offset: number; message: string; code: string}): ParsedYaml {
  const lines = lineCounter(text)
  const position = (offset: number): Position => {
    const p = lines.linePos(offset)
    return {line: p.line, column: p.col}
  }
  return {
    doc: undefined,
    extraDocuments: 0,
    errors: [{...position(problem.offset), message: problem.message, code: problem.code}],
    warnings: [],
    aliasTargets: new Map(),
    aliasing: false,
    position,
    nodePosition: (node) => (node?.range ? position(node.range[0]) : {line: 1, column: 1}),
  }
}

function parseText(text: string): {lines: LineCounter; list: Document.Parsed[]} {
  const lines = new LineCounter()
  const docs = parseAllDocuments(text, {lineCounter: lines, prettyErrors: false, uniqueKeys: false, strict: true}) // duplicate keys: duplicate-keys.ts (linear)
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
