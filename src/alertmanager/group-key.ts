// Alertmanager's aggregation group of an alert on a route: its group labels and its group key
// (Route.Key() + ":" + the group labels), as the webhook payload's groupKey carries it.
import {formatMatchers} from '../model/matchers.js'
import type {RouteNode} from './routing.js'

/** Labels of one alert that a route groups by ('...' groups by all of them). */
export function groupLabels(route: RouteNode, labels: Record<string, string>): Record<string, string> {
  if (route.groupByAll) return {...labels}
  const out: Record<string, string> = {}
  for (const name of route.groupBy) if (labels[name] !== undefined && labels[name] !== '') out[name] = labels[name]
  return out
}

/** Route.Key(): the matchers of every route from the root down, joined by '/'. */
export function routeKey(tree: RouteNode, path: readonly number[]): string {
  const parts = [formatMatchers(tree.matchers)]
  let node = tree
  for (const i of path) {
    node = node.routes[i]!
    parts.push(formatMatchers(node.matchers))
  }
  return parts.join('/')
}

/** model.LabelSet.String(): sorted, `name="value"` joined by ", ". */
export function labelSetString(labels: Record<string, string>): string {
  const names = Object.keys(labels).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  return `{${names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(', ')}}`
}
