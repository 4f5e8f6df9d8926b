// spock test-alert: plan (which receivers, which labels), then either post to every Alertmanager peer and
// confirm, or (--direct) deliver straight to the endpoints in the config file.
import {randomUUID} from 'node:crypto'
import {UsageError} from '../errors.js'
import type {HttpClient} from '../http/client.js'
import {RESOLVABLE, sendDirect, type DirectResult} from '../notify/direct.js'
import {getAlertGroups} from '../alertmanager/api.js'
import {openCluster} from '../alertmanager/cluster.js'
import {formatDuration} from '../model/duration.js'
import {forecast, type GroupForecast, type ListedGroup} from './grouping.js'
import {loadRoutingConfig} from '../alertmanager/config-source.js'
import type {AlertmanagerConfig} from '../alertmanager/config/model.js'
import {buildRouteTree, type RouteNode} from '../alertmanager/routing.js'
import {planTestAlert, type TestAlertPlan} from './plan.js'
import {confirmOnPeers, notificationCounters, postToPeers, syntheticAlerts, waitForDelivery, type DeliveryCount, type PeerResult, type SyntheticAlert} from './send.js'
import {SpockError} from '../errors.js'

interface TestAlertOptions {
  channel?: string
  receiver?: string
  labels: Record<string, string> // --label
  annotations?: Record<string, string>
  config?: string // --config FILE; else the running config from Alertmanager
  direct: boolean
  dryRun: boolean
  resolveAfterMs: number
  /** true: wait for delivery however long the forecast says; false: never; undefined: only when it is due within AUTO_WAIT_MS. */
  wait?: boolean
  waitTimeoutMs?: number // default: the forecast's latest flush + DELIVERY_MARGIN_MS
  timeoutMs: number
  now?: Date
  id?: string
}

/** Without --wait, spock waits for delivery only when the forecast says it is due within this. */
const AUTO_WAIT_MS = 60_000
/** Time for the notification itself after the flush (one request, a retry). */
const DELIVERY_MARGIN_MS = 10_000

interface DeliveryPlan {
  /** Per route the test alert matches (through Alertmanager only). */
  groups: GroupForecast[]
  /** When the last planned notification should have left Alertmanager, RFC 3339. */
  expectedBy: string
  /** How long spock waits for the counters; 0 when it does not wait. */
  waitMs: number
  /** Why spock does not wait, when it does not. */
  notWaiting?: string
}

export interface TestAlertResult {
  id: string
  mode: 'alertmanager' | 'direct'
  channel?: string
  receiver?: string
  plan: TestAlertPlan
  alerts: SyntheticAlert[]
  sent: boolean
  forecast?: DeliveryPlan
  peers?: PeerResult[]
  delivery?: DeliveryCount[]
  direct?: DirectResult[]
  /** --direct: when the resolve of a PagerDuty/Opsgenie test was sent (RFC 3339). */
  resolvedAt?: string
  problems: string[] // failures: exit 1
  warnings: string[] // e.g. one HA peer down while another confirmed
  ok: boolean
}

interface TestAlertHooks {
  /** The plan and forecast, before anything is sent. */
  onPlan?: (r: TestAlertResult) => void
  /** A live progress line while waiting (undefined: the wait is over). */
  onProgress?: (line: string | undefined) => void
}

export async function runTestAlert(peers: readonly HttpClient[], o: TestAlertOptions, hooks: TestAlertHooks = {}): Promise<TestAlertResult> {
  if (!o.channel && !o.receiver) throw new UsageError('say which channel or receiver to test', {hint: 'add --channel slack (or email, webhook, ...) or --receiver NAME'})
  if (o.direct && !o.config) throw new UsageError('--direct needs --config FILE', {hint: 'the running config from the API has its secrets masked'})
  const now = o.now ?? new Date()
  const id = o.id ?? randomUUID()
  // A hung peer counts as down 2 s after the first answer, instead of holding every step to --timeout.
  const cluster = o.direct ? undefined : o.dryRun && o.config ? await openCluster(peers).catch(() => undefined) : await openCluster(peers)
  const live = cluster ? [cluster.primary, ...cluster.others] : []
  const {config, text} = await loadRoutingConfig(o.config, live)
  const raw = o.direct ? await parseRaw(text) : undefined
  const tree = buildRouteTree(config)
  const plan = planTestAlert(config, tree, {
    channel: o.channel,
    receiver: o.receiver,
    labels: {spock_test_id: id, ...o.labels},
    defaults: {alertname: 'SpockTestAlert'},
  })
  const annotations = o.annotations ?? {
    summary: 'Test alert from spock',
    description: `Sent by spock test-alert${o.channel ? ` for channel ${o.channel}` : ''}${o.receiver ? ` for receiver ${o.receiver}` : ''}.`,
  }
  const alerts = syntheticAlerts(plan.targets, {now, resolveAfterMs: o.resolveAfterMs, annotations})
  const result: TestAlertResult = {
    id,
    mode: o.direct ? 'direct' : 'alertmanager',
    channel: o.channel,
    receiver: o.receiver,
    plan,
    alerts,
    sent: false,
    problems: plan.unreachable.map((u) => u.reason),
    warnings: (cluster?.down ?? []).map((d) => `${d.url} is down, the test alert was not sent to it: ${d.reason}`),
    ok: false,
  }
  if (o.direct) {
    hooks.onPlan?.(result)
    if (o.dryRun || plan.targets.length === 0) return finish(result)
    return sendStraight(result, raw!, o, hooks)
  }
  const expected = expectedNotifications(config, plan, o.channel)
  if (plan.targets.length > 0 && live.length > 0) result.forecast = await deliveryForecast(tree, plan, expected, live, o, now)
  hooks.onPlan?.(result)
  if (o.dryRun || plan.targets.length === 0) return finish(result)
  const waitMs = result.forecast?.waitMs ?? 0
  const before = waitMs > 0 ? await notificationCounters(live) : undefined
  result.peers = await postToPeers(live, alerts)
  result.sent = true
  await confirmOnPeers(live, result.peers, id, plan.targets)
  for (const p of result.peers) {
    if (!p.accepted) result.warnings.push(`${p.url} did not accept the alert: ${p.error}`)
    else if (!p.confirmed) result.problems.push(`${p.url} routes the alert to ${describeReceivers(p)} instead of the planned receivers`)
  }
  if (before) {
    const integrations = [...countsByIntegration(expected).keys()]
    const expectedBy = new Date(result.forecast!.expectedBy)
    result.delivery = await waitForDelivery(live, before, countsByIntegration(expected), waitMs, (left) =>
      hooks.onProgress?.(`${integrations.join(', ')}: expected by ${clock(expectedBy)}, giving up in ${Math.ceil(left / 1000)}s`),
    )
    hooks.onProgress?.(undefined)
    for (const d of result.delivery) {
      const receivers = receiversWith(plan, config, d.integration, o.channel)
      const want = countsByIntegration(expected).get(d.integration) ?? 1
      if (d.sent >= want) {
        if (d.failed > 0) result.warnings.push(`${d.integration}: delivered after ${d.failed} failed attempt(s) that Alertmanager retried`)
      } else if (d.failed > 0) result.problems.push(failureText(d, receivers))
      else if (d.sent < want) result.problems.push(`${d.integration}: not delivered by ${clock(new Date(Date.now()))}: ${slowestReason(result.forecast!, receivers)}`)
    }
  }
  return finish(result)
}

/** Where the test alert's groups will be, whether they exist, and how long to wait for the flush. */
async function deliveryForecast(
  tree: RouteNode,
  plan: TestAlertPlan,
  expected: Map<string, number>,
  live: readonly HttpClient[],
  o: TestAlertOptions,
  now: Date,
): Promise<DeliveryPlan> {
  const listed = await listedGroups(live)
  const receivers = new Set([...expected.keys()].map((k) => k.split('\u0000')[1]!))
  const groups: GroupForecast[] = []
  for (const t of plan.targets) {
    for (const g of forecast(tree, t.labels, t.uniqueLabels, listed)) if (receivers.has(g.receiver) && !groups.some((x) => x.groupKey === g.groupKey)) groups.push(g)
  }
  const withinMs = Math.max(0, ...groups.map((g) => g.withinMs))
  const expectedBy = new Date(now.getTime() + withinMs)
  const slowest = groups.find((g) => g.withinMs === withinMs)
  const base = {groups, expectedBy: expectedBy.toISOString()}
  if (o.wait === false) return {...base, waitMs: 0, notWaiting: 'not waiting for delivery (--no-wait)'}
  if (o.waitTimeoutMs !== undefined) return {...base, waitMs: o.waitTimeoutMs}
  const waitMs = withinMs + DELIVERY_MARGIN_MS
  if (o.wait === undefined && withinMs > AUTO_WAIT_MS) {
    return {...base, waitMs: 0, notWaiting: `not waiting for delivery: ${slowest?.reason}; expected by ${clock(expectedBy)} (pass --wait to wait ${formatDuration(waitMs)})`}
  }
  return {...base, waitMs}
}

/** Groups the peers list now, by receiver and group labels; a peer that fails to answer lists none. */
async function listedGroups(live: readonly HttpClient[]): Promise<ListedGroup[]> {
  const lists = await Promise.all(
    live.map((http) =>
      getAlertGroups(http, {active: true, silenced: true, inhibited: true}).catch((err: unknown) => {
        if (err instanceof SpockError) return []
        throw err
      }),
    ),
  )
  return lists.flat().map((g) => ({receiver: g.receiver.name, labels: g.labels}))
}

/** --direct: send, then for PagerDuty/Opsgenie send the resolve after --resolve-after (same dedup key). */
async function sendStraight(result: TestAlertResult, raw: Record<string, unknown>, o: TestAlertOptions, hooks: TestAlertHooks): Promise<TestAlertResult> {
  const receivers = result.plan.targets.map((t) => t.receiver)
  const alert = result.alerts[0]!
  result.direct = await sendDirect(raw, o.config!, receivers, o.channel, alert, o.timeoutMs)
  result.sent = true
  const opened = result.direct.filter((d) => d.ok && RESOLVABLE.includes(d.integration))
  if (opened.length > 0) {
    const until = Date.now() + o.resolveAfterMs
    while (Date.now() < until) {
      hooks.onProgress?.(`resolve ${[...new Set(opened.map((d) => d.integration))].join(', ')} in ${Math.ceil((until - Date.now()) / 1000)}s (--resolve-after)`)
      await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(0, until - Date.now()))))
    }
    hooks.onProgress?.(undefined)
    const resolved = await sendDirect(raw, o.config!, [...new Set(opened.map((d) => d.receiver))], o.channel, alert, o.timeoutMs, 'resolve')
    result.direct.push(...resolved)
    result.resolvedAt = new Date().toISOString()
  }
  for (const d of result.direct) if (!d.ok) result.problems.push(`${d.receiver}/${d.integration}[${d.index}] ${d.action === 'resolve' ? 'resolve ' : ''}${d.endpoint}: ${d.detail}`)
  return finish(result)
}

function finish(r: TestAlertResult): TestAlertResult {
  r.ok = r.plan.targets.length > 0 && r.problems.length === 0
  return r
}

function describeReceivers(p: PeerResult): string {
  const all = [...new Set(Object.values(p.receivers).flat())]
  return all.length > 0 ? all.join(', ') : 'no receiver'
}

/** HH:MM:SS, local time. */
function clock(d: Date): string {
  return d.toTimeString().slice(0, 8)
}

function failureText(d: DeliveryCount, receivers: string[]): string {
  const why = d.reasons?.length ? `Alertmanager counts them as ${d.reasons.join(', ')} (alertmanager_notifications_failed_total)` : 'Alertmanager\'s metrics give no reason before 0.26'
  return `${d.integration}: ${d.failed} failed notification attempt(s) for ${receivers.join(', ')}; ${why}; its log has the error (msg="Notify for alerts failed", ${receivers.map((r) => `${r}/${d.integration}[0]`).join(', ')})`
}

function slowestReason(f: DeliveryPlan, receivers: string[]): string {
  const mine = f.groups.filter((g) => receivers.includes(g.receiver))
  const slowest = [...mine].sort((a, b) => b.withinMs - a.withinMs)[0]
  if (!slowest) return `delivery was expected by ${clock(new Date(f.expectedBy))}`
  return `${slowest.reason}; delivery expected by ${clock(new Date(f.expectedBy))}`
}

function receiversWith(plan: TestAlertPlan, config: AlertmanagerConfig, integration: string, channel: string | undefined): string[] {
  const reached = new Set(plan.targets.flatMap((t) => (channel ? t.reaches : [t.receiver])))
  return config.receivers.filter((r) => reached.has(r.name) && r.integrations.some((i) => i.type === integration)).map((r) => r.name)
}

/** How many notifications each (integration, receiver) pair should send, keyed "integration\0receiver". */
function expectedNotifications(config: AlertmanagerConfig, plan: TestAlertPlan, channel: string | undefined): Map<string, number> {
  const reached = new Set(plan.targets.flatMap((t) => (channel ? t.reaches : [t.receiver])))
  const counts = new Map<string, number>()
  for (const r of config.receivers) {
    if (!reached.has(r.name)) continue
    for (const i of r.integrations) if (!channel || i.type === channel) counts.set(`${i.type}\u0000${r.name}`, i.count)
  }
  return counts
}

function countsByIntegration(expected: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>()
  for (const [k, n] of expected) {
    const integration = k.split('\u0000')[0]!
    out.set(integration, (out.get(integration) ?? 0) + n)
  }
  return out
}

/** The raw document, secrets included: only --direct needs it, and it never leaves this process. */
async function parseRaw(text: string): Promise<Record<string, unknown>> {
  const {parsePlain} = await import('../yaml/plain.js')
  return (parsePlain(text) ?? {}) as Record<string, unknown>
}
