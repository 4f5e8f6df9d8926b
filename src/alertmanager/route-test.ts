// `routes test` beyond amtool: the expected receivers and the inhibition question on top of testRoutes.
import type {AlertmanagerConfig} from './config/model.js'
import {inhibition, receiversMatch, testRoutes, type RouteNode, type RouteTestResult} from './routing.js'

export interface RouteCheckResult extends RouteTestResult {
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
  opts: {expected?: string[]; inhibitedBy?: Record<string, string>} = {},
): RouteCheckResult {
  const result: RouteCheckResult = {...testRoutes(tree, labels), ok: true}
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
