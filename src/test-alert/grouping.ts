// Which aggregation group the test alert joins on each route it matches, and when Alertmanager flushes it:
// group_wait after a new group is made, up to group_interval for a group that already exists (its timer runs).
// Pure: the route tree and the groups a peer lists in, a delivery forecast out.
import {formatDuration} from '../model/duration.js'
import {groupLabels, labelSetString, routeKey} from '../alertmanager/group-key.js'
import {matchRoutes, type RouteNode} from '../alertmanager/routing.js'

export interface GroupForecast {
  receiver: string
  /** The route's indexes from the root, counting from 1 ([2, 1]: the first child of the root's second route). */
  routePath: number[]
  /** Alertmanager's group key, as its webhook payload carries it: {}/{team="db"}:{alertname="X"}. */
  groupKey: string
  groupLabels: Record<string, string>
  /** fresh: a label spock made unique is in group_by; existing: a peer lists the group; unknown: neither. */
  group: 'fresh' | 'existing' | 'unknown'
  /** group_wait and group_interval of the route, in seconds. */
  groupWait: number
  groupInterval: number
  /** The latest the first notification should leave Alertmanager, in seconds from the post. */
  within: number
  /** One line: why delivery takes as long as it does. */
  reason: string
}

/** Does every route this label set matches group by a label whose value is unique to this test? */
export function makesFreshGroups(tree: RouteNode, labels: Record<string, string>, unique: readonly string[]): boolean {
  return matchRoutes(tree, labels).every((m) => m.route.groupByAll || m.route.groupBy.some((n) => unique.includes(n) && labels[n] !== undefined))
}

export interface ListedGroup {
  receiver: string
  labels: Record<string, string>
}

/** The forecast for each route the labels match; `listed` is what /api/v2/alerts/groups shows now. */
export function forecast(tree: RouteNode, labels: Record<string, string>, unique: readonly string[], listed: readonly ListedGroup[]): GroupForecast[] {
  return matchRoutes(tree, labels).map((m) => {
    const r = m.route
    const gl = groupLabels(r, labels)
    const key = `${routeKey(tree, r.path)}:${labelSetString(gl)}`
    const fresh = r.groupByAll || r.groupBy.some((n) => unique.includes(n) && labels[n] !== undefined)
    const existing = !fresh && listed.some((g) => g.receiver === r.receiver && sameLabels(g.labels, gl))
    const wait = formatDuration(r.groupWait)
    const every = formatDuration(r.groupInterval)
    const base = {receiver: r.receiver, routePath: r.path.map((i) => i + 1), groupKey: key, groupLabels: gl, groupWait: r.groupWait / 1000, groupInterval: r.groupInterval / 1000}
    if (fresh) return {...base, group: 'fresh', within: r.groupWait / 1000, reason: `new group ${key}: Alertmanager flushes it after group_wait ${wait}`}
    if (existing) {
      return {...base, group: 'existing', within: r.groupInterval / 1000, reason: `group ${key} already exists and flushes every ${every} (group_interval)`}
    }
    return {
      ...base,
      group: 'unknown',
      within: Math.max(r.groupWait, r.groupInterval) / 1000,
      reason: `group ${key} is not listed, so it flushes after group_wait ${wait}; if Alertmanager still holds it for resolved alerts, up to group_interval ${every}`,
    }
  })
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k])
}
