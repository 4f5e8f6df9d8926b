// `routes test`: which receivers get an alert with these labels, optionally checked against expectations.
import {formatMatchers} from './matchers.js'
import type {AlertmanagerConfig} from './config/model.js'
import {inhibition, matchRoutes, type RouteNode} from './routing.js'

export interface RouteTestResult {
  labels: Record<string, string>
  receivers: string[] // amtool's order
  routes: {receiver: string; path: number[]; matchers: string}[]
  expected?: string[]
  matchesExpected?: boolean
  inhibitedBy?: Record<string, string>
  inhibited?: boolean
  inhibitRules?: number[] // 0-based indexes into inhibit_rules
  ok: boolean
}

export function testRoute(
  config: AlertmanagerConfig,
  tree: RouteNode,
  labels: Record<string, string>,
  opts: {expected?: string[]; inhibitedBy?: Record<string, string>} = {},
): RouteTestResult {
  const matches = matchRoutes(tree, labels)
  const receivers = matches.map((m) => m.receiver)
  const result: RouteTestResult = {
    labels,
    receivers,
    routes: matches.map((m) => ({receiver: m.receiver, path: m.path, matchers: formatMatchers(m.route.matchers)})),
    ok: true,
  }
  if (opts.expected) {
    result.expected = opts.expected
    // amtool compares the comma-joined lists, so order matters.
    result.matchesExpected = opts.expected.join(',') === receivers.join(',')
    result.ok = result.matchesExpected
  }
  if (opts.inhibitedBy) {
    const inh = inhibition(config, opts.inhibitedBy, labels)
    Object.assign(result, {inhibitedBy: opts.inhibitedBy, inhibited: inh.inhibited, inhibitRules: inh.rules})
  }
  return result
}
