// A port of Go 1.19 text/template/parse/parse.go: the same recursive descent,
// 3-token look-ahead and variable scoping, so that verdicts and error messages
// (`template: <name>:<line>: <msg>`) match Go's. It keeps the trees for exec.ts.
import {goQuote} from './gofmt.js'
import {type Item, T} from './items.js'
import {Lexer} from './lexer.js'
import {type Arg, type BranchNode, type Command, isEmptyList, type ListItem, type MarkerNode, markerString, type Node, type Pipe} from './nodes.js'
import {type NumberKind, numberError, numberValue} from './number.js'
import {GoTemplateError, TokenStream} from './stream.js'
import {ERR_SYNTAX, unquote, unquoteValue} from './strconv.js'

export interface TemplateError {
  /** Exactly Go's err.Error(), e.g. `template: __alert_X:1: function "foo" not defined`. */
  message: string
  line: number
}
interface TemplateInfo {
  /** Names from {{define "x"}} and {{block "x"}}. */
  defined: string[]
  /** Names from {{template "x"}} and {{block "x"}}. */
  referenced: string[]
}
type TemplateResult = {ok: true; info: TemplateInfo} | {ok: false; error: TemplateError}

/** A parsed named template: its root list and the text it was parsed from (for error positions). */
export interface ParsedTree {
  name: string
  /** ParseName: the name of the top-level template whose text held this one. */
  parseName: string
  root: Node[]
  text: string
}
type TreesResult = {ok: true; trees: Map<string, ParsedTree>; info: TemplateInfo} | {ok: false; error: TemplateError}

interface ParseOptions {
  /** Template name used in messages (text/template's t.Name()). */
  name: string
  /** Every function name the template may call, Go builtins included (see GO_BUILTIN_FUNCS). */
  funcs: ReadonlySet<string>
  leftDelim?: string
  rightDelim?: string
  /** Extra variables visible at top level (not inside define/block bodies), e.g. '$labels'. */
  vars?: readonly string[]
}

interface Shared {
  readonly lex: Lexer
  readonly parseName: string
  readonly funcs: ReadonlySet<string>
  readonly treeSet: Map<string, Node[]>
  readonly info: TemplateInfo
}

const OPERAND_START: ReadonlySet<T> = new Set<T>([
  T.Bool, T.CharConstant, T.Complex, T.Dot, T.Field, T.Identifier, T.Number, T.Nil, T.RawString, T.String, T.Variable, T.LeftParen,
])
const NON_EXECUTABLE: ReadonlySet<Arg['kind']> = new Set<Arg['kind']>(['bool', 'dot', 'nil', 'number', 'string'])

/** Parse a template as text/template's Template.Parse does (Go 1.19) and report the first error. */
export function parseTemplate(text: string, opts: ParseOptions): TemplateResult {
  const r = parseTemplateTrees(text, opts)
  return r.ok ? {ok: true, info: r.info} : r
}

/** Parse and keep every tree the text defines (the top-level one under opts.name). */
export function parseTemplateTrees(text: string, opts: ParseOptions): TreesResult {
  const info: TemplateInfo = {defined: [], referenced: []}
  // Go 1.19 asks hasFunction("break") before the func maps are attached, so
  // break and continue are always keywords.
  const lex = new Lexer(text, {leftDelim: opts.leftDelim, rightDelim: opts.rightDelim})
  const shared: Shared = {lex, parseName: opts.name, funcs: opts.funcs, treeSet: new Map(), info}
  const t = new Tree(opts.name, shared, ['$', ...(opts.vars ?? [])])
  try {
    t.parse()
    t.add()
  } catch (e) {
    if (e instanceof GoTemplateError) return {ok: false, error: {message: e.message, line: e.line}}
    // Go's growable stacks take any depth; ours ends near 1,500 nested actions or parentheses.
    if (e instanceof RangeError) return {ok: false, error: {message: `template: ${opts.name}: nesting too deep for spock to check`, line: 0}}
    throw e
  }
  const trees = new Map<string, ParsedTree>()
  for (const [name, root] of shared.treeSet) trees.set(name, {name, parseName: opts.name, root, text})
  return {ok: true, trees, info: {defined: unique(info.defined), referenced: unique(info.referenced)}}
}

function isMarker(n: ListItem): n is MarkerNode {
  return n.kind === 'end' || n.kind === 'else'
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)]
}

class Tree extends TokenStream {
  private root: Node[] = []
  private rangeDepth = 0

  constructor(private name: string, private readonly s: Shared, private readonly vars: string[] = ['$']) {
    super(s.lex, s.parseName)
  }

  // --- structure --------------------------------------------------------------

  add(): void {
    const existing = this.s.treeSet.get(this.name)
    if (existing === undefined || isEmptyList(existing)) {
      this.s.treeSet.set(this.name, this.root)
      return
    }
    if (!isEmptyList(this.root)) this.errorf(`template: multiple definition of template ${goQuote(this.name)}`)
  }

  parse(): void {
    while (this.peek().typ !== T.EOF) {
      if (this.peek().typ === T.LeftDelim) {
        const delim = this.next()
        if (this.nextNonSpace().typ === T.Define) {
          new Tree('definition', this.s).parseDefinition()
          continue
        }
        this.backup2(delim)
      }
      const n = this.textOrAction()
      if (isMarker(n)) this.errorf(`unexpected ${markerString(n)}`)
      this.root.push(n)
    }
  }

  private parseDefinition(): void {
    const context = 'define clause'
    const token = this.nextNonSpace()
    if (token.typ !== T.String && token.typ !== T.RawString) this.unexpected(token, context)
    this.name = this.unquoteOrFail(token.val)
    this.expect(T.RightDelim, context)
    const [list, end] = this.itemList()
    this.root = list
    if (end.kind !== 'end') this.errorf(`unexpected ${markerString(end)} in ${context}`)
    this.add()
    this.s.info.defined.push(this.name)
  }

  private itemList(): [Node[], ListItem] {
    const list: Node[] = []
    this.peekNonSpace()
    while (this.peekNonSpace().typ !== T.EOF) {
      const n = this.textOrAction()
      if (isMarker(n)) return [list, n]
      list.push(n)
    }
    this.errorf('unexpected EOF')
  }

  private textOrAction(): ListItem {
    const token = this.nextNonSpace()
    switch (token.typ) {
      case T.Text:
        return {kind: 'text', text: token.val, pos: token.pos ?? 0}
      case T.LeftDelim:
        this.actionLine = token.line
        try {
          return this.action()
        } finally {
          this.actionLine = 0
        }
      case T.Comment:
        return {kind: 'comment', pos: token.pos ?? 0}
      default:
        this.unexpected(token, 'input')
    }
  }

  private action(): ListItem {
    const token = this.nextNonSpace()
    switch (token.typ) {
      case T.Block: return this.blockControl()
      case T.Break: return this.branchControl('break')
      case T.Continue: return this.branchControl('continue')
      case T.Else: return this.elseControl()
      case T.End:
        this.expect(T.RightDelim, 'end')
        return {kind: 'end', pos: token.pos ?? 0}
      case T.If: return this.parseControl(true, 'if')
      case T.Range: return this.parseControl(false, 'range')
      case T.Template: return this.templateControl()
      case T.With: return this.parseControl(false, 'with')
    }
    this.backup()
    const first = this.peek()
    const line = this.lex.line
    return {kind: 'action', pos: first.pos ?? 0, line, pipe: this.pipeline('command', T.RightDelim)}
  }

  private branchControl(kind: 'break' | 'continue'): ListItem {
    const token = this.nextNonSpace()
    if (token.typ !== T.RightDelim) this.unexpected(token, `{{${kind}}}`)
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`)
    return {kind, pos: token.pos ?? 0, line: token.line}
  }

  // --- pipelines ----------------------------------------------------------------

  private pipeline(context: string, end: T): Pipe {
    const start = this.peekNonSpace()
    const pipe: Pipe = {pos: start.pos ?? 0, line: start.line, decl: [], isAssign: false, cmds: []}
    for (;;) {
      // Declarations or assignments: needs 3-token look-ahead ("$x foo" vs "$x :=").
      const v = this.peekNonSpace()
      if (v.typ !== T.Variable) break
      this.next()
      const tokenAfterVariable = this.peek()
      const nxt = this.peekNonSpace()
      if (nxt.typ === T.Assign || nxt.typ === T.Declare) {
        pipe.isAssign = nxt.typ === T.Assign
        this.nextNonSpace()
        pipe.decl.push(v.val)
        this.vars.push(v.val)
        break
      }
      if (nxt.typ === T.Char && nxt.val === ',') {
        this.nextNonSpace()
        pipe.decl.push(v.val)
        this.vars.push(v.val)
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().typ
          if (after === T.Variable || after === T.RightDelim || after === T.RightParen) continue
          this.errorf('range can only initialize variables')
        }
        this.errorf(`too many declarations in ${context}`)
      }
      if (tokenAfterVariable.typ === T.Space) this.backup3(v, tokenAfterVariable)
      else this.backup2(v)
      break
    }
    for (;;) {
      const token = this.nextNonSpace()
      if (token.typ === end) {
        this.checkPipeline(pipe, context)
        return pipe
      }
      if (!OPERAND_START.has(token.typ)) this.unexpected(token, context)
      this.backup()
      pipe.cmds.push(this.command())
    }
  }

  private checkPipeline(pipe: Pipe, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`)
    pipe.cmds.forEach((c, i) => {
      if (i > 0 && NON_EXECUTABLE.has(c.args[0]!.kind)) this.errorf(`non executable command in pipeline stage ${i + 1}`)
    })
  }

  private parseControl(allowElseIf: boolean, context: 'if' | 'range' | 'with'): BranchNode {
    const depth = this.vars.length
    try {
      const pipe = this.pipeline(context, T.RightDelim)
      if (context === 'range') this.rangeDepth++
      let [list, next] = this.itemList()
      if (context === 'range') this.rangeDepth--
      let elseList: Node[] | undefined
      if (next.kind === 'else') {
        // {{else if b}} is {{else}}{{if b}}...{{end}}{{end}} with the last {{end}} implied.
        if (allowElseIf && this.peek().typ === T.If) {
          this.next()
          elseList = [this.parseControl(true, 'if')]
        } else {
          ;[elseList, next] = this.itemList()
          if (next.kind !== 'end') this.errorf(`expected end; found ${markerString(next)}`)
        }
      }
      return {kind: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList}
    } finally {
      this.vars.length = depth
    }
  }

  private elseControl(): ListItem {
    const token = this.peekNonSpace()
    if (token.typ === T.If) return {kind: 'else', pos: token.pos ?? 0}
    this.expect(T.RightDelim, 'else')
    return {kind: 'else', pos: token.pos ?? 0}
  }

  private blockControl(): ListItem {
    const context = 'block clause'
    const token = this.nextNonSpace()
    const name = this.parseTemplateName(token, context)
    const pipe = this.pipeline(context, T.RightDelim)
    const block = new Tree(name, this.s)
    const [list, end] = block.itemList()
    block.root = list
    if (end.kind !== 'end') this.errorf(`unexpected ${markerString(end)} in ${context}`)
    block.add()
    this.s.info.defined.push(name)
    this.s.info.referenced.push(name)
    return {kind: 'template', pos: token.pos ?? 0, line: token.line, name, pipe}
  }

  private templateControl(): ListItem {
    const context = 'template clause'
    const token = this.nextNonSpace()
    const name = this.parseTemplateName(token, context)
    let pipe: Pipe | undefined
    if (this.nextNonSpace().typ !== T.RightDelim) {
      this.backup()
      pipe = this.pipeline(context, T.RightDelim)
    }
    this.s.info.referenced.push(name)
    return {kind: 'template', pos: token.pos ?? 0, line: token.line, name, pipe}
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ !== T.String && token.typ !== T.RawString) this.unexpected(token, context)
    return this.unquoteOrFail(token.val)
  }

  private unquoteOrFail(lit: string): string {
    const s = unquote(lit)
    if (s === undefined) this.errorf(ERR_SYNTAX)
    return s
  }

  // --- commands and operands --------------------------------------------------------

  private command(): Command {
    const args: Arg[] = []
    const start = this.peekNonSpace()
    for (;;) {
      this.peekNonSpace()
      const operand = this.operand()
      if (operand) args.push(operand)
      const token = this.next()
      if (token.typ === T.Space) continue
      if (token.typ === T.RightDelim || token.typ === T.RightParen) this.backup()
      else if (token.typ !== T.Pipe) this.unexpected(token, 'operand')
      break
    }
    if (args.length === 0) this.errorf('empty command')
    return {pos: start.pos ?? 0, args}
  }

  private operand(): Arg | undefined {
    const node = this.term()
    if (!node) return undefined
    if (this.peek().typ !== T.Field) return node
    const chainPos = this.peek().pos ?? 0
    const fields: string[] = []
    while (this.peek().typ === T.Field) fields.push(this.next().val.slice(1))
    switch (node.kind) {
      case 'field': case 'variable':
        return {...node, pos: chainPos, str: node.str + fields.map((f) => '.' + f).join(''), ident: [...node.ident, ...fields]}
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        this.errorf(`unexpected . after term ${goQuote(node.str)}`)
      default:
        return {kind: 'chain', str: '', pos: chainPos, node, field: fields}
    }
  }

  private term(): Arg | undefined {
    const token = this.nextNonSpace()
    const pos = token.pos ?? 0
    switch (token.typ) {
      case T.Identifier:
        if (!this.s.funcs.has(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`)
        return {kind: 'identifier', str: token.val, pos, name: token.val}
      case T.Dot: return {kind: 'dot', str: '.', pos}
      case T.Nil: return {kind: 'nil', str: 'nil', pos}
      case T.Variable: return this.useVar(token.val, pos)
      case T.Field: return {kind: 'field', str: token.val, pos, ident: token.val.slice(1).split('.')}
      case T.Bool: return {kind: 'bool', str: token.val, pos, value: token.val === 'true'}
      case T.CharConstant: case T.Complex: case T.Number: {
        const kind: NumberKind = token.typ === T.CharConstant ? 'char' : token.typ === T.Complex ? 'complex' : 'number'
        const err = numberError(token.val, kind)
        if (err !== undefined) this.errorf(err)
        return {kind: 'number', str: token.val, pos, value: numberValue(token.val, kind)}
      }
      case T.LeftParen: {
        const pipe = this.pipeline('parenthesized pipeline', T.RightParen)
        return {kind: 'pipe', str: '', pos: pipe.pos, pipe}
      }
      case T.String: case T.RawString:
        this.unquoteOrFail(token.val)
        return {kind: 'string', str: token.val, pos, text: unquoteValue(token.val)}
    }
    this.backup()
    return undefined
  }

  private useVar(name: string, pos: number): Arg {
    const ident = name.split('.')[0] ?? name
    if (!this.vars.includes(ident)) this.errorf(`undefined variable ${goQuote(ident)}`)
    return {kind: 'variable', str: name, pos, ident: name.split('.')}
  }
}
