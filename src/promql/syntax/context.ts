// Shared state and small helpers for the PromQL tree checks.
import type {SyntaxNode} from '@lezer/common'
import type {PromVersion} from './functions.js'

export interface PromQLIssue {
  from: number
  to: number
  message: string
  severity: 'error' | 'warning'
  /** What to write instead, when the checker knows it from the context (else callers hint by message). */
  hint?: string
}

export interface CheckContext {
  /** The caller's expression (not the lexer-normalized copy). */
  src: string
  version: PromVersion
  /** Parse-time errors (Prometheus reports these while parsing). */
  issues: PromQLIssue[]
  /** checkAST errors: Prometheus only reports them when parsing found nothing. */
  typeIssues: PromQLIssue[]
  /** Regex verdicts by pattern (RE2 compiles dominate the cost of a check). */
  regexCache: RegexCache
}

/** Pattern → Go error message, or null when valid. Share one across calls to skip recompiling. */
export type RegexCache = Map<string, string | null>

export function text(ctx: CheckContext, node: {from: number; to: number}): string {
  return ctx.src.slice(node.from, node.to)
}

export function report(ctx: CheckContext, node: {from: number; to: number}, message: string, hint?: string): void {
  ctx.issues.push({from: node.from, to: node.to, message, severity: 'error', ...(hint ? {hint} : {})})
}

/** Type errors are only reported when the expression parsed cleanly, as Prometheus does. */
export function reportType(ctx: CheckContext, node: {from: number; to: number}, message: string): void {
  ctx.typeIssues.push({from: node.from, to: node.to, message, severity: 'error'})
}

const EXPR = new Set([
  'AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr', 'AnchoredExpr',
  'SmoothedExpr', 'ParenExpr', 'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector', 'StepInvariantExpr',
])

// Navigation that skips comments (lezer keeps `# …` as LineComment nodes inside the tree).
type MaybeNode = SyntaxNode | null | undefined

const skip = (n: MaybeNode, step: (n: SyntaxNode) => SyntaxNode | null): SyntaxNode | null => {
  let c = n ?? null
  while (c && c.name === 'LineComment') c = step(c)
  return c
}
export const first = (n: MaybeNode): SyntaxNode | null => skip(n?.firstChild, (c) => c.nextSibling)
export const last = (n: MaybeNode): SyntaxNode | null => skip(n?.lastChild, (c) => c.prevSibling)
export const next = (n: MaybeNode): SyntaxNode | null => skip(n?.nextSibling, (c) => c.nextSibling)

// Sibling walks: cheaper than SyntaxNode.getChild, which builds a cursor per call.

/** First direct child named `name`. */
export function child(node: SyntaxNode | null | undefined, name: string): SyntaxNode | null {
  for (let c = node?.firstChild ?? null; c; c = c.nextSibling) if (c.name === name) return c
  return null
}

/** Direct children named `name`. */
export function children(node: SyntaxNode | null | undefined, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = []
  for (let c = node?.firstChild ?? null; c; c = c.nextSibling) if (c.name === name) out.push(c)
  return out
}

/** Direct children that are expressions (lezer's `Expr` group). */
export function exprChildren(node: SyntaxNode | null | undefined): SyntaxNode[] {
  const out: SyntaxNode[] = []
  for (let c = node?.firstChild ?? null; c; c = c.nextSibling) if (EXPR.has(c.name)) out.push(c)
  return out
}

export function only3(ctx: CheckContext, node: {from: number; to: number}, what: string): boolean {
  if (ctx.version === '3') return false
  report(ctx, node, `${what} is not supported by Prometheus 2.42`)
  return true
}
