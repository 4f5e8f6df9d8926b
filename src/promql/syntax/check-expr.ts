// Type and structure checks on a lezer PromQL tree, after Prometheus' parser.checkAST.
// Learned from codemirror-promql's Parser (Apache-2.0) and promql/parser/parse.go, rewritten
// to work on a bare lezer Tree plus source text (no EditorState).
import type {SyntaxNode} from '@lezer/common'
import {type CheckContext, child, children, exprChildren, first, last, next, only3, report, reportType, text} from './context.js'
import {type ValueType, documentedType, getAggregator, getFunction} from './functions.js'
import {isDurationLiteral} from './modifiers.js'
import {type Operand, POSTFIX, applyPostfix} from './postfix.js'
import {checkVectorSelector, groupingLabels} from './selector.js'

/** Checks `node` with `post` (pending postfix modifiers, innermost first) applied to it. */
export function checkExpr(ctx: CheckContext, node: SyntaxNode | null, post: SyntaxNode[] = []): ValueType {
  if (!node) return 'none'
  if (POSTFIX.has(node.name)) return checkExpr(ctx, first(node), [node, ...post])
  switch (node.name) {
    case 'BinaryExpr':
      return checkBinary(ctx, node, post)
    case 'UnaryExpr': {
      const t = checkExpr(ctx, exprChildren(node)[0] ?? null, post)
      if (t !== 'scalar' && t !== 'vector') {
        reportType(ctx, node, `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(documentedType(t))}`)
      }
      return t
    }
    default: {
      let o: Operand = {type: checkPrimary(ctx, node), shape: node.name === 'VectorSelector' ? 'vector' : 'other', offset: false, at: false, from: node.from}
      for (const p of post) o = applyPostfix(ctx, p, o)
      return o.type
    }
  }
}

function checkPrimary(ctx: CheckContext, node: SyntaxNode): ValueType {
  switch (node.name) {
    case 'AggregateExpr':
      return checkAggregate(ctx, node)
    case 'FunctionCall':
      return checkCall(ctx, node)
    case 'ParenExpr':
      return checkExpr(ctx, exprChildren(node)[0] ?? null)
    case 'NumberDurationLiteral': {
      const s = text(ctx, node).replace(/^[+-]\s*/, '')
      if (ctx.version === '2.42' && isDurationLiteral(s)) report(ctx, node, `unexpected duration ${JSON.stringify(s)}`)
      return 'scalar'
    }
    case 'StringLiteral':
      return 'string'
    case 'VectorSelector':
      checkVectorSelector(ctx, node)
      return 'vector'
    default:
      return 'none'
  }
}

function expectType(ctx: CheckContext, node: SyntaxNode, want: ValueType, where: string): void {
  const t = checkExpr(ctx, node)
  if (t !== want) reportType(ctx, node, `expected type ${documentedType(want)} in ${where}, got ${documentedType(t)}`)
}

function checkAggregate(ctx: CheckContext, node: SyntaxNode): ValueType {
  const opNode = first(node)
  const op = opNode ? text(ctx, opNode).toLowerCase() : ''
  const params = exprChildren(child(node, 'FunctionCallBody'))
  groupingLabels(ctx, child(child(node, 'AggregateModifier'), 'GroupingLabels'))
  const param = getAggregator(op, ctx.version)
  if (param === undefined) {
    report(ctx, opNode ?? node, `unknown function with name ${JSON.stringify(op)}`)
    params.forEach((p) => checkExpr(ctx, p))
    return 'vector'
  }
  const want = param === null ? 1 : 2
  if (params.length !== want) {
    report(ctx, node, `wrong number of arguments for aggregate expression provided, expected ${want}, got ${params.length}`)
    params.forEach((p) => checkExpr(ctx, p))
    return 'vector'
  }
  expectType(ctx, params[want - 1] as SyntaxNode, 'vector', 'aggregation expression')
  if (param !== null) expectType(ctx, params[0] as SyntaxNode, param, 'aggregation parameter')
  return 'vector'
}

const COMPARISON = new Set(['==', '!=', '<=', '<', '>=', '>'])
const SET_OPS = new Set(['and', 'or', 'unless'])

function checkBinary(ctx: CheckContext, node: SyntaxNode, post: SyntaxNode[]): ValueType {
  const lhs = first(node)
  const rhs = last(node)
  if (!lhs || !rhs || lhs === rhs) return 'none'
  const opNode = next(lhs)
  const op = opNode ? text(ctx, opNode).toLowerCase() : ''
  const lt = checkExpr(ctx, lhs)
  const rt = checkExpr(ctx, rhs, post)
  const opRange = {from: opNode?.from ?? node.from, to: opNode?.to ?? node.to}
  if (op === '</' || op === '>/') only3(ctx, opRange, `operator "${op}"`)
  const fill = child(node, 'FillModifier')
  if (fill) only3(ctx, fill, 'fill modifier')

  const bool = child(node, 'BoolModifier') !== null
  const clause = child(node, 'MatchingModifierClause')
  const on = Boolean(child(clause, 'On'))
  const grouping = children(clause, 'GroupingLabels')
  const matching = groupingLabels(ctx, grouping[0] ?? null)
  const include = groupingLabels(ctx, grouping[1] ?? null)
  let card = 'one-to-one'
  if (child(clause, 'GroupLeft')) card = 'many-to-one'
  if (child(clause, 'GroupRight')) card = 'one-to-many'
  const isSet = SET_OPS.has(op)
  if (isSet && card === 'one-to-one') card = 'many-to-many'

  if (bool && !COMPARISON.has(op)) reportType(ctx, opRange, 'bool modifier can only be used on comparison operators')
  if (COMPARISON.has(op) && !bool && lt === 'scalar' && rt === 'scalar') {
    reportType(ctx, opRange, 'comparisons between scalars must use BOOL modifier')
  }
  if (on) {
    for (const l of matching.filter((l) => include.includes(l))) {
      reportType(ctx, opRange, `label ${JSON.stringify(l)} must not occur in ON and GROUP clause at once`)
    }
  }
  if (lt !== 'scalar' && lt !== 'vector') reportType(ctx, lhs, 'binary expression must contain only scalar and instant vector types')
  if (rt !== 'scalar' && rt !== 'vector') reportType(ctx, rhs, 'binary expression must contain only scalar and instant vector types')
  if (lt !== 'vector' || rt !== 'vector') {
    if (matching.length > 0) reportType(ctx, node, 'vector matching only allowed between instant vectors')
  } else if (isSet && card !== 'many-to-many') {
    reportType(ctx, node, `no grouping allowed for ${JSON.stringify(op)} operation`)
  }
  if ((lt === 'scalar' || rt === 'scalar') && isSet) {
    reportType(ctx, node, `set operator ${JSON.stringify(op)} not allowed in binary scalar expression`)
  }
  return lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector'
}

function checkCall(ctx: CheckContext, node: SyntaxNode): ValueType {
  const id = first(node)
  const name = id ? text(ctx, id) : ''
  const args = exprChildren(child(node, 'FunctionCallBody'))
  const fn = getFunction(name, ctx.version)
  if (!fn) {
    report(ctx, id ?? node, `unknown function with name ${JSON.stringify(name)}`)
    args.forEach((a) => checkExpr(ctx, a))
    return 'vector'
  }
  const nargs = fn.argTypes.length
  const q = JSON.stringify(fn.name)
  if (fn.variadic === 0) {
    if (nargs !== args.length) reportType(ctx, node, `expected ${nargs} argument(s) in call to ${q}, got ${args.length}`)
  } else if (nargs - 1 > args.length) {
    reportType(ctx, node, `expected at least ${nargs - 1} argument(s) in call to ${q}, got ${args.length}`)
  } else if (fn.variadic > 0 && nargs - 1 + fn.variadic < args.length) {
    reportType(ctx, node, `expected at most ${nargs - 1 + fn.variadic} argument(s) in call to ${q}, got ${args.length}`)
  }
  args.forEach((arg, i) => {
    if (i >= nargs && fn.variadic === 0) {
      checkExpr(ctx, arg)
      return
    }
    const want = fn.argTypes[Math.min(i, nargs - 1)]
    if (want) expectType(ctx, arg, want, `call to function ${q}`)
    else checkExpr(ctx, arg)
  })
  return fn.returnType
}
