// Shared driver of the semantic PromQL checks: each finds spans in a valid expression's tree;
// this maps them to line:column inside the YAML scalar and makes the problems.
import type {Check, CheckContext} from '../check.js'
import {cachedPromQL} from '../engines.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem, Severity} from '../../findings/problem.js'
import {findCheck} from '../../findings/registry.js'
import {ruleName, type RuleNode} from '../rule-file.js'
import {positionInScalar} from '../../yaml/scalar-position.js'
import {promqlTree, type Expr, type Span} from './promql-ast.js'
import type {LiveData} from '../live.js'

export interface Finding {
  at: Span
  message: string
  hint: string
}

interface FindContext {
  rule: RuleNode
  scrapeIntervalMs: number
  live?: LiveData // --prometheus-url: what the server knows
}

const DEFAULT_SCRAPE_INTERVAL_MS = 60_000

export type Finder = (tree: Expr, ctx: FindContext) => Finding[]

/** A rule check from a registry id and a finder. */
export function semanticCheck(id: string, find: Finder): Check {
  const info = findCheck(id)
  if (!info) throw new Error(`${id} is not in the check registry`)
  const severity: Severity = info.severity
  return {
    id,
    run(ctx: CheckContext): Problem[] {
      const out: Problem[] = []
      for (const g of ctx.file.groups) {
        for (const r of g.rules) {
          if (r.exprText === '' || !r.expr) continue
          if (cachedPromQL(ctx.cache, r.exprText, ctx.version).length > 0) continue // promql/syntax speaks
          const tree = promqlTree(ctx.cache, r.exprText)
          if (!tree) continue
          const fctx: FindContext = {rule: r, scrapeIntervalMs: ctx.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS, live: ctx.live}
          for (const f of find(tree, fctx)) {
            const at = positionInScalar(ctx.source, r.expr, f.at.from)
            const end = positionInScalar(ctx.source, r.expr, f.at.to)
            out.push(problemAt(ctx.path, at, id, severity, f.message, {group: g.name, rule: ruleName(r), endLine: end.line, endColumn: end.column, hint: f.hint}))
          }
        }
      }
      return out
    },
  }
}
