// Shared walk for the alerting-rule semantic checks: every alert whose expression is valid PromQL.
import type {Tree} from '@lezer/common'
import type {CheckContext} from '../check.js'
import {cachedPromQL, type CheckCache} from '../engines.js'
import {parsePromQL} from '../../promql/syntax/check.js'
import type {GroupNode, RuleNode} from '../rule-file.js'

interface AlertAt {
  group: GroupNode
  rule: RuleNode
  validExpr: boolean // parses and type-checks, so the tree can be trusted
}

export function alertRules(ctx: CheckContext): AlertAt[] {
  const out: AlertAt[] = []
  for (const group of ctx.file.groups)
    for (const rule of group.rules) {
      if (rule.alertText === '' || rule.recordText !== '') continue
      const validExpr = rule.exprText !== '' && !cachedPromQL(ctx.cache, rule.exprText, ctx.version).some((i) => i.severity === 'error')
      out.push({group, rule, validExpr})
    }
  return out
}

// Parsed expressions, shared by the semantic checks for one lint run.
const TREES = new WeakMap<CheckCache, Map<string, Tree>>()

export function cachedTree(cache: CheckCache, expr: string): Tree {
  let trees = TREES.get(cache)
  if (!trees) TREES.set(cache, (trees = new Map()))
  let tree = trees.get(expr)
  if (!tree) trees.set(expr, (tree = parsePromQL(expr)))
  return tree
}
