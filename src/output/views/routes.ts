import type {RouteCaseResult, RouteCasesReport} from '../../alertmanager/route-cases.js'
import type {RouteCheckResult} from '../../alertmanager/route-test.js'
import {renderMatchingTree, renderRouteTree, type RouteDetails} from '../route-view.js'
import type {RouteNode} from '../../alertmanager/routing.js'
import type {View} from '../render.js'
import {toApiMatcher, type ApiMatcher} from '../../model/matchers.js'

/** A route in JSON: 1-based path, the API's matchers, durations in seconds (as every spock JSON). */
export interface RouteJson extends Omit<RouteNode, 'path' | 'matchers' | 'routes'> {
  path: number[]
  matchers: ApiMatcher[]
  routes: RouteJson[]
}

function routeJson(root: RouteNode): RouteJson {
  const one = (node: RouteNode): RouteJson => ({
    ...node,
    path: node.path.map((i) => i + 1),
    matchers: node.matchers.map(toApiMatcher),
    groupWait: node.groupWait / 1000,
    groupInterval: node.groupInterval / 1000,
    repeatInterval: node.repeatInterval / 1000,
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

/** `routes show`: the tree as text; json and yaml give the tree. */
export function routeTreeView(details?: RouteDetails): View<RouteNode, unknown, RouteJson> {
  return {text: (tree) => renderRouteTree(tree, {details}), data: routeJson}
}

/** `routes test`: receivers as amtool prints them, after the matching part of the tree with --tree. */
export function routeTestView(tree?: {root: RouteNode; labels: Record<string, string>}): View<RouteCheckResult> {
  return {text: (r) => (tree ? `${renderMatchingTree(tree.root, tree.labels)}\n` : '') + routeTestText(r)}
}

/** amtool prints the receivers comma-joined; spock adds the inhibition answer when asked. */
function routeTestText(r: RouteCheckResult): string {
  const lines = [r.receivers.join(',')]
  if (r.inhibited !== undefined) {
    lines.push(r.inhibited ? `inhibited: yes, by inhibit rule ${r.inhibitRules!.join(', ')} (counting from 1)` : 'inhibited: no')
  }
  return lines.join('\n')
}

export const routeCasesView: View<RouteCasesReport, RouteCaseResult> = {
  rows: (r) => r.results,
  columns: [
    {header: 'RESULT', value: (c) => (c.pass ? 'ok' : 'FAIL')},
    {header: 'CASE', value: (c) => c.case.name},
    {header: 'EXPECTED', value: (c) => c.case.receivers.join(',') + (c.case.inhibitedBy ? (c.case.inhibited === false ? ' (not inhibited)' : ' (inhibited)') : '')},
    {header: 'GOT', value: (c) => c.receivers.join(',') + (c.inhibited === undefined ? '' : c.inhibited ? ' (inhibited)' : ' (not inhibited)')},
  ],
  empty: 'No cases in the file.',
  footer: (r) => {
    const failed = r.results.filter((c) => !c.pass).length
    return failed === 0 ? `All ${r.results.length} cases pass.` : `${failed} of ${r.results.length} cases fail.`
  },
}
