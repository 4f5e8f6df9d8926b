// Routing with labels whose value is not known yet (set by a template, or carried by the query's series):
// every receiver an alert could reach, and the inhibit rules that could mute it. A matcher on an unknown
// label may or may not match; known and absent labels are judged as Alertmanager judges them.
import {compileMatcher, type Matcher} from '../model/matchers.js'
import type {AlertmanagerConfig} from './config/model.js'
import type {RouteNode} from './routing.js'

/** A label's value for routing: a string, or UNKNOWN (present or not, any value). Absent labels are left out. */
export const UNKNOWN = Symbol('unknown value')
export type MaybeLabels = Record<string, string | typeof UNKNOWN>

type Verdict = 'yes' | 'no' | 'maybe'

export function judgeMatchers(ms: readonly Matcher[], labels: MaybeLabels): Verdict {
  let verdict: Verdict = 'yes'
  for (const m of ms) {
    const v = Object.hasOwn(labels, m.name) ? labels[m.name]! : ''
    if (v === UNKNOWN) verdict = 'maybe'
    else if (!compileMatcher(m)(v)) return 'no'
  }
  return verdict
}

/**
 * The routes an alert could end at (what Alertmanager would match for some values of the unknown labels).
 * A sibling that surely matches, without continue, stops the later ones; one that only may match does not,
 * and a route's own receiver stays possible unless one of its children surely matches.
 */
export function possibleRoutes(tree: RouteNode, labels: MaybeLabels): RouteNode[] {
  if (judgeMatchers(tree.matchers, labels) === 'no') return []
  const out: RouteNode[] = []
  // Depth first without recursion: (route, whether a child surely matched) frames.
  interface Frame {route: RouteNode; next: number; sure: boolean}
  const stack: Frame[] = [{route: tree, next: 0, sure: false}]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    const child = top.route.routes[top.next++]
    if (child) {
      const v = judgeMatchers(child.matchers, labels)
      if (v === 'no') continue
      if (v === 'yes') {
        top.sure = true
        if (!child.continue) top.next = top.route.routes.length
      }
      stack.push({route: child, next: 0, sure: false})
      continue
    }
    stack.pop()
    if (!top.sure) out.push(top.route)
  }
  return out
}

interface PossibleInhibition {
  index: number // 0-based in inhibit_rules
  line: number
  sure: boolean // the target matchers surely match (still only when a source alert fires)
  source: Matcher[]
}

/** The inhibit rules whose target side matches (or may match) the alert: a firing source alert would mute it. */
export function possibleInhibitions(config: AlertmanagerConfig, labels: MaybeLabels): PossibleInhibition[] {
  const out: PossibleInhibition[] = []
  config.inhibitRules.forEach((rule, index) => {
    const v = judgeMatchers(rule.targetMatchers, labels)
    if (v !== 'no') out.push({index, line: rule.line, sure: v === 'yes', source: rule.sourceMatchers})
  })
  return out
}
