// A small typed PromQL AST built from lezer-promql's tree, with Prometheus's binding of postfix
// modifiers ([range], [range:step], offset, @) to the nearest operand.
import type {SyntaxNode} from '@lezer/common'
import {parser} from '@prometheus-io/lezer-promql'
import {goRegexp, type GoRegexp} from '../model/regex.js'
import {tryParseDuration} from '../model/duration.js'
import {goParseNumber, lexPromQL} from './syntax/lex.js'
import {checkPromQL} from './syntax/check.js'

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string'
type MatchType = '=' | '!=' | '=~' | '!~'

export interface LabelMatcher {
  name: string
  type: MatchType
  value: string
  /** Compiled anchored regex for =~ and !~. */
  re?: GoRegexp
}

/** `@ <time>` as milliseconds, or the query's start() / end(). */
export type At = number | 'start' | 'end'

export interface VectorSelector {
  kind: 'vector'
  matchers: LabelMatcher[]
  offset: number
  at?: At
}
export interface MatrixSelector {
  kind: 'matrix'
  vector: VectorSelector
  range: number
}
export interface Subquery {
  kind: 'subquery'
  expr: Expr
  range: number
  /** 0: the default evaluation interval. */
  step: number
  offset: number
  at?: At
}
type Card = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many'
export interface VectorMatching {
  card: Card
  on: boolean
  labels: string[]
  /** group_left/group_right labels copied from the "one" side. */
  include: string[]
}
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2' | '==' | '!=' | '>' | '<' | '>=' | '<=' | 'and' | 'or' | 'unless'
export interface Binary {
  kind: 'binary'
  op: BinaryOp
  lhs: Expr
  rhs: Expr
  bool: boolean
  matching: VectorMatching
}
export interface Aggregate {
  kind: 'aggregate'
  op: string
  expr: Expr
  param?: Expr
  grouping: string[]
  without: boolean
}
export interface Call {
  kind: 'call'
  func: string
  args: Expr[]
}
export type Expr =
  | {kind: 'number'; value: number}
  | {kind: 'string'; value: string}
  | VectorSelector
  | MatrixSelector
  | Subquery
  | {kind: 'paren'; expr: Expr}
  | {kind: 'unary'; op: '-' | '+'; expr: Expr}
  | Binary
  | Aggregate
  | Call

export class PromQLParseError extends Error {}

const OPS: Record<string, BinaryOp> = {
  Add: '+', Sub: '-', Mul: '*', Div: '/', Mod: '%', Pow: '^', Atan2: 'atan2', Eql: '==', Neq: '!=', Gtr: '>', Lss: '<',
  Gte: '>=', Lte: '<=', And: 'and', Or: 'or', Unless: 'unless',
}
const MATCH_OPS: Record<string, MatchType> = {EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~'}
const POSTFIX = new Set(['MatrixSelector', 'SubqueryExpr', 'OffsetExpr', 'StepInvariantExpr'])

/** Return types of the functions of Prometheus 2.42 ('vector' unless listed). */
const SCALAR_FUNCS = new Set(['pi', 'scalar', 'time'])

/**
 * Parses a PromQL expression as Prometheus 2.42 does; throws PromQLParseError with Prometheus's
 * message for anything it would reject.
 */
export function parseExpr(src: string): Expr {
  const issues = checkPromQL(src, {version: '2.42'}).filter((i) => i.severity === 'error')
  if (issues.length > 0) {
    const i = issues[0]!
    throw new PromQLParseError(`${positionOf(src, i.from)}: parse error: ${i.message}`)
  }
  const tree = parser.parse(lexPromQL(src, '2.42', {keepSigns: true}).normalized)
  const top = tree.topNode.firstChild
  if (!top) throw new PromQLParseError('no expression found in input')
  return new Builder(src).expr(top, [])
}

function positionOf(src: string, at: number): string {
  const before = src.slice(0, at).split('\n')
  return before.length > 1 ? `${before.length}:${before[before.length - 1]!.length + 1}` : `1:${at + 1}`
}

function exprChildren(node: SyntaxNode | null): SyntaxNode[] {
  const out: SyntaxNode[] = []
  for (let c = node?.firstChild ?? null; c; c = c.nextSibling) if (c.type.is('Expr')) out.push(c)
  return out
}

function child(node: SyntaxNode | null, name: string): SyntaxNode | null {
  for (let c = node?.firstChild ?? null; c; c = c.nextSibling) if (c.name === name) return c
  return null
}

function children(node: SyntaxNode | null, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = []
  for (let c = node?.firstChild ?? null; c; c = c.nextSibling) if (c.name === name) out.push(c)
  return out
}

class Builder {
  constructor(private readonly src: string) {}

  text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to)
  }

  /** `post` holds postfix nodes (innermost first) to apply to the nearest operand. */
  expr(n: SyntaxNode, post: SyntaxNode[]): Expr {
    if (POSTFIX.has(n.name)) return this.expr(n.firstChild!, [n, ...post])
    if (n.name === 'BinaryExpr') return this.binary(n, post)
    if (n.name === 'UnaryExpr') {
      const op = this.text(child(n, 'UnaryOp')!) as '-' | '+'
      const inner = this.expr(exprChildren(n)[0]!, post)
      if (op === '+') return inner
      return inner.kind === 'number' ? {kind: 'number', value: -inner.value} : {kind: 'unary', op, expr: inner}
    }
    let e = this.primary(n)
    for (const p of post) e = this.postfix(e, p)
    return e
  }

  primary(n: SyntaxNode): Expr {
    switch (n.name) {
      case 'NumberDurationLiteral':
        return {kind: 'number', value: this.number(this.text(n))}
      case 'StringLiteral':
        return {kind: 'string', value: unquote(this.text(n))}
      case 'ParenExpr':
        return {kind: 'paren', expr: this.expr(exprChildren(n)[0]!, [])}
      case 'VectorSelector':
        return this.selector(n)
      case 'AggregateExpr':
        return this.aggregate(n)
      case 'FunctionCall': {
        const func = this.text(child(n, 'FunctionIdentifier')!).toLowerCase()
        return {kind: 'call', func, args: exprChildren(child(n, 'FunctionCallBody')).map((a) => this.expr(a, []))}
      }
      default:
        throw new PromQLParseError(`unsupported expression: ${this.text(n)}`)
    }
  }

  number(text: string): number {
    const t = text.replace(/\s+/g, '')
    const neg = t.startsWith('-')
    const v = goParseNumber(t.replace(/^[+-]/, ''))
    if (v === undefined) throw new PromQLParseError(`bad number or duration syntax: ${JSON.stringify(text)}`)
    return neg ? -v : v
  }

  duration(n: SyntaxNode | null): number {
    if (!n) throw new PromQLParseError('missing duration')
    let t = this.text(n).replace(/\s+/g, '')
    let sign = 1
    while (t.startsWith('-') || t.startsWith('+')) {
      if (t[0] === '-') sign = -sign
      t = t.slice(1)
    }
    const ms = tryParseDuration(t)
    if (ms === undefined) throw new PromQLParseError(`bad duration syntax: ${JSON.stringify(t)}`)
    return sign * ms
  }

  selector(n: SyntaxNode): VectorSelector {
    const matchers: LabelMatcher[] = []
    const id = child(n, 'Identifier')
    if (id) matchers.push({name: '__name__', type: '=', value: this.text(id)})
    for (let m = child(n, 'LabelMatchers')?.firstChild ?? null; m; m = m.nextSibling) {
      if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') continue
      const nameNode = m.firstChild!
      const name = nameNode.name === 'LabelName' ? this.text(nameNode) : unquote(this.text(nameNode))
      const type = MATCH_OPS[child(m, 'MatchOp')!.firstChild!.name]!
      const value = unquote(this.text(child(m, 'StringLiteral')!))
      const matcher: LabelMatcher = {name, type, value}
      if (type === '=~' || type === '!~') matcher.re = goRegexp(value, true)
      matchers.push(matcher)
    }
    return {kind: 'vector', matchers, offset: 0}
  }

  postfix(e: Expr, p: SyntaxNode): Expr {
    switch (p.name) {
      case 'MatrixSelector':
        if (e.kind !== 'vector') throw new PromQLParseError('ranges only allowed for vector selectors')
        return {kind: 'matrix', vector: e, range: this.duration(child(p, 'DurationExpr'))}
      case 'SubqueryExpr': {
        const ds = children(p, 'DurationExpr')
        return {kind: 'subquery', expr: e, range: this.duration(ds[0]!), step: ds[1] ? this.duration(ds[1]) : 0, offset: 0}
      }
      case 'OffsetExpr': {
        const offset = this.duration(child(p, 'OffsetDurationExpr'))
        const target = e.kind === 'matrix' ? e.vector : e
        if (target.kind !== 'vector' && target.kind !== 'subquery') throw new PromQLParseError('offset modifier must be preceded by a selector or a subquery')
        target.offset = offset
        return e
      }
      case 'StepInvariantExpr': {
        const pre = child(child(p, 'AtModifierPreprocessors'), 'AtStart') ? 'start' : child(p, 'AtModifierPreprocessors') ? 'end' : undefined
        const at: At = pre ?? Math.round(this.number(this.text(child(p, 'NumberDurationLiteral')!)) * 1000)
        const target = e.kind === 'matrix' ? e.vector : e
        if (target.kind !== 'vector' && target.kind !== 'subquery') throw new PromQLParseError('@ modifier must be preceded by a selector or a subquery')
        target.at = at
        return e
      }
      default:
        throw new PromQLParseError(`unsupported modifier: ${this.text(p)}`)
    }
  }

  binary(n: SyntaxNode, post: SyntaxNode[]): Expr {
    const [l, r] = exprChildren(n)
    const opNode = l!.nextSibling!
    const op = OPS[opNode.name]
    if (!op) throw new PromQLParseError(`unsupported operator: ${this.text(opNode)}`)
    const bool = child(n, 'BoolModifier') !== null
    const m = child(n, 'MatchingModifierClause')
    const set = op === 'and' || op === 'or' || op === 'unless'
    const matching: VectorMatching = {card: set ? 'many-to-many' : 'one-to-one', on: false, labels: [], include: []}
    if (m) {
      const groups = children(m, 'GroupingLabels').map((g) => this.grouping(g))
      matching.on = child(m, 'On') !== null
      matching.labels = groups[0] ?? []
      if (child(m, 'GroupLeft')) matching.card = 'many-to-one'
      if (child(m, 'GroupRight')) matching.card = 'one-to-many'
      matching.include = groups[1] ?? []
    }
    const signed = /^[+-]/.exec(this.text(l!))?.[0]
    if (op === '^' && l!.name === 'NumberDurationLiteral' && signed) {
      // lezer reads `-1 ^ 2` as (-1) ^ 2; in Prometheus the sign is a unary operator, looser than ^.
      const lhs: Expr = {kind: 'number', value: Math.abs(this.number(this.text(l!)))}
      const pow: Binary = {kind: 'binary', op, lhs, rhs: this.expr(r!, post), bool, matching}
      return signed === '-' ? {kind: 'unary', op: '-', expr: pow} : pow
    }
    return {kind: 'binary', op, lhs: this.expr(l!, []), rhs: this.expr(r!, post), bool, matching}
  }

  grouping(g: SyntaxNode | null): string[] {
    const out: string[] = []
    for (let c = g?.firstChild ?? null; c; c = c.nextSibling) {
      if (c.name === 'LabelName') out.push(this.text(c))
      else if (c.name === 'QuotedLabelName') out.push(unquote(this.text(c)))
    }
    return out
  }

  aggregate(n: SyntaxNode): Aggregate {
    const op = this.text(child(n, 'AggregateOp')!).toLowerCase()
    const args = exprChildren(child(n, 'FunctionCallBody')).map((a) => this.expr(a, []))
    const mod = child(n, 'AggregateModifier')
    const grouping = this.grouping(child(mod, 'GroupingLabels'))
    const without = child(mod, 'Without') !== null
    const agg: Aggregate = {kind: 'aggregate', op, expr: args[args.length - 1]!, grouping, without}
    if (args.length > 1) agg.param = args[0]
    return agg
  }
}

/** Go's strconv.Unquote for PromQL's "…", '…' and `…` literals (validated by the checker already). */
export function unquote(raw: string): string {
  const q = raw[0]
  const body = raw.slice(1, -1)
  if (q === '`' || !body.includes('\\')) return body
  const bytes: number[] = []
  const enc = new TextEncoder()
  const ESC: Record<string, number> = {a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, "'": 39, '"': 34}
  for (let i = 0; i < body.length; ) {
    const c = body[i]!
    if (c !== '\\') {
      const cp = body.codePointAt(i)!
      const s = String.fromCodePoint(cp)
      bytes.push(...enc.encode(s))
      i += s.length
      continue
    }
    const e = body[i + 1]!
    if (e in ESC) {
      bytes.push(ESC[e]!)
      i += 2
    } else if (e === 'x') {
      bytes.push(parseInt(body.slice(i + 2, i + 4), 16))
      i += 4
    } else if (e === 'u' || e === 'U') {
      const len = e === 'u' ? 4 : 8
      bytes.push(...enc.encode(String.fromCodePoint(parseInt(body.slice(i + 2, i + 2 + len), 16))))
      i += 2 + len
    } else {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8))
      i += 4
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes))
}

/** The static type of an expression. */
export function typeOf(e: Expr): ValueType {
  switch (e.kind) {
    case 'number':
      return 'scalar'
    case 'string':
      return 'string'
    case 'vector':
    case 'aggregate':
      return 'vector'
    case 'matrix':
    case 'subquery':
      return 'matrix'
    case 'paren':
    case 'unary':
      return typeOf(e.expr)
    case 'binary':
      return typeOf(e.lhs) === 'vector' || typeOf(e.rhs) === 'vector' ? 'vector' : 'scalar'
    case 'call':
      return SCALAR_FUNCS.has(e.func) ? 'scalar' : 'vector'
  }
}
