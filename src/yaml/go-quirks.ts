// What Go's YAML parsers (yaml.v2 in amtool and promtool's config check, yaml.v3 in promtool's rule check)
// reject although YAML 1.2 and the `yaml` package accept it. Each quirk returns where Go stops and why.
import {GO_CONTROL_CHAR} from './go-chars.js'
import {isAlias, isPair, isScalar, visit, type Alias, type Document, type Node} from 'yaml'
import {aliasTargets} from './aliases.js'

interface GoYamlQuirk {
  offset: number
  message: string
  code: string
}

/** Every quirk found in a parsed document, in no particular order. */
export function goYamlQuirks(doc: Document.Parsed, text: string, targets: Map<Alias, Node> = aliasTargets(doc)): GoYamlQuirk[] {
  const flow = flowPlainScalars(doc) // each walk of the document once, shared by the checks that need it
  const named = anchorsAndAliases(doc, text)
  const tabs = /(^|\n)[ ]*\t|-[ \t]*\t/.test(text) ? tabChecks(doc, text) : []
  return [
    ...tabs,
    ...slashEscapes(doc, text),
    ...controlCharacters(text),
    ...flowQuestionMarks(flow, text),
    ...flowColons(flow, text),
    ...yamlDirective(doc, text),
    ...anchorNames(named),
    ...unknownAliases(named, targets),
  ]
}

type FlowScalar = {node: Node & {range: [number, number, number]}; close: string}

function controlCharacters(text: string): GoYamlQuirk[] {
  const m = GO_CONTROL_CHAR.exec(text)
  if (!m) return []
  const hex = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
  return [{code: 'GO_YAML_CONTROL', offset: m.index, message: `control characters are not allowed: Go's YAML parser (promtool, amtool) rejects U+${hex} anywhere in the file; remove it`}]
}

/** The plain scalars directly inside `[...]` or `{...}` (keys and values), with the bracket that closes them. */
function flowPlainScalars(doc: Document.Parsed): FlowScalar[] {
  const out: FlowScalar[] = []
  const add = (node: unknown, close: string): void => {
    if (isScalar(node) && node.type === 'PLAIN' && node.range) out.push({node: node as Node & {range: [number, number, number]}, close})
  }
  visit(doc, {
    Seq: (_key, seq) => {
      if (seq.flow) for (const item of seq.items) for (const part of isPair(item) ? [item.key, item.value] : [item]) add(part, ']')
    },
    Map: (_key, map) => {
      if (map.flow) for (const pair of map.items) for (const part of [pair.key, pair.value]) add(part, '}')
    },
  })
  return out
}

const inFlow = (close: string): string => (close === ']' ? '[...]' : '{...}')

/**
 * Go's YAML parsers (yaml.v2 in amtool and promtool's config check, yaml.v3 in promtool's rule check) end a
 * plain value at `?` inside `[...]` or `{...}` and then fail; YAML 1.2 and the `yaml` package read on.
 * Report each such `?` where Go stops, so that spock rejects what they reject.
 */
function flowQuestionMarks(flow: readonly FlowScalar[], text: string): GoYamlQuirk[] {
  const out: GoYamlQuirk[] = []
  for (const {node, close} of flow) {
    const at = text.slice(node.range[0], node.range[1]).indexOf('?')
    if (at < 0) continue
    out.push({
      code: 'GO_YAML_FLOW',
      offset: node.range[0] + at,
      message: `did not find expected ',' or '${close}': Go's YAML parser (promtool, amtool) ends a plain value at "?" inside ${inFlow(close)}; quote the value`,
    })
  }
  return out
}

/** Go reads a `:` that starts a plain value inside `[...]` or `{...}` as a mapping indicator and fails. */
function flowColons(flow: readonly FlowScalar[], text: string): GoYamlQuirk[] {
  return flow
    .filter(({node}) => text[node.range[0]] === ':')
    .map(({node, close}) => ({
      code: 'GO_YAML_FLOW',
      offset: node.range[0],
      message: `did not find expected node content: Go's YAML parser (promtool, amtool) does not start a plain value with ":" inside ${inFlow(close)}; quote the value`,
    }))
}

/** Go reads only YAML 1.1 documents: any other `%YAML` version fails before the first node. */
function yamlDirective(doc: Document.Parsed, text: string): GoYamlQuirk[] {
  const head = text.slice(0, doc.contents?.range?.[0] ?? text.length)
  const m = /^%YAML[ \t]+([^\s#]*)/m.exec(head)
  if (!m || m[1] === '1.1') return []
  return [{code: 'GO_YAML_DIRECTIVE', offset: m.index, message: `found incompatible YAML document: Go's YAML parser (promtool, amtool) reads only %YAML 1.1; remove the %YAML ${m[1]} line`}]
}

// After an anchor or alias name, Go's scanner accepts only these (or a space) and then reads on.
const NAME_END = new Set([...'?:,]}'])
const NAME_CHAR = /[A-Za-z0-9_-]/

interface Named {
  name: string
  offset: number // of the `&` or `*`
}

/** Every anchor (`&name`) and alias (`*name`) in the document, in source order. */
function anchorsAndAliases(doc: Document.Parsed, text: string): {anchors: Named[]; aliases: (Named & {node: Alias})[]} {
  const anchors: Named[] = []
  const aliases: (Named & {node: Alias})[] = []
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node) && node.range) aliases.push({name: node.source, offset: node.range[0], node})
      else if (node.anchor && node.range) anchors.push({name: node.anchor, offset: text.lastIndexOf(`&${node.anchor}`, node.range[0])})
    },
  })
  return {anchors: anchors.filter((a) => a.offset >= 0).sort((a, b) => a.offset - b.offset), aliases}
}

/** Index of the first character Go does not allow in an anchor or alias name, or -1. */
function badNameChar(name: string): number {
  for (let k = 0; k < name.length; k++) {
    if (NAME_CHAR.test(name[k]!)) continue
    return NAME_END.has(name[k]!) ? -1 : k // after `:` and the like Go reads on (and may still fail later)
  }
  return -1
}

/** Go allows only ASCII letters, digits, `-` and `_` in anchor and alias names (`*.example.com` is an alias to Go). */
function anchorNames({anchors, aliases}: {anchors: Named[]; aliases: Named[]}): GoYamlQuirk[] {
  const out: GoYamlQuirk[] = []
  for (const [list, what] of [[anchors, 'an anchor'], [aliases, 'an alias']] as const) {
    for (const {name, offset} of list) {
      const k = badNameChar(name)
      if (k < 0) continue
      const why = '@%`'.includes(name[k]!) ? 'found character that cannot start any token' : 'did not find expected alphabetic or numeric character'
      const sign = what === 'an anchor' ? '&' : '*'
      out.push({
        code: 'GO_YAML_ANCHOR',
        offset: offset + 1 + k,
        message: `${why}: Go's YAML parser (promtool, amtool) reads "${sign}" at the start of a value as ${what} whose name may hold only letters, digits, "-" and "_"; quote the value`,
      })
    }
  }
  return out
}

/** Go fails on an alias (`*name`) that no earlier anchor (`&name`) defines; the `yaml` package reads it as null. */
function unknownAliases({aliases}: {aliases: (Named & {node: Alias})[]}, targets: Map<Alias, Node>): GoYamlQuirk[] {
  return aliases
    .filter((a) => badNameChar(a.name) < 0 && !targets.has(a.node))
    .map((a) => ({
      code: 'GO_YAML_ALIAS',
      offset: a.offset,
      message: `unknown anchor '${a.name}' referenced: Go's YAML parser (promtool, amtool) reads "*" at the start of a value as an alias; quote the value, or define &${a.name} before it`,
    }))
}

/**
 * Where a block line may not hold a tab, Go stops ("found character that cannot start any token"); YAML 1.2
 * and the `yaml` package skip it:
 * - in the blanks after a block sequence's `-`;
 * - in a line's leading blanks, even on a line holding only blanks or a comment (say between a key and its block).
 * Lines inside scalars (block scalars, multi-line strings) and inside [...] or {...} are left out.
 */
function tabChecks(doc: Document.Parsed, text: string): GoYamlQuirk[] {
  const inside = exemptRanges(doc)
  const out: GoYamlQuirk[] = []
  const add = (offset: number, message: string) => {
    if (!inside(offset)) out.push({code: 'GO_YAML_TAB', offset, message})
  }
  const dashes = /^ *((?:-[ \t]+)*-[ \t]+)/gm
  for (let m = dashes.exec(text); m; m = dashes.exec(text)) {
    const tab = m[1]!.indexOf('\t')
    if (tab >= 0) add(m.index + m[0].length - m[1]!.length + tab, 'found character that cannot start any token: Go\'s YAML parser (promtool, amtool) does not allow a tab after "-"; use spaces')
  }
  const leading = /^ *\t/gm
  for (let m = leading.exec(text); m; m = leading.exec(text)) {
    const offset = m.index + m[0].length - 1
    add(offset, 'found character that cannot start any token: Go\'s YAML parser (promtool, amtool) does not allow a tab at the start of a line, even a blank one; use spaces or remove it')
  }
  return out
}

/** A test for "offset lies inside a scalar or a flow collection" (ranges merged once, then binary search). */
function exemptRanges(doc: Document.Parsed): (offset: number) => boolean {
  const ranges: [number, number][] = []
  visit(doc, {
    Scalar: (_key, node) => {
      if (node.range) ranges.push([node.range[0], node.range[1]])
    },
    Seq: (_key, node) => (node.flow && node.range ? (ranges.push([node.range[0], node.range[1]]), visit.SKIP) : undefined),
    Map: (_key, node) => (node.flow && node.range ? (ranges.push([node.range[0], node.range[1]]), visit.SKIP) : undefined),
  })
  ranges.sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const r of ranges) {
    const last = merged[merged.length - 1]
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else merged.push([r[0], r[1]])
  }
  return (offset) => {
    let lo = 0
    let hi = merged.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const [from, to] = merged[mid]!
      if (offset <= from) hi = mid - 1
      else if (offset >= to) lo = mid + 1
      else return true
    }
    return false
  }
}

/** YAML 1.2 has the escape `\/` in double-quoted strings; Go's YAML parsers do not ("found unknown escape character"). */
function slashEscapes(doc: Document.Parsed, text: string): GoYamlQuirk[] {
  if (!text.includes('\\/')) return []
  const out: GoYamlQuirk[] = []
  visit(doc, {
    Scalar: (_key, node) => {
      if (node.type !== 'QUOTE_DOUBLE' || !node.range) return
      const raw = text.slice(node.range[0], node.range[1])
      for (let k = raw.indexOf('\\'); k >= 0; k = raw.indexOf('\\', k + 2)) {
        if (raw[k + 1] !== '/') continue
        out.push({code: 'GO_YAML_ESCAPE', offset: node.range[0] + k, message: 'found unknown escape character while parsing a quoted scalar: Go\'s YAML parser (promtool, amtool) has no "\\/" escape; write "/" alone'})
        return
      }
    },
  })
  return out
}
