// Flow collections on one line for the fast scanner (scan.ts): `[a, "b"]`, `{k: v, k2: [x]}`, nested to Go's
// depth limit with an explicit stack (no recursion). Anything less plain (multi-line, anchors, tags, `?`,
// `:` inside plain values, empty entries, trailing commas) bails to the full parser.
import {GO_MAX_DEPTH} from './limits.js'
import type {YMap, YNode, YScalar, YSeq} from './nodes.js'
import {bail, hasKey, quoted, quotedEnd, scalar, trim} from './scan-lex.js'
import {emptyMap, emptySeq} from './scan-nodes.js'

interface Open {
  node: YMap | YSeq
  keys?: Set<string>
}

const PLAIN_STOP = /[,\]}]/g
const PLAIN_BAD = /[:#?[{\t]/
const START_BAD = new Set([...'&*!%@`|>?:,[]{}#\'"'])

/** The flow collection opening at `line[pos]`; `ln` is the 1-based line number, `at` the line's offset in the text. */
export function flowCollection(line: string, pos: number, ln: number, at: number): {node: YNode; end: number} {
  const stack: Open[] = []
  let k = pos
  const open = (c: string): YMap | YSeq => {
    const node: YMap | YSeq = c === '{' ? emptyMap(ln, k + 1, at + k) : emptySeq(ln, k + 1, at + k)
    stack.push({node})
    if (stack.length > GO_MAX_DEPTH) bail() // Go's limit: the full path reports it
    k++
    return node
  }
  const skip = () => {
    while (line.charCodeAt(k) === 32) k++
  }
  /** A value at k: a nested collection (opened, filled later) or a scalar (read whole). */
  const value = (): YNode => {
    const c = line[k]
    if (c === '[' || c === '{') return open(c)
    if (c === '"' || c === "'") return quotedScalar()
    return plainScalar(false)
  }
  const quotedScalar = (): YScalar => {
    const close = quotedEnd(line, k)
    if (close < 0) bail()
    const q = quoted(line, k, close)
    const node = scalar(ln, k + 1, at + k, q.value, line[k] === '"' ? 'double' : 'single', at + close)
    k = close
    return node
  }
  const plainScalar = (key: boolean): YScalar => {
    const c = line[k]
    if (c === undefined || START_BAD.has(c) || (c === '-' && /[ ,\]}]|$/.test(line[k + 1] ?? ''))) bail()
    let end: number
    if (key) {
      end = line.indexOf(': ', k)
      if (end < 0) bail()
    } else {
      PLAIN_STOP.lastIndex = k
      const m = PLAIN_STOP.exec(line)
      end = m ? m.index : line.length
    }
    let stop = end
    while (line.charCodeAt(stop - 1) === 32) stop--
    const text = line.slice(k, stop)
    if (PLAIN_BAD.test(text) || (key && /[,\]}]/.test(text))) bail()
    const node = scalar(ln, k + 1, at + k, text, 'plain', at + stop)
    k = stop
    return node
  }
  const root = open(line[pos]!)
  let first = true // just after an opening bracket or a comma
  while (stack.length > 0) {
    skip()
    const top = stack[stack.length - 1]!
    const close = top.node.kind === 'seq' ? ']' : '}'
    const c = line[k]
    if (c === close) {
      if (first && itemCount(top.node) > 0) bail() // a trailing comma
      trim(stack.pop()!.node)
      k++
      first = false
      continue
    }
    if (!first) {
      if (c !== ',') bail()
      k++
      skip()
      first = true
      continue
    }
    first = false
    if (c === undefined || c === ',') bail() // unclosed on this line, or an empty entry
    if (top.node.kind === 'seq') {
      const v = value()
      top.node.items.push(v)
      first = v.kind !== 'scalar' // a nested collection: its own first entry comes next
      continue
    }
    const key = c === '"' || c === "'" ? quotedScalar() : plainScalar(true)
    if (line[k] !== ':' || line[k + 1] !== ' ') bail()
    if (key.value === '<<' || hasKey(top as {node: YMap; keys?: Set<string>}, key.value)) bail() // merge keys and duplicates: the full parser
    top.node.pairs.push({key, value: key})
    k += 2
    skip()
    if (line[k] === ',' || line[k] === '}' || line[k] === undefined) bail() // an empty value
    const v = value()
    top.node.pairs[top.node.pairs.length - 1]!.value = v
    first = v.kind !== 'scalar'
  }
  return {node: root, end: k}
}

function itemCount(node: YMap | YSeq): number {
  return node.kind === 'map' ? node.pairs.length : node.items.length
}
