import type {RouteCaseResult, RouteCasesReport} from '../../alertmanager/route-cases.js'
import type {RouteCheckResult} from '../../alertmanager/route-test.js'
import {renderMatchingTree, renderRouteTree, type RouteDetails} from '../route-view.js'
import type {RouteNode} from '../../alertmanager/routing.js'
import type {View} from '../render.js'
import {toApiMatcher, type ApiMatcher} from '../../model/matchers.js'
import type {RouteTimeState} from '../../alertmanager/time-intervals-eval.js'

/** With --at: each route's state at that instant. */
type TimeStates = ReadonlyMap<RouteNode, RouteTimeState>

/** A route in JSON: 1-based path, the API's matchers, durations in seconds (as every spock JSON). */
export interface RouteJson extends Omit<RouteNode, 'path' | 'matchers' | 'routes'>, Partial<RouteTimeState> {
  path: number[]
  matchers: ApiMatcher[]
  routes: RouteJson[]
}

function routeJson(root: RouteNode, times?: TimeStates): RouteJson {
  const one = (node: RouteNode): RouteJson => ({
    ...node,
    path: node.path.map((i) => i + 1),
    matchers: node.matchers.map(toApiMatcher),
    groupWait: node.groupWait / 1000,
    groupInterval: node.groupInterval / 1000,
    repeatInterval: node.repeatInterval / 1000,
    ...times?.get(node),
    routes: [],
  })
  // Without recursion: routes nest thousands deep
  const top = one(root)
  const stack: [RouteNode, RouteJson][] = [[root, top]]
  while (stack.length > 0) {
    const [node, json] = stack.pop()!
    for (const child of node.routes) {
      const c = one(child)
      json.routes.push(c)
      stack.push([child, c])
    }
  }
  return top
}

/** Why a route is muted, in words; undefined when it is not. */
function mutedText(t: RouteTimeState | undefined): string | undefined {
  if (!t?.muted) return undefined
  if (t.mutedBy.length > 0) return `muted by mute_time_intervals ${t.mutedBy.join(', ')}`
  return `muted: outside active_time_intervals ${t.outsideActiveIntervals.join(', ')}`
}

/** A muted route's mark in the `routes show --at` tree. */
function treeNote(t: RouteTimeState | undefined): string {
  if (!t?.muted) return ''
  return t.mutedBy.length > 0 ? `  MUTED (mute_time_intervals: ${t.mutedBy.join(',')})` : `  MUTED (outside active_time_intervals: ${t.outsideActiveIntervals.join(',')})`
}

/** `routes show`: the tree as text; json and yaml give the tree. With --at, muted routes are marked. */
export function routeTreeView(details?: RouteDetails, at?: {at: string; states: TimeStates}): View<RouteNode, unknown, RouteJson> {
  return {
    text: (tree) => {
      const body = renderRouteTree(tree, {details, note: at ? (r) => treeNote(at.states.get(r)) : undefined})
      if (!at) return body
      const muted = [...at.states.values()].filter((s) => s.muted).length
      return `${body}
at ${at.at}: ${muted === 0 ? 'no route is muted' : `${muted} of ${at.states.size} routes muted`}`
    },
    data: (tree) => routeJson(tree, at?.states),
  }
}

/** `routes test`: receivers as amtool prints them, after the matching part of the tree with --tree. */
export function routeTestView(tree?: {root: RouteNode; labels: Record<string, string>}): View<RouteCheckResult> {
  return {text: (r) => (tree ? `${renderMatchingTree(tree.root, tree.labels)}\n` : '') + routeTestText(r)}
}

/** amtool prints the receivers comma-joined; spock adds the inhibition answer and, with --at, the time intervals. */
function routeTestText(r: RouteCheckResult): string {
  const lines = [r.receivers.join(',')]
  if (r.inhibited !== undefined) {
    lines.push(r.inhibited ? `inhibited: yes, by inhibit rule ${r.inhibitRules!.join(', ')} (counting from 1)` : 'inhibited: no')
  }
  if (r.at !== undefined) {
    lines.push(`at ${r.at}:`)
    for (const route of r.routes) {
      const where = route.path.length === 0 ? 'root route' : `route ${route.path.join('.')}`
      lines.push(`  ${route.receiver} (${where}): ${mutedText(route as RouteTimeState) ?? 'not muted'}`)
    }
    if (r.allMuted) lines.push('muted: nothing would be sent')
  }
  return lines.join('\n')
}

/** A case with `at`: which receivers are muted then. */
const mutedNote = (muted: readonly string[] | undefined) => (muted === undefined ? '' : ` (muted: ${muted.length > 0 ? muted.join(',') : 'none'})`)

export const routeCasesView: View<RouteCasesReport, RouteCaseResult> = {
  rows: (r) => r.results,
  columns: [
    {header: 'RESULT', value: (c) => (c.pass ? 'ok' : 'FAIL')},
    {header: 'CASE', value: (c) => c.case.name},
    {
      header: 'EXPECTED',
      value: (c) =>
        c.case.receivers.join(',') + (c.case.inhibitedBy ? (c.case.inhibited === false ? ' (not inhibited)' : ' (inhibited)') : '') + mutedNote(c.case.muted),
    },
    {header: 'GOT', value: (c) => c.receivers.join(',') + (c.inhibited === undefined ? '' : c.inhibited ? ' (inhibited)' : ' (not inhibited)') + mutedNote(c.muted)},
  ],
  empty: 'No cases in the file.',
  footer: (r) => {
    const failed = r.results.filter((c) => !c.pass).length
    return failed === 0 ? `All ${r.results.length} cases pass.` : `${failed} of ${r.results.length} cases fail.`
  },
}
