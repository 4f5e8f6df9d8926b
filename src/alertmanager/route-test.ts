// `routes test` beyond amtool: the expected receivers and the inhibition question on top of testRoutes.
import type {AlertmanagerConfig} from './config/model.js'
import {inhibition, receiversMatch, routeAt, testRoutes, type RouteNode, type RouteTestResult} from './routing.js'
import {activeIntervals, routeTimeState, type EvalOptions, type RouteTimeState} from './time-intervals-eval.js'
import {formatRfc3339} from '../model/time.js'

type MatchedRoute = RouteTestResult['routes'][number] & Partial<RouteTimeState>

export interface RouteCheckResult extends RouteTestResult {
  routes: MatchedRoute[]
  /** With --at: the instant (RFC 3339, UTC) the routes' time intervals were evaluated at. */
  at?: string
  /** With --at: every matched route is muted at that instant, so no notification would be sent. */
  allMuted?: boolean
  expected?: string[]
  matchesExpected?: boolean
  inhibitedBy?: Record<string, string>
  inhibited?: boolean
  inhibitRules?: number[] // 1-based: the first of inhibit_rules is 1
  ok: boolean
}

export function checkRoute(
  config: AlertmanagerConfig,
  tree: RouteNode,
  labels: Record<string, string>,
  opts: {expected?: string[]; inhibitedBy?: Record<string, string>; at?: Date; timeOptions?: EvalOptions} = {},
): RouteCheckResult {
  const result: RouteCheckResult = {...testRoutes(tree, labels), ok: true}
  if (opts.at) {
    const active = activeIntervals(config.timeIntervals, opts.at.getTime(), opts.timeOptions)
    result.routes = result.routes.map((r) => ({...r, ...routeTimeState(routeAt(tree, r.path.map((i) => i - 1))!, active)}))
    result.at = formatRfc3339(opts.at)
    result.allMuted = result.routes.length > 0 && result.routes.every((r) => r.muted)
  }
  if (opts.expected) {
    result.expected = opts.expected
    result.matchesExpected = receiversMatch(result.receivers, opts.expected.join(','))
    result.ok = result.matchesExpected
  }
  if (opts.inhibitedBy) {
    const inh = inhibition(config, opts.inhibitedBy, labels)
    Object.assign(result, {inhibitedBy: opts.inhibitedBy, inhibited: inh.inhibited, inhibitRules: inh.rules.map((i) => i + 1)})
  }
  return result
}
