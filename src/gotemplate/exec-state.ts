// The walker of text/template's exec.go (Go 1.19): pipelines, variables and scopes,
// if/with/range/template, field and method lookup, function calls with Go's arg rules.
import {BUILTINS} from './builtins.js'
import {type HtmlContext, SafeHTML, SafeURL} from './html-escape.js'
import {goQuote} from './gofmt.js'
import {formatValue} from './go-fmt.js'
import {argString, type AtNode, atString, errorContext} from './node-string.js'
import type {Arg, BranchNode, Command, Node, Pipe, TemplateNode} from './nodes.js'
import type {ParsedTree} from './parser.js'
import {type GoParam, paramName, signatureOf, type TemplateFunc} from './signature.js'
import {findMethod, goTypeName, isGoMap, isNil, isStruct, isTrue, mapGet, mapSize, mapZero, sortedKeys} from './values.js'

export type MissingKey = 'default' | 'invalid' | 'zero' | 'error'

/** An execution error, with Go's message (`template: name:1:2: executing "name" at <.X>: ...`). */
export class TemplateExecError extends Error {
  constructor(message: string, readonly templateName: string, readonly phase: 'parse' | 'exec' = 'exec') {
    super(message)
    this.name = 'TemplateExecError'
  }
}

interface ExecEnv {
  trees: ReadonlyMap<string, ParsedTree>
  funcs: Readonly<Record<string, TemplateFunc>>
  missingKey: MissingKey
  maxDepth: number
  maxSteps: number
  /** html/template mode: the HTML context that escapes printed values and drops comments. */
  html?: HtmlContext
}

/** The pipeline's "no final value" marker (Go's missingVal). */
const MISSING = Symbol('missing')
type Val = unknown

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal()
const CONTINUE = new ContinueSignal()

interface Variable {
  name: string
  value: Val
}

export class ExecState {
  private vars: Variable[]
  private at: AtNode | undefined
  private out: string[] = []

  constructor(private readonly env: ExecEnv, private tmpl: ParsedTree, dot: Val, private depth = 0, private counter = {steps: 0}) {
    this.vars = [{name: '$', value: dot}]
  }

  run(dot: Val): string {
    try {
      this.walkList(dot, this.tmpl.root)
    } catch (e) {
      if (e instanceof RangeError) this.errorf(`exceeded maximum template depth (${this.env.maxDepth})`)
      throw e
    }
    return this.out.join('')
  }

  // --- errors ------------------------------------------------------------------

  errorf(message: string): never {
    const name = this.tmpl.name
    if (this.at === undefined) throw new TemplateExecError(`template: ${name}: ${message}`, name)
    const [location, context] = errorContext(this.tmpl.text, this.tmpl.parseName, this.at.node.pos, atString(this.at))
    throw new TemplateExecError(`template: ${location}: executing ${goQuote(name)} at <${context}>: ${message}`, name)
  }

  private tick(): void {
    if (++this.counter.steps > this.env.maxSteps) {
      this.errorf(`spock: template execution exceeded ${this.env.maxSteps} steps`)
    }
  }

  // --- walk --------------------------------------------------------------------

  private walkList(dot: Val, list: readonly Node[]): void {
    for (const n of list) this.walk(dot, n)
  }

  private walk(dot: Val, node: Node): void {
    this.tick()
    this.at = {at: 'node', node}
    switch (node.kind) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe)
        if (node.pipe.decl.length === 0) this.printValue(node, val)
        return
      }
      case 'comment': return
      case 'text':
        this.out.push(this.env.html ? this.env.html.text(node.text) : node.text)
        return
      case 'if': case 'with':
        this.walkIfOrWith(dot, node)
        return
      case 'range':
        this.walkRange(dot, node)
        return
      case 'template':
        this.walkTemplate(dot, node)
        return
      case 'break': throw BREAK
      case 'continue': throw CONTINUE
    }
  }

  private walkIfOrWith(dot: Val, node: BranchNode): void {
    const mark = this.vars.length
    try {
      const val = this.evalPipeline(dot, node.pipe)
      const [truth, ok] = isTrue(val)
      if (!ok) this.errorf(`if/with can't use ${formatValue(val, 'v', NO_SPEC)}`)
      if (truth) this.walkList(node.kind === 'with' ? val : dot, node.list)
      else if (node.elseList) this.walkList(dot, node.elseList)
    } finally {
      this.vars.length = mark
    }
  }

  private walkRange(dot: Val, node: BranchNode): void {
    this.at = {at: 'node', node}
    const outer = this.vars.length
    try {
      const val = this.evalPipeline(dot, node.pipe)
      const mark = this.vars.length
      const decl = node.pipe.decl.length
      const one = (index: Val, elem: Val): boolean => {
        if (decl > 0) this.vars[this.vars.length - 1]!.value = elem
        if (decl > 1) this.vars[this.vars.length - 2]!.value = index
        try {
          this.walkList(elem, node.list)
        } catch (e) {
          if (e === BREAK) return false
          if (e !== CONTINUE) throw e
        } finally {
          this.vars.length = mark
        }
        return true
      }
      if (Array.isArray(val)) {
        if (val.length > 0) {
          for (let i = 0; i < val.length; i++) if (!one(BigInt(i), val[i])) break
          return
        }
      } else if (isGoMap(val)) {
        if (mapSize(val) > 0) {
          for (const k of sortedKeys(val)) if (!one(k, mapGet(val, k).value)) break
          return
        }
      } else if (!isNil(val)) {
        this.errorf(`range can't iterate over ${formatValue(val, 'v', NO_SPEC)}`)
      }
      if (node.elseList) this.walkList(dot, node.elseList)
    } finally {
      this.vars.length = outer
    }
  }

  private walkTemplate(dot: Val, node: TemplateNode): void {
    this.at = {at: 'node', node}
    const tmpl = this.env.trees.get(node.name)
    if (tmpl === undefined) this.errorf(`template ${goQuote(node.name)} not defined`)
    if (this.depth >= this.env.maxDepth) this.errorf(`exceeded maximum template depth (${this.env.maxDepth})`)
    const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : undefined
    const sub = new ExecState(this.env, tmpl, newDot, this.depth + 1, this.counter)
    sub.out = this.out
    try {
      sub.walkList(newDot, tmpl.root)
    } catch (e) {
      if (!(e instanceof RangeError)) throw e
      this.at = {at: 'node', node}
      this.errorf(`exceeded maximum template depth (${this.env.maxDepth})`)
    }
  }

  // --- eval --------------------------------------------------------------------

  private evalPipeline(dot: Val, pipe: Pipe): Val {
    this.at = {at: 'pipe', node: pipe}
    let value: Val = MISSING
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value)
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, value)
      else this.vars.push({name, value})
    }
    return value
  }

  private setVar(name: string, value: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value
        return
      }
    }
    this.errorf(`undefined variable: ${name}`)
  }

  private varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value
    this.errorf(`undefined variable: ${name}`)
  }

  private notAFunction(args: readonly Arg[], final: Val): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${argString(args[0]!)}`)
  }

  private evalCommand(dot: Val, cmd: Command, final: Val): Val {
    this.tick()
    const first = cmd.args[0]!
    switch (first.kind) {
      case 'field':
        this.at = {at: 'arg', node: first}
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final)
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final)
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final)
      case 'pipe':
        this.notAFunction(cmd.args, final)
        return this.evalPipeline(dot, first.pipe)
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final)
    }
    this.at = {at: 'arg', node: first}
    this.notAFunction(cmd.args, final)
    switch (first.kind) {
      case 'bool': return first.value
      case 'dot': return dot
      case 'nil': this.errorf('nil is not a command')
      case 'number': return this.idealConstant(first)
      case 'string': return first.text
    }
  }

  private idealConstant(n: Extract<Arg, {kind: 'number'}>): Val {
    this.at = {at: 'arg', node: n}
    const v = n.value
    const text = n.str
    if (v.isComplex) this.errorf(`spock: complex constants are not supported (${text})`)
    const hexInt = text.length > 2 && text[0] === '0' && (text[1] === 'x' || text[1] === 'X') && !/[pP]/.test(text)
    if (v.isFloat && !hexInt && text[0] !== "'" && /[.eEpP]/.test(text)) return v.float
    if (v.isInt) {
      if (v.int! > 0x7fffffffffffffffn || v.int! < -0x8000000000000000n) this.errorf(`${text} overflows int`)
      return v.int
    }
    if (v.isUint) this.errorf(`${text} overflows int`)
    return undefined
  }

  private evalChain(dot: Val, chain: Extract<Arg, {kind: 'chain'}>, args: readonly Arg[], final: Val): Val {
    this.at = {at: 'arg', node: chain}
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${argString(chain)}`)
    const pipe = this.evalArg(dot, 'any', chain.node)
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final)
  }

  private evalVariable(dot: Val, v: Extract<Arg, {kind: 'variable'}>, args: readonly Arg[], final: Val): Val {
    this.at = {at: 'arg', node: v}
    const value = this.varValue(v.ident[0]!)
    if (v.ident.length === 1) {
      this.notAFunction(args, final)
      return value
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final)
  }

  private evalFieldChain(dot: Val, receiver: Val, node: Arg, ident: readonly string[], args: readonly Arg[], final: Val): Val {
    const n = ident.length
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i]!, node, [], MISSING, receiver)
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver)
  }

  private evalFunction(dot: Val, node: Extract<Arg, {kind: 'identifier'}>, cmd: Command | undefined, args: readonly Arg[], final: Val): Val {
    this.at = {at: 'arg', node}
    const fn = this.env.funcs[node.name]
    if (fn === undefined) this.errorf(`${goQuote(node.name)} is not a defined function`)
    const at: AtNode = cmd ? {at: 'cmd', node: cmd} : {at: 'arg', node}
    return this.evalCall(dot, fn, at, node.name, args, final)
  }

  private evalField(dot: Val, name: string, node: Arg, args: readonly Arg[], final: Val, receiver: Val): Val {
    if (isNil(receiver)) {
      if (this.env.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(name)}`)
      return undefined
    }
    const method = findMethod(receiver, name)
    if (method) return this.evalCall(dot, method, {at: 'arg', node}, name, args, final)
    const hasArgs = args.length > 1 || final !== MISSING
    if (isGoMap(receiver)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`)
      const got = mapGet(receiver, name)
      if (got.ok) return got.value
      switch (this.env.missingKey) {
        case 'zero': return mapZero(receiver)
        case 'error': this.errorf(`map has no entry for key ${goQuote(name)}`)
      }
      return undefined
    }
    if (isStruct(receiver) && Object.prototype.hasOwnProperty.call(receiver, name)) {
      if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`)
      return receiver[name]
    }
    this.errorf(`can't evaluate field ${name} in type ${goTypeName(receiver)}`)
  }

  private evalCall(dot: Val, fn: TemplateFunc, at: AtNode, name: string, argNodes: readonly Arg[], final: Val): Val {
    const args = argNodes.slice(1)
    const sig = signatureOf(fn) ?? {params: [], variadic: 'any' as GoParam}
    const numIn = args.length + (final !== MISSING ? 1 : 0)
    const numFixed = sig.params.length
    if (sig.variadic !== undefined) {
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`)
    } else if (numIn !== numFixed) {
      this.errorf(`wrong number of args for ${name}: want ${numFixed} got ${numIn}`)
    }
    const typeAt = (i: number): GoParam => (i < numFixed ? sig.params[i]! : sig.variadic!)
    if (fn === BUILTINS.and || fn === BUILTINS.or) {
      let v: Val
      for (const arg of args) {
        v = this.evalArg(dot, 'any', arg)
        if (isTrue(v)[0] === (name === 'or')) return v
      }
      if (final !== MISSING) v = this.validateType(final, 'any')
      return v
    }
    const argv: Val[] = args.map((a, i) => this.evalArg(dot, typeAt(i), a))
    if (final !== MISSING) argv.push(this.validateType(final, typeAt(args.length)))
    try {
      const r = (fn as (...a: unknown[]) => unknown)(...argv)
      return r
    } catch (e) {
      if (e instanceof TemplateExecError || e instanceof RangeError) throw e
      this.at = at
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  private validateType(value: Val, typ: GoParam): Val {
    if (isNil(value)) {
      if (typ === 'any' || (typeof typ === 'object' && typ.nilable)) return null
      this.errorf(`invalid value; expected ${paramName(typ)}`)
    }
    if (!matchesParam(value, typ)) this.errorf(`wrong type for value; expected ${paramName(typ)}; got ${goTypeName(value)}`)
    return value
  }

  private evalArg(dot: Val, typ: GoParam, n: Arg): Val {
    this.at = {at: 'arg', node: n}
    switch (n.kind) {
      case 'dot': return this.validateType(dot, typ)
      case 'nil':
        if (typ === 'any' || (typeof typ === 'object' && typ.nilable)) return null
        this.errorf(`cannot assign nil to ${paramName(typ)}`)
      case 'field':
        this.at = {at: 'arg', node: n}
        return this.validateType(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING), typ)
      case 'variable': return this.validateType(this.evalVariable(dot, n, [], MISSING), typ)
      case 'pipe': return this.validateType(this.evalPipeline(dot, n.pipe), typ)
      case 'identifier': return this.validateType(this.evalFunction(dot, n, undefined, [n], MISSING), typ)
      case 'chain': return this.validateType(this.evalChain(dot, n, [], MISSING), typ)
    }
    this.at = {at: 'arg', node: n}
    switch (typ) {
      case 'any':
        if (n.kind === 'bool') return n.value
        if (n.kind === 'string') return n.text
        return this.idealConstant(n)
      case 'bool':
        if (n.kind === 'bool') return n.value
        this.errorf(`expected bool; found ${argString(n)}`)
      case 'string':
        if (n.kind === 'string') return n.text
        this.errorf(`expected string; found ${argString(n)}`)
      case 'int':
        if (n.kind === 'number' && n.value.isInt) return n.value.int
        this.errorf(`expected integer; found ${argString(n)}`)
      case 'float64':
        if (n.kind === 'number' && n.value.isFloat) return n.value.float
        this.errorf(`expected float; found ${argString(n)}`)
    }
    this.errorf(`can't handle ${argString(n)} for arg of type ${paramName(typ)}`)
  }

  private printValue(node: Node, v: Val): void {
    this.at = {at: 'node', node}
    if (this.env.html) {
      // html/template hands the value to its escapers (fmt.Sprint of it) instead of printing it
      if (v instanceof SafeHTML || v instanceof SafeURL) this.out.push(this.env.html.value(v))
      else this.out.push(this.env.html.value(isNil(v) ? '' : formatValue(v, 'v', NO_SPEC)))
      return
    }
    if (isNil(v)) {
      this.out.push('<no value>')
      return
    }
    if (typeof v === 'function') this.errorf(`can't print ${atString({at: 'node', node})} of type ${goTypeName(v)}`)
    this.out.push(formatValue(v, 'v', NO_SPEC))
  }
}

const NO_SPEC = {plus: false, minus: false, sharp: false, space: false, zero: false}

function matchesParam(v: unknown, typ: GoParam): boolean {
  switch (typ) {
    case 'any': return true
    case 'string': return typeof v === 'string'
    case 'int': return typeof v === 'bigint'
    case 'float64': return typeof v === 'number'
    case 'bool': return typeof v === 'boolean'
  }
  return typ.test(v)
}
