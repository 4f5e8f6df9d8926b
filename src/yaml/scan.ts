// A fast, position-keeping scanner for the YAML subset rule and config files use (block maps and
// sequences, plain/quoted/block scalars, comments, one-line flow collections), without recursion: nesting
// depth never grows the JS stack. It returns undefined for anything outside that subset (anchors, tags,
// multi-line flow collections, tabs, several documents, any error), and the caller then falls back to the
// `yaml` package; past Go's depth limit it returns Go's error.
import type {YDocument, YMap, YNode, YPair, YScalar, YSeq} from './nodes.js'
import {GO_CONTROL_CHAR} from './go-chars.js'
import {GO_MAX_DEPTH} from './limits.js'
import {flowCollection} from './scan-flow.js'
import {emptyMap, emptySeq} from './scan-nodes.js'
import {Bail, bail, closingQuote, hasKey, trim, fold, indentOf, isDash, keyEnd, KEY_START_BAD, quoted, quotedEnd, scalar, trailingComment, VALUE_START_BAD} from './scan-lex.js'

export function scanRuleYaml(text: string): YDocument | undefined {
  if (text.includes('\r') || text.charCodeAt(0) === 0xfeff || GO_CONTROL_CHAR.test(text)) return undefined // Go rejects control characters (go-quirks.ts)
  try {
    return new Scanner(text).document()
  } catch (e) {
    if (e instanceof TooDeep) return {root: undefined, extraDocuments: 0, errors: [{line: e.line, column: e.column, code: 'TOO_DEEP', message: `exceeded max depth of ${GO_MAX_DEPTH}: Go's YAML parser (promtool, amtool) refuses deeper nesting`}]}
    if (e instanceof Bail || e instanceof RangeError) return undefined
    throw e
  }
}

/** Go's scanner opens at most GO_MAX_DEPTH indentation levels. */
class TooDeep extends Error {
  constructor(readonly line: number, readonly column: number) {
    super('too deep')
  }
}

interface MapFrame {
  node: YMap
  ind: number // indentation of its keys
  fresh: boolean // no entry read yet
  counts: boolean
  keys?: Set<string> // made once the mapping has many keys (small ones are searched: a Set each costs more)
}

interface SeqFrame {
  node: YSeq
  ind: number // indentation of its dashes
  fresh: boolean
  counts: boolean
}

type Frame = MapFrame | SeqFrame

/**
 * The text's lines, cut on demand (the one in use is kept): a list of every line of a 15 MB file would stay
 * alive through the whole scan, next to the tree.
 */
class Lines {
  readonly length: number
  private readonly starts: Int32Array // offset of each line, then one past the end of the text
  private k = -1
  private cached = ''

  constructor(private readonly text: string) {
    let n = 1
    for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) n++
    this.length = n
    this.starts = new Int32Array(n + 1)
    let k = 1
    for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) this.starts[k++] = p + 1
    this.starts[n] = text.length + 1
  }

  at(k: number): string {
    if (k !== this.k) {
      this.cached = this.text.slice(this.starts[k]!, this.starts[k + 1]! - 1)
      this.k = k
    }
    return this.cached
  }

  start(k: number): number {
    return this.starts[k]!
  }
}

class Scanner {
  private readonly lines: Lines
  private i = 0
  private readonly stack: Frame[] = []
  private depth = 0 // frames that open an indentation level, as Go's scanner counts them
  private readonly strings = new Map<string, string>()

  constructor(text: string) {
    this.lines = new Lines(text)
  }

  document(): YDocument {
    this.skipBlank()
    const first = this.i < this.lines.length ? this.lines.at(this.i) : undefined
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

  /** One copy of each short plain text (keys repeat in every entry of a large file). */
  private intern(s: string): string {
    if (s.length > 32) return s
    const known = this.strings.get(s)
    if (known !== undefined) return known
    this.strings.set(s, s)
    return s
  }

  /** Skip empty, whitespace-only and comment-only lines. */
  private skipBlank(): void {
    const lines = this.lines
    while (this.i < lines.length) {
      const line = lines.at(this.i)
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

  /**
   * The block node at the current line (owner: the indentation of what holds it) and everything inside it,
   * with an explicit stack of open mappings and sequences: nesting depth never grows the JS stack.
   */
  private blockNode(owner: number): YNode {
    const base = this.stack.length
    const node = this.begin(owner)
    while (this.stack.length > base) {
      const f = this.stack[this.stack.length - 1]!
      if (f.fresh) f.fresh = false
      else if (!this.continues(f)) {
        this.pop()
        continue
      }
      if (f.node.kind === 'map') this.mapEntry(f as MapFrame)
      else this.seqEntry(f as SeqFrame)
    }
    return node
  }

  /** Opens the node at the current line: a mapping or sequence goes on the stack, a scalar is read whole. */
  private begin(owner: number): YNode {
    const line = this.lines.at(this.i)
    if (line.includes('\t')) bail()
    const ind = indentOf(line)
    if (ind <= owner) bail()
    if (isDash(line, ind)) return this.openSeq(ind, true)
    if (keyEnd(line, ind) >= 0) return this.openMap(ind)
    return this.inlineValue(ind, owner)
  }

  private openMap(ind: number): YMap {
    const node = emptyMap(this.i + 1, ind + 1, this.lines.start(this.i) + ind)
    this.push({node, ind, fresh: true, counts: true})
    return node
  }

  /** `counts`: false for a sequence at its key's own indentation (Go opens no indentation level for it). */
  private openSeq(ind: number, counts: boolean): YSeq {
    const node = emptySeq(this.i + 1, ind + 1, this.lines.start(this.i) + ind)
    this.push({node, ind, fresh: true, counts})
    return node
  }

  private push(f: Frame): void {
    this.stack.push(f)
    if (f.counts && ++this.depth > GO_MAX_DEPTH) throw new TooDeep(this.i + 1, f.ind + 1)
  }

  private pop(): void {
    const f = this.stack.pop()!
    if (f.counts) this.depth--
    trim(f.node)
  }

  /** After an entry: does the next line hold another entry of `f`? (Bails on lines that fit nowhere.) */
  private continues(f: Frame): boolean {
    this.skipBlank()
    if (this.i >= this.lines.length) return false
    const next = this.lines.at(this.i)
    const ni = indentOf(next)
    if (ni < f.ind) return false
    if (f.node.kind === 'map') {
      if (ni > f.ind || isDash(next, ni)) bail()
      return true
    }
    if (ni > f.ind) bail()
    return isDash(next, ni) // if not, the parent mapping continues at this indentation
  }

  private mapEntry(f: MapFrame): void {
    const line = this.lines.at(this.i)
    if (line.includes('\t')) bail()
    const colon = keyEnd(line, f.ind)
    if (colon < 0) bail()
    const key = this.keyScalar(line, f.ind, colon)
    if (hasKey(f, key.value)) bail() // duplicate key: the full parser reports it
    if (key.value === '<<') bail() // merge keys: the full parser handles them
    const pair: YPair = {key, value: key}
    f.node.pairs.push(pair)
    pair.value = this.valueAfter(colon + 1, f.ind, true, key)
  }

  private seqEntry(f: SeqFrame): void {
    const line = this.lines.at(this.i)
    if (line.includes('\t')) bail() // a tab after `-`: Go rejects it (go-quirks.ts)
    let pos = f.ind + 1
    while (line.charCodeAt(pos) === 32) pos++
    if (pos < line.length && !'#{['.includes(line[pos]!) && keyEnd(line, pos) >= 0) f.node.items.push(this.openMap(pos))
    else if (isDash(line, pos)) bail()
    else f.node.items.push(this.valueAfter(f.ind + 1, f.ind, false))
  }

  private keyScalar(line: string, start: number, colon: number): YScalar {
    const c = line[start]!
    const offset = this.lines.start(this.i) + start
    if (c === '"' || c === "'") {
      const q = quoted(line, start)
      if (q.end !== colon) bail()
      return scalar(this.i + 1, start + 1, offset, q.value, c === '"' ? 'double' : 'single', offset + colon - start)
    }
    const value = this.intern(line.slice(start, colon))
    if (KEY_START_BAD.has(c) || value.endsWith(' ') || value.includes(' #')) bail()
    return scalar(this.i + 1, start + 1, offset, value, 'plain', offset + value.length)
  }

  /** The value that starts at `from` on the current line (after `key:` or `-`); owner = indentation of the map/seq. */
  private valueAfter(from: number, owner: number, inMap: boolean, key?: YScalar): YNode {
    const line = this.lines.at(this.i)
    let pos = from
    while (line.charCodeAt(pos) === 32) pos++
    if (pos >= line.length || line[pos] === '#') {
      const empty = key
        ? scalar(key.line, key.column, key.offset, '', 'plain', key.offset, true)
        : scalar(this.i + 1, from + 1, this.lines.start(this.i) + from, '', 'plain', this.lines.start(this.i) + from, true)
      this.i++
      this.skipBlank()
      if (this.i >= this.lines.length) return empty
      const next = this.lines.at(this.i)
      const ni = indentOf(next)
      if (ni > owner) return this.begin(owner)
      if (inMap && ni === owner && isDash(next, ni)) return this.openSeq(ni, false)
      return empty
    }
    return this.inlineValue(pos, owner)
  }

  private inlineValue(pos: number, owner: number): YNode {
    const line = this.lines.at(this.i)
    const c = line[pos]!
    const ln = this.i + 1
    const offset = this.lines.start(this.i) + pos
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
      const flow = flowCollection(line, pos, ln, this.lines.start(this.i))
      trailingComment(line, flow.end)
      node = flow.node
      this.i++
    } else {
      if (VALUE_START_BAD.has(c) || isDash(line, pos)) bail()
      let end = line.indexOf(' #', pos)
      if (end < 0) end = line.length
      while (line.charCodeAt(end - 1) === 32) end--
      const value = this.intern(line.slice(pos, end))
      if (value.includes(': ') || value.endsWith(':')) bail()
      this.i++
      const hasComment = end < line.length
      const more = hasComment ? undefined : this.plainContinuation(owner)
      node = more
        ? scalar(ln, pos + 1, offset, value + more.text, 'plain', more.end)
        : scalar(ln, pos + 1, offset, value, 'plain', offset + value.length)
    }
    this.skipBlank()
    if (this.i < this.lines.length && indentOf(this.lines.at(this.i)) > owner) bail() // continuation lines
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
      const l = this.lines.at(j)
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
      end = this.lines.start(j) + ind + piece.length
    }
    if (end < 0) return undefined
    this.i = j
    return {text, end}
  }

  /** A quoted scalar over several lines (libyaml does not check their indentation). */
  private multiLineQuoted(pos: number): {value: string; end: number} {
    const first = this.lines.at(this.i)
    const q = first[pos]!
    const pieces: string[] = [first.slice(pos + 1).replace(/ +$/, '')]
    if (q === '"' && pieces[0]!.endsWith('\\')) bail() // escaped line break
    for (let j = this.i + 1; j < this.lines.length; j++) {
      const l = this.lines.at(j)
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
      return {value: decoded, end: this.lines.start(j) + lead + close + 1}
    }
    bail()
  }

  private blockScalar(pos: number, owner: number): YScalar {
    const line = this.lines.at(this.i)
    const header = /^([|>])([-+]?)[ ]*(#.*)?$/.exec(line.slice(pos))
    if (!header) bail()
    const folded = header[1] === '>'
    const chomp = header[2]
    const ln = this.i + 1
    const offset = this.lines.start(this.i) + pos
    const lines = this.lines
    let j = this.i + 1
    let ci = -1
    for (let k = j; k < lines.length; k++) {
      const l = lines.at(k)
      const ind = indentOf(l)
      if (ind === l.length) continue
      ci = ind
      break
    }
    const body: string[] = []
    if (ci > owner) {
      for (; j < lines.length; j++) {
        const l = lines.at(j)
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
    const end = body.length > 0 ? this.lines.start(endLine) + lines.at(endLine).length : offset + 1
    const node = scalar(ln, pos + 1, offset, value, folded ? 'folded' : 'literal', end)
    this.i = j
    return node
  }
}
