// A fast, position-keeping scanner for the YAML subset rule files use (block maps and
// sequences, plain/quoted/block scalars, comments, `{}`/`[]`). It returns undefined for anything
// outside that subset (anchors, tags, non-empty flow collections, tabs,
// several documents, any error), and the caller then falls back to the `yaml` package.
import type {YDocument, YMap, YNode, YPair, YScalar, YSeq} from './nodes.js'
import {GO_CONTROL_CHAR} from './go-quirks.js'
import {Bail, bail, closingQuote, fold, indentOf, isDash, keyEnd, KEY_START_BAD, quoted, quotedEnd, scalar, trailingComment, VALUE_START_BAD} from './scan-lex.js'

export function scanRuleYaml(text: string): YDocument | undefined {
  if (text.includes('\r') || text.charCodeAt(0) === 0xfeff || GO_CONTROL_CHAR.test(text)) return undefined // Go rejects control characters (go-quirks.ts)
  try {
    return new Scanner(text).document()
  } catch (e) {
    if (e instanceof Bail || e instanceof RangeError) return undefined
    throw e
  }
}

class Scanner {
  private readonly lines: string[]
  private readonly starts: number[]
  private i = 0
  private depth = 0

  constructor(text: string) {
    this.lines = text.split('\n')
    this.starts = new Array<number>(this.lines.length)
    let off = 0
    for (let k = 0; k < this.lines.length; k++) {
      this.starts[k] = off
      off += this.lines[k]!.length + 1
    }
  }

  document(): YDocument {
    this.skipBlank()
    const first = this.lines[this.i]
    if (first !== undefined && first.startsWith('%')) bail()
    if (first !== undefined && first.startsWith('---')) {
      if (!/^---\s*(#.*)?$/.test(first)) bail()
      this.i++
      this.skipBlank()
    }
    if (this.i >= this.lines.length) return {root: undefined, extraDocuments: 0, errors: []}
    const root = this.blockNode(-1)
    this.skipBlank()
    if (this.i < this.lines.length) bail() // a second document, or an error
    return {root, extraDocuments: 0, errors: []}
  }

  /** Skip empty, whitespace-only and comment-only lines. */
  private skipBlank(): void {
    const lines = this.lines
    while (this.i < lines.length) {
      const line = lines[this.i]!
      const ind = indentOf(line)
      if (ind === line.length) {
        this.i++
        continue
      }
      const c = line.charCodeAt(ind)
      if (c === 35 /* # */) {
        this.i++
        continue
      }
      if (c === 9 /* tab */) bail()
      return
    }
  }

  private blockNode(parentIndent: number): YNode {
    if (++this.depth > 64) bail() // rule files are ~6 levels deep; leave the odd ones to the full parser
    const node = this.blockNodeAt(parentIndent)
    this.depth--
    return node
  }

  private blockNodeAt(parentIndent: number): YNode {
    const line = this.lines[this.i]!
    if (line.includes('\t')) bail()
    const ind = indentOf(line)
    if (ind <= parentIndent) bail()
    if (isDash(line, ind)) return this.seq(ind)
    if (keyEnd(line, ind) >= 0) return this.map(ind)
    return this.inlineValue(ind, parentIndent)
  }

  private map(ind: number): YMap {
    const node: YMap = {kind: 'map', line: this.i + 1, column: ind + 1, offset: this.starts[this.i]! + ind, pairs: []}
    for (;;) {
      const line = this.lines[this.i]!
      if (line.includes('\t')) bail()
      const colon = keyEnd(line, ind)
      if (colon < 0) bail()
      const key = this.keyScalar(line, ind, colon)
      for (const p of node.pairs) if (p.key.value === key.value) bail() // duplicate key: the full parser reports it
      if (key.value === '<<') bail() // merge keys: the full parser handles them
      const value = this.valueAfter(colon + 1, ind, true, key)
      node.pairs.push({key, value} satisfies YPair)
      this.skipBlank()
      if (this.i >= this.lines.length) return node
      const next = this.lines[this.i]!
      const ni = indentOf(next)
      if (ni < ind) return node
      if (ni > ind || isDash(next, ni)) bail()
    }
  }

  private seq(ind: number): YSeq {
    const node: YSeq = {kind: 'seq', line: this.i + 1, column: ind + 1, offset: this.starts[this.i]! + ind, items: []}
    for (;;) {
      const line = this.lines[this.i]!
      if (line.includes('\t')) bail() // a tab after `-`: Go rejects it (go-quirks.ts)
      let pos = ind + 1
      while (line.charCodeAt(pos) === 32) pos++
      if (pos < line.length && line[pos] !== '#' && keyEnd(line, pos) >= 0) node.items.push(this.map(pos))
      else if (isDash(line, pos)) bail()
      else node.items.push(this.valueAfter(ind + 1, ind, false))
      this.skipBlank()
      if (this.i >= this.lines.length) return node
      const next = this.lines[this.i]!
      const ni = indentOf(next)
      if (ni < ind) return node
      if (ni > ind) bail()
      if (!isDash(next, ni)) return node // the parent mapping continues at this indentation
    }
  }

  private keyScalar(line: string, start: number, colon: number): YScalar {
    const c = line[start]!
    const offset = this.starts[this.i]! + start
    if (c === '"' || c === "'") {
      const q = quoted(line, start)
      if (q.end !== colon) bail()
      return scalar(this.i + 1, start + 1, offset, q.value, c === '"' ? 'double' : 'single', offset + colon - start)
    }
    const value = line.slice(start, colon)
    if (KEY_START_BAD.has(c) || value.endsWith(' ') || value.includes(' #')) bail()
    return scalar(this.i + 1, start + 1, offset, value, 'plain', offset + value.length)
  }

  /** The value that starts at `from` on the current line (after `key:` or `-`); owner = indentation of the map/seq. */
  private valueAfter(from: number, owner: number, inMap: boolean, key?: YScalar): YNode {
    const line = this.lines[this.i]!
    let pos = from
    while (line.charCodeAt(pos) === 32) pos++
    if (pos >= line.length || line[pos] === '#') {
      const empty = key
        ? scalar(key.line, key.column, key.offset, '', 'plain', key.offset)
        : scalar(this.i + 1, from + 1, this.starts[this.i]! + from, '', 'plain', this.starts[this.i]! + from)
      empty.implicit = true
      this.i++
      this.skipBlank()
      if (this.i >= this.lines.length) return empty
      const next = this.lines[this.i]!
      const ni = indentOf(next)
      if (ni > owner) return this.blockNode(owner)
      if (inMap && ni === owner && isDash(next, ni)) return this.seq(ni)
      return empty
    }
    return this.inlineValue(pos, owner)
  }

  private inlineValue(pos: number, owner: number): YNode {
    const line = this.lines[this.i]!
    const c = line[pos]!
    const ln = this.i + 1
    const offset = this.starts[this.i]! + pos
    let node: YNode
    if (c === '"' || c === "'") {
      const style = c === '"' ? 'double' : 'single'
      const close = quotedEnd(line, pos)
      if (close < 0) {
        const q = this.multiLineQuoted(pos)
        node = scalar(ln, pos + 1, offset, q.value, style, q.end)
      } else {
        const q = quoted(line, pos, close)
        trailingComment(line, q.end)
        node = scalar(ln, pos + 1, offset, q.value, style, offset + q.end - pos)
        this.i++
      }
    } else if (c === '|' || c === '>') {
      return this.blockScalar(pos, owner)
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']'
      let k = pos + 1
      while (line.charCodeAt(k) === 32) k++
      if (line[k] !== close) bail()
      trailingComment(line, k + 1)
      node =
        c === '{'
          ? {kind: 'map', line: ln, column: pos + 1, offset, pairs: []}
          : {kind: 'seq', line: ln, column: pos + 1, offset, items: []}
      this.i++
    } else {
      if (VALUE_START_BAD.has(c) || isDash(line, pos)) bail()
      let end = line.indexOf(' #', pos)
      if (end < 0) end = line.length
      while (line.charCodeAt(end - 1) === 32) end--
      const value = line.slice(pos, end)
      if (value.includes(': ') || value.endsWith(':')) bail()
      this.i++
      const hasComment = end < line.length
      const more = hasComment ? undefined : this.plainContinuation(owner)
      node = more
        ? scalar(ln, pos + 1, offset, value + more.text, 'plain', more.end)
        : scalar(ln, pos + 1, offset, value, 'plain', offset + value.length)
    }
    this.skipBlank()
    if (this.i < this.lines.length && indentOf(this.lines[this.i]!) > owner) bail() // continuation lines
    return node
  }

  /**
   * The continuation lines of a plain scalar (indented deeper than its owner), folded as YAML
   * does: one line break becomes a space, n empty lines become n line breaks.
   */
  private plainContinuation(owner: number): {text: string; end: number} | undefined {
    let text = ''
    let end = -1
    let blanks = 0
    let j = this.i
    for (; j < this.lines.length; j++) {
      const l = this.lines[j]!
      const ind = indentOf(l)
      if (ind === l.length) {
        blanks++
        continue
      }
      if (ind <= owner) break
      const first = l[ind]
      if (l.includes('\t') || first === '#' || first === ':' || l.startsWith('---') || l.startsWith('...')) bail()
      const piece = l.slice(ind).replace(/ +$/, '')
      if (piece.includes(': ') || piece.endsWith(':') || piece.includes(' #')) bail()
      text += (blanks > 0 ? '\n'.repeat(blanks) : ' ') + piece
      blanks = 0
      end = this.starts[j]! + ind + piece.length
    }
    if (end < 0) return undefined
    this.i = j
    return {text, end}
  }

  /** A quoted scalar over several lines (libyaml does not check their indentation). */
  private multiLineQuoted(pos: number): {value: string; end: number} {
    const first = this.lines[this.i]!
    const q = first[pos]!
    const pieces: string[] = [first.slice(pos + 1).replace(/ +$/, '')]
    if (q === '"' && pieces[0]!.endsWith('\\')) bail() // escaped line break
    for (let j = this.i + 1; j < this.lines.length; j++) {
      const l = this.lines[j]!
      if (/^(---|\.\.\.)(\s|$)/.test(l) || l.includes('\t')) bail()
      const lead = indentOf(l)
      const t = l.slice(lead)
      const close = closingQuote(t, q)
      if (close < 0) {
        const piece = t.replace(/ +$/, '')
        if (q === '"' && piece.endsWith('\\')) bail()
        pieces.push(piece)
        continue
      }
      pieces.push(t.slice(0, close))
      trailingComment(t, close + 1)
      let value = pieces[0]!
      let blanks = 0
      for (let k = 1; k < pieces.length; k++) {
        const piece = pieces[k]!
        if (piece === '' && k < pieces.length - 1) {
          blanks++
          continue
        }
        value += blanks > 0 ? '\n'.repeat(blanks) : ' '
        blanks = 0
        value += piece
      }
      this.i = j + 1
      const decoded = q === "'" ? value.replaceAll("''", "'") : quoted(`"${value}"`, 0).value
      return {value: decoded, end: this.starts[j]! + lead + close + 1}
    }
    bail()
  }

  private blockScalar(pos: number, owner: number): YScalar {
    const line = this.lines[this.i]!
    const header = /^([|>])([-+]?)[ ]*(#.*)?$/.exec(line.slice(pos))
    if (!header) bail()
    const folded = header[1] === '>'
    const chomp = header[2]
    const ln = this.i + 1
    const offset = this.starts[this.i]! + pos
    const lines = this.lines
    let j = this.i + 1
    let ci = -1
    for (let k = j; k < lines.length; k++) {
      const l = lines[k]!
      const ind = indentOf(l)
      if (ind === l.length) continue
      ci = ind
      break
    }
    const body: string[] = []
    if (ci > owner) {
      for (; j < lines.length; j++) {
        const l = lines[j]!
        const ind = indentOf(l)
        if (ind === l.length) {
          if (ind > ci) bail() // whitespace-only line longer than the indentation: keep it simple
          body.push('')
          continue
        }
        if (ind < ci) break
        if (folded && ind > ci) bail() // more-indented lines in folded scalars
        body.push(l.slice(ci))
      }
    } else if (chomp === '+') bail()
    // Blank lines that follow the scalar belong to it only for "keep" chomping.
    let trailing = 0
    while (body.length > 0 && body[body.length - 1] === '') {
      body.pop()
      trailing++
    }
    if (chomp === '+') bail()
    let value = folded ? fold(body) : body.join('\n')
    if (body.length > 0 && chomp !== '-') value += '\n'
    const endLine = j - 1 - trailing
    const end = body.length > 0 ? this.starts[endLine]! + lines[endLine]!.length : offset + 1
    const node = scalar(ln, pos + 1, offset, value, folded ? 'folded' : 'literal', end)
    this.i = j
    return node
  }
}
