// A small PromQL syntax tree for the semantic checks (promql/rate, impossible, regexp, fragile),
// built from lezer-promql's tree of an expression that already passed promql/syntax.
import type {SyntaxNode} from '@lezer/common'
import {parsePromQL} from '../../promql/syntax/check.js'
import {unquotePromString} from '../../promql/syntax/string.js'
import {parseDuration} from '../../model/duration.js'
import type {CheckCache} from '../engines.js'

export interface Span {
  from: number
  to: number
}

export interface Matcher extends Span {
  name: string
  op: '=' | '!=' | '=~' | '!~'
  value: string
  valueSpan: Span
}

export type Expr =
  | (Span & {kind: 'selector'; name: string; matchers: Matcher[]})
  | (Span & {kind: 'matrix'; expr: Expr; rangeMs?: number; range: Span})
  | (Span & {kind: 'subquery'; expr: Expr; rangeMs?: number; range: Span})
  | (Span & {kind: 'call'; name: string; args: Expr[]; nameSpan: Span})
  | (Span & {kind: 'agg'; op: string; by?: string[]; without?: string[]; args: Expr[]; opSpan: Span})
  | (Span & {kind: 'binary'; op: string; opSpan: Span; left: Expr; right: Expr; bool: boolean; on?: string[]; ignoring?: string[]; group?: 'left' | 'right'})
  | (Span & {kind: 'number'; value: number})
  | (Span & {kind: 'string'; value: string})
  | (Span & {kind: 'unary'; op: string; expr: Expr})
  | (Span & {kind: 'wrap'; expr: Expr}) // parentheses, offset, @

const isExprNode = (n: SyntaxNode): boolean => n.name !== 'LineComment' && !n.type.isError
const kids = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = []
  for (let c = n.firstChild; c; c = c.nextSibling) if (isExprNode(c)) out.push(c)
  return out
}
const kid = (n: SyntaxNode, name: string): SyntaxNode | undefined => {
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === name) return c
  return undefined
}

const EXPRS = new Set(['AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr', 'AnchoredExpr', 'SmoothedExpr', 'ParenExpr', 'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector', 'StepInvariantExpr'])

function durationMs(text: string): number | undefined {
  try {
    return parseDuration(text)
  } catch {
    return undefined
  }
}

function str(src: string, n: SyntaxNode): string {
  return unquotePromString(src.slice(n.from, n.to)).value
}

function labels(src: string, n: SyntaxNode | undefined): string[] {
  if (!n) return []
  return kids(n).map((c) => (c.name === 'StringLiteral' || c.name === 'QuotedLabelName' ? str(src, c.firstChild ?? c) : src.slice(c.from, c.to)))
}

function matcher(src: string, m: SyntaxNode): Matcher | undefined {
  if (m.name === 'QuotedLabelName') {
    const s = m.firstChild ?? m
    return {from: m.from, to: m.to, name: '__name__', op: '=', value: str(src, s), valueSpan: {from: s.from, to: s.to}}
  }
  const parts = kids(m)
  const nameNode = parts[0]
  const opNode = kid(m, 'MatchOp')
  const valueNode = parts.filter((c) => c.name === 'StringLiteral').at(-1)
  if (!nameNode || !opNode || !valueNode || valueNode === nameNode) return undefined
  const name = m.name === 'QuotedLabelMatcher' ? str(src, nameNode.firstChild ?? nameNode) : src.slice(nameNode.from, nameNode.to)
  const op = src.slice(opNode.from, opNode.to) as Matcher['op']
  return {from: m.from, to: m.to, name, op, value: str(src, valueNode), valueSpan: {from: valueNode.from, to: valueNode.to}}
}

function build(src: string, n: SyntaxNode): Expr | undefined {
  const span = {from: n.from, to: n.to}
  const sub = (): Expr | undefined => {
    for (let c = n.firstChild; c; c = c.nextSibling) if (EXPRS.has(c.name)) return build(src, c)
    return undefined
  }
  switch (n.name) {
    case 'VectorSelector': {
      const ident = kid(n, 'Identifier')
      const ms: Matcher[] = []
      const list = kid(n, 'LabelMatchers')
      for (const c of list ? kids(list) : []) {
        const m = matcher(src, c)
        if (m) ms.push(m)
      }
      const named = ms.find((m) => m.name === '__name__' && m.op === '=')
      return {...span, kind: 'selector', name: ident ? src.slice(ident.from, ident.to) : (named?.value ?? ''), matchers: ms}
    }
    case 'MatrixSelector':
    case 'SubqueryExpr': {
      const inner = sub()
      const dur = kids(n).find((c) => c.name === 'DurationExpr')
      if (!inner || !dur) return undefined
      const range = {from: dur.from, to: dur.to}
      return {...span, kind: n.name === 'MatrixSelector' ? 'matrix' : 'subquery', expr: inner, rangeMs: durationMs(src.slice(dur.from, dur.to)), range}
    }
    case 'FunctionCall': {
      const id = kid(n, 'FunctionIdentifier')
      const body = kid(n, 'FunctionCallBody')
      const args = (body ? kids(body).filter((c) => EXPRS.has(c.name)) : []).map((c) => build(src, c))
      if (!id || args.some((a) => !a)) return undefined
      return {...span, kind: 'call', name: src.slice(id.from, id.to), args: args as Expr[], nameSpan: {from: id.from, to: id.to}}
    }
    case 'AggregateExpr': {
      const op = kid(n, 'AggregateOp')
      const mod = kid(n, 'AggregateModifier')
      const body = kid(n, 'FunctionCallBody')
      const args = (body ? kids(body).filter((c) => EXPRS.has(c.name)) : []).map((c) => build(src, c))
      if (!op || args.some((a) => !a)) return undefined
      const agg: Expr = {...span, kind: 'agg', op: src.slice(op.from, op.to).toLowerCase(), args: args as Expr[], opSpan: {from: op.from, to: op.to}}
      if (mod && kid(mod, 'By')) agg.by = labels(src, kid(mod, 'GroupingLabels'))
      if (mod && kid(mod, 'Without')) agg.without = labels(src, kid(mod, 'GroupingLabels'))
      return agg
    }
    case 'BinaryExpr': {
      const parts = kids(n)
      const sides = parts.filter((c) => EXPRS.has(c.name))
      const opNode = parts[1]
      if (sides.length !== 2 || !opNode) return undefined
      const left = build(src, sides[0]!)
      const right = build(src, sides[1]!)
      if (!left || !right) return undefined
      const bin: Expr = {...span, kind: 'binary', op: src.slice(opNode.from, opNode.to).toLowerCase(), opSpan: {from: opNode.from, to: opNode.to}, left, right, bool: !!kid(n, 'BoolModifier')}
      const clause = kid(n, 'MatchingModifierClause')
      if (clause) {
        if (kid(clause, 'On')) bin.on = labels(src, kid(clause, 'GroupingLabels'))
        if (kid(clause, 'Ignoring')) bin.ignoring = labels(src, kid(clause, 'GroupingLabels'))
        if (kid(clause, 'GroupLeft')) bin.group = 'left'
        if (kid(clause, 'GroupRight')) bin.group = 'right'
      }
      return bin
    }
    case 'NumberDurationLiteral': {
      const t = src.slice(n.from, n.to)
      const v = /^[-+]?(0x[0-9a-f]+|[0-9._e+-]+|inf|nan)$/i.test(t) ? Number(t.replace(/_/g, '').replace(/^([-+]?)inf$/i, '$1Infinity')) : NaN
      const value = Number.isNaN(v) && !/nan/i.test(t) ? (durationMs(t) ?? NaN) / 1000 : v
      return {...span, kind: 'number', value}
    }
    case 'StringLiteral':
      return {...span, kind: 'string', value: str(src, n)}
    case 'UnaryExpr': {
      const op = kid(n, 'UnaryOp')
      const inner = sub()
      return inner ? {...span, kind: 'unary', op: op ? src.slice(op.from, op.to) : '+', expr: inner} : undefined
    }
    case 'ParenExpr':
    case 'OffsetExpr':
    case 'StepInvariantExpr':
    case 'AnchoredExpr':
    case 'SmoothedExpr': {
      const inner = sub()
      return inner ? {...span, kind: 'wrap', expr: inner} : undefined
    }
    default:
      return undefined
  }
}

const TREES = new WeakMap<CheckCache, Map<string, Expr | null>>()

/** The tree of a valid expression (undefined when it does not parse cleanly); memoized per lint run. */
export function promqlTree(cache: CheckCache, expr: string): Expr | undefined {
  let known = TREES.get(cache)
  if (!known) TREES.set(cache, (known = new Map()))
  if (known.has(expr)) return known.get(expr) ?? undefined
  let tree: Expr | undefined
  try {
    const top = parsePromQL(expr).topNode
    const root = kids(top).find((c) => EXPRS.has(c.name))
    tree = root ? build(expr, root) : undefined
  } catch {
    tree = undefined
  }
  known.set(expr, tree ?? null)
  return tree
}

/** Every node, parents first. */
export function* walk(e: Expr): Generator<Expr> {
  yield e
  for (const c of childrenOf(e)) yield* walk(c)
}

function childrenOf(e: Expr): Expr[] {
  switch (e.kind) {
    case 'matrix':
    case 'subquery':
    case 'unary':
    case 'wrap':
      return [e.expr]
    case 'call':
    case 'agg':
      return e.args
    case 'binary':
      return [e.left, e.right]
    default:
      return []
  }
}

/** Through parentheses, offset and @. */
export function unwrap(e: Expr): Expr {
  return e.kind === 'wrap' ? unwrap(e.expr) : e
}
