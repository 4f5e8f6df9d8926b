// Which receivers does a channel have, and which label set reaches one of them while reaching the
// fewest others? Pure: config in, plan out; every label set is checked against the real route tree.
import {UsageError} from '../errors.js'
import type {AlertmanagerConfig} from '../alertmanager/config/model.js'
import {formatMatchers, type Matcher} from '../model/matchers.js'
import {matchRoutes, type RouteNode} from '../alertmanager/routing.js'
import {valueFor} from './sample.js'
import {makesFreshGroups} from './grouping.js'

export {CHANNELS} from '../model/channels.js'

export interface TargetPlan {
  receiver: string
  labels: Record<string, string>
  reaches: string[] // every receiver this label set reaches, in routing order
  /** The route's indexes from the root, counting from 1 ([2, 1]: the first child of the root's second route). */
  routePath: number[]
  /** Labels whose values are unique to this test: a route grouping by one makes a new group. */
  uniqueLabels: string[]
}

/**
 * Why a receiver has no label set: no-integrations (nothing to send to), no-route (no route names it),
 * shadowed (routes name it, earlier routes catch every label set), needs-labels (a route needs a value spock
 * cannot or will not choose: --label gives it).
 */
export type UnreachableKind = 'no-integrations' | 'no-route' | 'shadowed' | 'needs-labels'

export interface Unreachable {
  receiver: string
  kind: UnreachableKind
  reason: string
}

export interface TestAlertPlan {
  channel?: string
  targets: TargetPlan[] // one per receiver of the channel that can be reached
  unreachable: Unreachable[]
}

interface PlanOptions {
  channel?: string
  receiver?: string
  allReceivers?: boolean
  labels: Record<string, string> // fixed: spock_test_id and --label values; routing may not change them
  defaults?: Record<string, string> // e.g. alertname=SpockTestAlert; routing may change them
}

function receiversFor(config: AlertmanagerConfig, opts: {channel?: string; receiver?: string; allReceivers?: boolean}): string[] {
  if (opts.allReceivers) return config.receivers.filter((r) => !opts.channel || r.integrations.some((i) => i.type === opts.channel)).map((r) => r.name)
  if (opts.receiver) {
    if (!config.receivers.some((r) => r.name === opts.receiver)) {
      throw new UsageError(`receiver "${opts.receiver}" is not defined in the Alertmanager config`, {
        hint: `defined receivers: ${config.receivers.map((r) => r.name).join(', ') || 'none'}`,
      })
    }
    return [opts.receiver]
  }
  const names = config.receivers.filter((r) => r.integrations.some((i) => i.type === opts.channel)).map((r) => r.name)
  if (names.length === 0) {
    const have = [...new Set(config.receivers.flatMap((r) => r.integrations.map((i) => i.type)))]
    throw new UsageError(`no receiver has a ${opts.channel} integration`, {
      hint: have.length > 0 ? `channels in this config: ${have.join(', ')}` : 'the config has no integrations at all',
    })
  }
  return names
}

export function planTestAlert(config: AlertmanagerConfig, tree: RouteNode, opts: PlanOptions): TestAlertPlan {
  const targets: TargetPlan[] = []
  const unreachable: TestAlertPlan['unreachable'] = []
  for (const receiver of receiversFor(config, opts)) {
    if (config.receivers.find((r) => r.name === receiver)?.integrations.length === 0) {
      unreachable.push({receiver, kind: 'no-integrations', reason: `receiver "${receiver}" has no integrations: nothing was sent`})
      continue
    }
    const best = bestLabels(tree, receiver, opts.labels, opts.defaults ?? {})
    if ('labels' in best) targets.push(freshGroup(tree, best, opts.labels))
    else unreachable.push({receiver, ...best})
  }
  return {channel: opts.channel, targets, unreachable}
}

/** The label spock may make unique so the alert opens new groups, and its value's prefix. */
const UNIQUE_ALERTNAME = 'SpockTestAlert'

/**
 * When a route groups by alertname but not by spock_test_id, a second test would join the first one's group
 * (flushed only every group_interval): give alertname a unique suffix if routing stays the same.
 */
function freshGroup(tree: RouteNode, plan: TargetPlan, fixed: Record<string, string>): TargetPlan {
  const id = fixed.spock_test_id
  if (!id || 'alertname' in fixed || plan.labels.alertname !== UNIQUE_ALERTNAME || makesFreshGroups(tree, plan.labels, ['spock_test_id'])) return plan
  const labels = {...plan.labels, alertname: `${UNIQUE_ALERTNAME}-${id.slice(0, 8)}`}
  const reaches = matchRoutes(tree, labels)
  const before = matchRoutes(tree, plan.labels)
  const same = reaches.length === before.length && reaches.every((m, i) => m.route === before[i]!.route)
  if (!same || !makesFreshGroups(tree, labels, ['spock_test_id', 'alertname'])) return plan
  return {...plan, labels, uniqueLabels: ['spock_test_id', 'alertname']}
}

type NoLabels = {kind: UnreachableKind; reason: string}

function bestLabels(tree: RouteNode, receiver: string, fixed: Record<string, string>, defaults: Record<string, string>): TargetPlan | NoLabels {
  let best: TargetPlan | undefined
  let why: NoLabels | undefined
  const chains = chainsTo(tree, receiver)
  if (chains.length === 0) return {kind: 'no-route', reason: `no route sends alerts to "${receiver}"`}
  for (const chain of chains) {
    const found = labelsFor(tree, chain, fixed, defaults)
    if ('reason' in found) {
      why ??= found
      continue
    }
    const labels = found.labels
    const reaches = matchRoutes(tree, labels)
    const hit = reaches.find((m) => m.receiver === receiver)
    if (!hit) continue
    const plan: TargetPlan = {receiver, labels, reaches: reaches.map((m) => m.receiver), routePath: hit.path.map((i) => i + 1), uniqueLabels: ['spock_test_id']}
    if (!best || plan.reaches.length < best.reaches.length) best = plan
  }
  return best ?? why ?? {kind: 'shadowed', reason: `no label set routes to "${receiver}" (try --label to add the labels its route needs)`}
}

/** Every route (with its ancestors) whose receiver is `receiver`. */
function chainsTo(tree: RouteNode, receiver: string): RouteNode[][] {
  const out: RouteNode[][] = []
  const walk = (node: RouteNode, chain: RouteNode[]) => {
    const here = [...chain, node]
    if (node.receiver === receiver) out.push(here)
    for (const child of node.routes) walk(child, here)
  }
  walk(tree, [])
  return out
}

/** Labels satisfying every matcher on the chain, then nudged away from earlier siblings that would catch them. */
function labelsFor(
  tree: RouteNode,
  chain: RouteNode[],
  fixed: Record<string, string>,
  defaults: Record<string, string>,
): {labels: Record<string, string>} | NoLabels {
  const wanted = new Map<string, Matcher[]>()
  for (const node of chain) for (const m of node.matchers) wanted.set(m.name, [...(wanted.get(m.name) ?? []), m])
  const labels: Record<string, string> = {...defaults, ...fixed}
  const target = chain[chain.length - 1]!
  const where = `the route to "${target.receiver}" (line ${target.line})`
  for (const [name, ms] of wanted) {
    const v = valueFor(ms, labels[name])
    if (v === undefined) return {kind: 'needs-labels', reason: `${where} needs ${formatMatchers(ms)}: spock found no value that matches (pass --label ${name}=VALUE)`}
    if (name in fixed && v !== fixed[name]) return {kind: 'needs-labels', reason: `${where} needs ${formatMatchers(ms)}, but --label sets ${name}="${fixed[name]}"`}
    if (name === 'alertname' && !(name in fixed) && v !== labels[name]) {
      return {
        kind: 'needs-labels',
        reason: `${where} needs ${formatMatchers(ms)}: spock does not impersonate an existing alert (its test alert is alertname="${labels[name]}"); pass --label alertname=... to do it on purpose`,
      }
    }
    if (v !== '') labels[name] = v
    else delete labels[name]
  }
  for (let round = 0; round < 8; round++) {
    const blocker = earlierCatcher(chain, labels)
    if (!blocker) return {labels}
    if (!avoid(blocker, labels, wanted, fixed)) return {kind: 'shadowed', reason: `an earlier route (line ${blocker.line}) catches every label set that reaches ${where}`}
  }
  return matchRoutes(tree, labels).some((m) => m.route === target) ? {labels} : {kind: 'shadowed', reason: `no label set routes to "${target.receiver}"`}
}

/** An earlier sibling (without continue) on the chain that matches the labels and so steals the alert. */
function earlierCatcher(chain: RouteNode[], labels: Record<string, string>): RouteNode | undefined {
  for (let depth = 1; depth < chain.length; depth++) {
    const parent = chain[depth - 1]!
    const mine = chain[depth]!
    for (const sibling of parent.routes) {
      if (sibling === mine) break
      if (!sibling.continue && matchRoutes({...sibling, routes: []}, labels).length > 0) return sibling
    }
  }
  return undefined
}

/** Change one label that only the blocker cares about so the blocker stops matching. */
function avoid(blocker: RouteNode, labels: Record<string, string>, wanted: Map<string, Matcher[]>, fixed: Record<string, string>): boolean {
  for (const m of blocker.matchers) {
    if (wanted.has(m.name) || m.name in fixed || m.name === 'alertname') continue // never renamed: see labelsFor
    const negated: Matcher = {...m, type: negate(m.type)}
    const v = valueFor([negated])
    if (v === undefined) continue
    if (v === '') delete labels[m.name]
    else labels[m.name] = v
    wanted.set(m.name, [negated])
    return true
  }
  return false
}

function negate(t: Matcher['type']): Matcher['type'] {
  return ({'=': '!=', '!=': '=', '=~': '!~', '!~': '=~'} as const)[t]
}
