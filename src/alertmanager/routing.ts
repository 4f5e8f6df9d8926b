// The routing tree as Alertmanager builds it (dispatch.NewRoute) and label sets → receivers (Route.Match),
// plus the inhibition question (would an alert with these labels mute this one?).
import {UsageError} from '../errors.js'
import {compileMatchers, parseMatcher, toApiMatcher, type ApiMatcher, type Matcher, type MatcherMode} from '../model/matchers.js'
import type {AlertmanagerConfig, RouteConfig} from './config/model.js'
import {append} from '../append.js'

export interface RouteNode {
  /** Child indexes from the root: [] is the root, [1, 0] the first child of the root's second child. */
  path: number[]
  matchers: Matcher[]
  continue: boolean
  receiver: string
  groupBy: string[] // sorted
  groupByAll: boolean
  groupWait: number // ms, inherited values filled in
  groupInterval: number
  repeatInterval: number
  muteTimeIntervals: string[]
  activeTimeIntervals: string[]
  routes: RouteNode[]
  line: number
  column: number
}

interface RouteMatch {
  receiver: string
  path: number[]
  route: RouteNode
}

const DEFAULTS = {groupWait: 30_000, groupInterval: 300_000, repeatInterval: 14_400_000}

function build(cr: RouteConfig, parent: RouteNode | undefined, path: number[]): RouteNode {
  let groupBy = parent?.groupBy ?? []
  let groupByAll = parent?.groupByAll ?? false
  if (cr.groupBy !== undefined) {
    groupBy = [...new Set(cr.groupBy)].sort()
    groupByAll = false
  } else if (cr.groupByAll) {
    groupByAll = true
  }
  return {
    path,
    matchers: cr.matchers,
    continue: cr.continue,
    receiver: cr.receiver ?? parent?.receiver ?? '',
    groupBy,
    groupByAll,
    groupWait: cr.groupWait ?? parent?.groupWait ?? DEFAULTS.groupWait,
    groupInterval: cr.groupInterval ?? parent?.groupInterval ?? DEFAULTS.groupInterval,
    repeatInterval: cr.repeatInterval ?? parent?.repeatInterval ?? DEFAULTS.repeatInterval,
    muteTimeIntervals: cr.muteTimeIntervals,
    activeTimeIntervals: cr.activeTimeIntervals,
    routes: [],
    line: cr.line,
    column: cr.column,
  }
}

/** The routing tree with inherited options resolved; throws if the config has no route. */
export function buildRouteTree(config: AlertmanagerConfig): RouteNode {
  if (!config.route) throw new Error('the config has no route')
  const root = build(config.route, undefined, [])
  // Without recursion: nesting depth follows the input
  const stack: [RouteConfig, RouteNode][] = [[config.route, root]]
  while (stack.length > 0) {
    const [cr, node] = stack.pop()!
    cr.routes.forEach((c, i) => {
      const child = build(c, node, [...node.path, i])
      node.routes.push(child)
      stack.push([c, child])
    })
  }
  return root
}

/** Receivers for a label set, in the order amtool prints them (depth first, stop at a match without continue). */
export function matchRoutes(tree: RouteNode, labels: Record<string, string>): RouteMatch[] {
  const cache = new Map<RouteNode, (l: Record<string, string>) => boolean>()
  const matches = (r: RouteNode): boolean => {
    let test = cache.get(r)
    if (!test) cache.set(r, (test = compileMatchers(r.matchers)))
    return test(labels)
  }
  // Depth first without recursion: a frame per route on the way down, its matches collected on the way up.
  interface Frame {route: RouteNode; next: number; found: RouteNode[]}
  if (!matches(tree)) return []
  const stack: Frame[] = [{route: tree, next: 0, found: []}]
  let result: RouteNode[] = []
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    const child = top.route.routes[top.next]
    if (child) {
      top.next++
      if (matches(child)) stack.push({route: child, next: 0, found: []})
      continue
    }
    stack.pop()
    const own = top.found.length > 0 ? top.found : [top.route]
    const parent = stack[stack.length - 1]
    if (!parent) {
      result = own
      break
    }
    append(parent.found, own)
    if (!top.route.continue) parent.next = parent.route.routes.length // a match without continue stops the siblings
  }
  return result.map((route) => ({receiver: route.receiver, path: route.path, route}))
}

/** The route at a path ([] is the root); undefined if the path leads nowhere. */
export function routeAt(tree: RouteNode, path: readonly number[]): RouteNode | undefined {
  let node: RouteNode | undefined = tree
  for (const i of path) node = node?.routes[i]
  return node
}

interface InhibitionResult {
  inhibited: boolean
  /** Indexes (0-based) of the inhibit_rules that apply. */
  rules: number[]
}

/**
 * Would an active alert with `source` labels inhibit an alert with `target` labels?
 * As Alertmanager: target matchers match the target, source matchers match the source, the `equal`
 * labels are equal (missing counts as ""), and when the target also matches the source side, a source
 * that also matches the target side does not count (inhibit.go hasEqual, excludeTwoSidedMatch).
 */
export function inhibition(config: AlertmanagerConfig, source: Record<string, string>, target: Record<string, string>): InhibitionResult {
  const rules: number[] = []
  config.inhibitRules.forEach((rule, i) => {
    if (!compileMatchers(rule.targetMatchers)(target)) return
    if (!compileMatchers(rule.sourceMatchers)(source)) return
    if (!rule.equal.every((l) => (source[l] ?? '') === (target[l] ?? ''))) return
    if (compileMatchers(rule.sourceMatchers)(target) && compileMatchers(rule.targetMatchers)(source)) return
    rules.push(i)
  })
  return {inhibited: rules.length > 0, rules}
}

export function inhibits(config: AlertmanagerConfig, source: Record<string, string>, target: Record<string, string>): boolean {
  return inhibition(config, source, target).inhibited
}

/** `routes test` arguments: each one label as name=value (amtool's rule: any other operator is an error). */
export function parseLabelArgs(args: readonly string[], opts: {mode?: MatcherMode} = {}): {labels: Record<string, string>; warnings: string[]} {
  const labels: Record<string, string> = {}
  const warnings: string[] = []
  for (const arg of args) {
    const {matcher, warnings: w} = parseMatcher(arg, {mode: opts.mode ?? 'fallback'})
    if (matcher.type !== '=') {
      throw new UsageError(`labels must be specified as key=value pairs, got ${JSON.stringify(arg)}`, {hint: 'write a label as name=value, e.g. severity=critical'})
    }
    labels[matcher.name] = matcher.value
    append(warnings, w)
  }
  return {labels, warnings}
}

export interface RouteTestResult {
  labels: Record<string, string>
  /** Receivers in amtool's order (what `amtool config routes test` prints, comma-joined). */
  receivers: string[]
  /** path: 1-based child indexes from the root (as every index spock prints); matchers: the API's shape. */
  routes: {receiver: string; path: number[]; matchers: ApiMatcher[]; line: number; column: number}[]
}

/** What `routes test` reports for one label set (the JSON shape: receivers plus matched route paths). */
export function testRoutes(tree: RouteNode, labels: Record<string, string>): RouteTestResult {
  const matches = matchRoutes(tree, labels)
  return {
    labels,
    receivers: matches.map((m) => m.receiver),
    routes: matches.map((m) => ({receiver: m.receiver, path: m.path.map((i) => i + 1), matchers: m.route.matchers.map(toApiMatcher), line: m.route.line, column: m.route.column})),
  }
}

/** amtool's --verify.receivers: the comma-joined receivers must equal the expected list exactly. */
export function receiversMatch(actual: readonly string[], expected: string): boolean {
  return actual.join(',') === expected
}
