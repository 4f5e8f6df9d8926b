// Postfix modifiers ([range], [range:step], offset, @, anchored/smoothed).
// lezer-promql lets them bind looser than binary and unary operators (`a + b offset 5m` parses
// as `(a + b) offset 5m`), while Prometheus binds them to the nearest operand. The checker
// therefore carries a chain of pending postfix nodes down to that operand and applies them here.
import type {SyntaxNode} from '@lezer/common'
import {type CheckContext, child, children, last, only3, report, reportType, text} from './context.js'
import type {ValueType} from './functions.js'
import {checkAtValue, checkDurationExpr, checkOffsetDuration} from './modifiers.js'

export const POSTFIX = new Set(['MatrixSelector', 'SubqueryExpr', 'OffsetExpr', 'StepInvariantExpr', 'AnchoredExpr', 'SmoothedExpr'])

export interface Operand {
  type: ValueType
  /** What offset/@ may attach to: a vector selector, a range selector, a subquery, or other. */
  shape: 'vector' | 'range' | 'subquery' | 'other'
  offset: boolean
  at: boolean
  /** `@ <number>` (not start()/end()): Prometheus forbids only this one before a range. */
  atTimestamp?: boolean
  from: number
}

const TARGET_MSG = 'modifier must be preceded by an instant vector selector or range vector selector or a subquery'

/** Applies one postfix node to an operand (Prometheus' grammar actions and checkAST). */
export function applyPostfix(ctx: CheckContext, p: SyntaxNode, o: Operand): Operand {
  const span = {from: o.from, to: p.to}
  switch (p.name) {
    case 'MatrixSelector': {
      const d = child(p, 'DurationExpr')
      const where = {from: (d?.from ?? p.to) - 1, to: p.to}
      if (o.shape === 'vector' && o.offset) report(ctx, where, 'no offset modifiers allowed before range')
      else if (o.shape === 'vector' && o.atTimestamp) report(ctx, where, 'no @ modifiers allowed before range')
      else if (o.shape !== 'vector') report(ctx, where, 'ranges only allowed for vector selectors')
      checkDurationExpr(ctx, d)
      return {type: 'matrix', shape: 'range', offset: false, at: false, from: o.from}
    }
    case 'SubqueryExpr':
      if (o.type !== 'vector') reportType(ctx, span, `subquery is only allowed on instant vector, got ${o.type} instead`)
      for (const d of children(p, 'DurationExpr')) checkDurationExpr(ctx, d)
      return {type: 'matrix', shape: 'subquery', offset: false, at: false, from: o.from}
    case 'OffsetExpr':
      checkOffsetDuration(ctx, child(p, 'OffsetDurationExpr'))
      if (o.shape === 'other') report(ctx, span, `offset ${TARGET_MSG}`)
      else if (o.offset) report(ctx, span, 'offset may not be set multiple times')
      return {...o, offset: true}
    case 'StepInvariantExpr':
      checkAtValue(ctx, p)
      if (o.shape === 'other') report(ctx, span, `@ ${TARGET_MSG}`)
      else if (o.at) report(ctx, span, '@ <timestamp> may not be set multiple times')
      return {...o, at: true, atTimestamp: child(p, 'AtModifierPreprocessors') === null}
    default: {
      const kw = last(p)
      if (kw) only3(ctx, kw, `modifier "${text(ctx, kw)}"`)
      return o
    }
  }
}
