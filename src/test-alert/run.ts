// spock test-alert: plan (which receivers, which labels), then either post to every Alertmanager peer and
// confirm, or (--direct) deliver straight to the endpoints in the config file.
import {randomUUID} from 'node:crypto'
import {dirname, resolve} from 'node:path'
import {UsageError} from '../errors.js'
import type {HttpClient} from '../http/client.js'
import {RESOLVABLE, sendDirect, type DirectResult, type RenderedFields} from '../notify/direct.js'
import {getAlertGroups} from '../alertmanager/api.js'
import {openCluster} from '../alertmanager/cluster.js'
import {formatDuration} from '../model/duration.js'
import {forecast, type GroupForecast, type ListedGroup} from './grouping.js'
import {loadRoutingConfig} from '../alertmanager/config-source.js'
import type {AlertmanagerConfig} from '../alertmanager/config/model.js'
import {buildRouteTree, matchRoutes, type RouteNode} from '../alertmanager/routing.js'
import {previewRouted, previewTemporary, type ReceiverPreview} from './preview.js'
import {planTestAlert, type TestAlertPlan, type Unreachable, type UnreachableKind} from './plan.js'
import {deliberatelyEmpty} from '../alertmanager/config/receivers.js'
import {receiverOutcomes, type ReceiverOutcome} from './outcome.js'
import {testOnTemporary, type TemporaryRun} from './temporary.js'
import {confirmOnPeers, notificationCounters, postToPeers, syntheticAlerts, waitForDelivery, type DeliveryCount, type PeerResult, type SyntheticAlert} from './send.js'
import {SpockError} from '../errors.js'
import {mapConcurrent} from '../concurrency.js'

interface TestAlertOptions {
  channel?: string
  receiver?: string
  /** One test per receiver of the config. */
  allReceivers?: boolean
  labels: Record<string, string> // --label
  annotations?: Record<string, string> // --annotation, --summary, --description (over the defaults)
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
  env?: NodeJS.ProcessEnv // PATH, for the temporary Alertmanager
}

/** Without --wait, spock waits for delivery only when the forecast says it is due within this. */
const AUTO_WAIT_MS = 60_000
/** Time for the notification itself after the flush (one request, a retry). */
const DELIVERY_MARGIN_MS = 10_000
/** How long a temporary Alertmanager (group_wait 0s) gets to deliver: a failing endpoint is retried for 10s. */
const TEMPORARY_WAIT_MS = 30_000

/** How many temporary Alertmanagers run at once (--all-receivers). */
const TEMPORARY_AT_ONCE = 3

/** Unreachable receivers that a temporary Alertmanager tests when a receiver is named (or all are). */
const TEMPORARY_KINDS: readonly UnreachableKind[] = ['no-route', 'shadowed']

interface DeliveryPlan {
  /** Per route the test alert matches (through Alertmanager only). */
  groups: GroupForecast[]
  /** When the last planned notification should have left Alertmanager, RFC 3339. */
  expectedBy: string
  /** How long spock waits for the counters, in seconds; 0 when it does not wait. */
  wait: number
  /** Why spock does not wait, when it does not. */
  notWaiting?: string
}

export interface TestAlertResult {
  id: string
  mode: 'alertmanager' | 'direct' | 'log'
  channel?: string
  receiver?: string
  allReceivers: boolean
  plan: TestAlertPlan
  alerts: SyntheticAlert[]
  sent: boolean
  forecast?: DeliveryPlan
  peers?: PeerResult[]
  delivery?: DeliveryCount[]
  direct?: DirectResult[]
  /** --channel log: what each receiver's integrations would send, rendered with its templates. */
  preview?: ReceiverPreview[]
  /** Receivers no route reaches, tested on a temporary local Alertmanager (one each). */
  temporary?: TemporaryRun[]
  /** --direct: when the resolve of a PagerDuty/Opsgenie test was sent (RFC 3339). */
  resolvedAt?: string
  /** One line per receiver tested: which path, what happened. */
  receivers: ReceiverOutcome[]
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
  if (!o.channel && !o.receiver && !o.allReceivers) {
    throw new UsageError('say which channel or receiver to test', {hint: 'add --channel slack (or email, webhook, ...), --receiver NAME or --all-receivers'})
  }
  if (o.direct && !o.config) throw new UsageError('--direct needs --config FILE', {hint: 'the running config from the API has its secrets masked'})
  const now = o.now ?? new Date()
  const id = o.labels.spock_test_id ?? o.id ?? randomUUID() // --label spock_test_id=X repeats a test's labels
  const named = Boolean(o.receiver || o.allReceivers)
  // A hung peer counts as down 2 s after the first answer, instead of holding every step to --timeout.
  const open = () => (o.dryRun ? openCluster(peers).catch(() => undefined) : openCluster(peers))
  let cluster = o.direct || o.config ? undefined : await openCluster(peers)
  const {config, text} = await loadRoutingConfig(o.config, cluster ? [cluster.primary, ...cluster.others] : [])
  const tree = buildRouteTree(config)
  const fixed = {spock_test_id: id, ...o.labels}
  // --channel log prints what would be sent; without --receiver, for every receiver the plain test alert reaches.
  const log = o.channel === 'log'
  const channel = log ? undefined : o.channel
  const plan = log && !named ? reachedBy(tree, {alertname: 'SpockTestAlert', ...fixed}) : planTestAlert(config, tree, {channel, receiver: o.receiver, allReceivers: o.allReceivers, labels: fixed, defaults: {alertname: 'SpockTestAlert'}})
  // Naming a receiver tests it whatever the routing: --direct needs no route; otherwise a temporary Alertmanager.
  const aside = named ? plan.unreachable.filter((u) => (o.direct ? u.kind !== 'no-integrations' : TEMPORARY_KINDS.includes(u.kind))) : []
  const skipped = o.allReceivers ? plan.unreachable.filter((u) => u.kind === 'no-integrations' && deliberatelyEmpty(u.receiver)) : []
  if (!o.direct && !log && o.config && plan.targets.length > 0) cluster = await open()
  const live = cluster ? [cluster.primary, ...cluster.others] : []
  const annotations = {
    summary: 'Test alert from spock',
    description: `Sent by spock test-alert${channel ? ` for channel ${channel}` : ''}${o.receiver ? ` for receiver ${o.receiver}` : ''}${o.allReceivers ? ' for every receiver' : ''}.`,
    ...o.annotations,
  }
  const alerts = syntheticAlerts(plan.targets, {now, resolveAfterMs: o.resolveAfterMs, annotations})
  const plain: SyntheticAlert = {labels: {alertname: 'SpockTestAlert', ...fixed}, annotations, startsAt: now.toISOString(), endsAt: new Date(now.getTime() + o.resolveAfterMs).toISOString()}
  if (aside.length > 0 && !alerts.some((a) => sameLabelSet(a.labels, plain.labels))) alerts.push(plain)
  const result: TestAlertResult = {
    id,
    mode: log ? 'log' : o.direct ? 'direct' : 'alertmanager',
    channel: o.channel,
    receiver: o.receiver,
    allReceivers: Boolean(o.allReceivers),
    plan,
    alerts,
    sent: false,
    receivers: [],
    problems: plan.unreachable.filter((u) => !aside.includes(u) && !skipped.includes(u)).map((u) => u.reason),
    warnings: (cluster?.down ?? []).map((d) => `${d.url} is down, the test alert was not sent to it: ${d.reason}`),
    ok: false,
  }
  const done = () => finish(result, config, {aside, skipped, channel})
  result.receivers = receiverOutcomes(result, config, {aside, skipped, channel})
  if (log) {
    const input = {raw: await parseRaw(text), configPath: o.config ? resolve(o.config) : undefined, tree, alert: plain, externalURL: peers[0]?.displayUrl ?? 'http://localhost:9093'}
    result.preview = [...plan.targets.map((t) => previewRouted(t, input)), ...aside.map((u) => previewTemporary(u.receiver, input))]
    for (const p of result.preview) if (p.error) result.problems.push(`${p.receiver}: ${p.error}`)
    return done()
  }
  if (o.direct) {
    hooks.onPlan?.(result)
    if (o.dryRun || (plan.targets.length === 0 && aside.length === 0)) return done()
    const raw = await parseRaw(text)
    const input = {raw, configPath: resolve(o.config!), tree, alert: plain, externalURL: peers[0]?.displayUrl ?? 'http://localhost:9093'}
    const previews = [...plan.targets.map((t) => previewRouted(t, input)), ...aside.map((u) => previewTemporary(u.receiver, input))]
    for (const p of previews) if (p.error) result.warnings.push(`receiver "${p.receiver}": its templates fail (${p.error}); --direct sends spock's own text instead`)
    const rendered: RenderedFields = (receiver, integration, index) =>
      previews.find((p) => p.receiver === receiver)?.integrations.find((i) => i.integration === integration && i.index === index + 1)?.fields
    return sendStraight(result, raw, previews.map((p) => p.receiver), plain, rendered, o, hooks).then(done)
  }
  const expected = expectedNotifications(config, plan, channel)
  if (plan.targets.length > 0 && live.length > 0) result.forecast = await deliveryForecast(tree, plan, expected, live, o, now)
  hooks.onPlan?.(result)
  if (o.dryRun) return done()
  if (plan.targets.length > 0) await sendThroughCluster(result, live, config, expected, o, hooks)
  if (aside.length > 0) {
    const raw = await parseRaw(text)
    const baseDir = o.config ? dirname(resolve(o.config)) : undefined
    hooks.onProgress?.(`${aside.map((u) => u.receiver).join(', ')}: testing on a temporary Alertmanager`)
    // A few at once: each is its own process with its own port and directory.
    result.temporary = await mapConcurrent(aside, TEMPORARY_AT_ONCE, (u) =>
      testOnTemporary({raw, receiver: u.receiver, why: u.reason, baseDir, expected: integrationCounts(config, u.receiver, channel), alert: plain, timeoutMs: o.timeoutMs, waitMs: o.waitTimeoutMs ?? TEMPORARY_WAIT_MS, env: o.env}),
    )
    for (const run of result.temporary) {
      result.sent ||= run.delivery.length > 0
      result.problems.push(...run.problems)
    }
    hooks.onProgress?.(undefined)
  }
  return done()
}

/** Post to every peer, confirm the routing, and wait for the counters when the forecast says so. */
async function sendThroughCluster(
  result: TestAlertResult,
  live: readonly HttpClient[],
  config: AlertmanagerConfig,
  expected: Map<string, number>,
  o: TestAlertOptions,
  hooks: TestAlertHooks,
): Promise<void> {
  const {plan, id} = result
  const routed = result.alerts.filter((a) => plan.targets.some((t) => sameLabelSet(t.labels, a.labels)))
  const waitMs = (result.forecast?.wait ?? 0) * 1000
  const before = waitMs > 0 ? await notificationCounters(live) : undefined
  result.peers = await postToPeers(live, routed)
  result.sent = true
  await confirmOnPeers(live, result.peers, id, plan.targets)
  for (const p of result.peers) {
    if (!p.accepted) result.warnings.push(`${p.url} did not accept the alert: ${p.error}`)
    else if (!p.confirmed) result.problems.push(`${p.url} routes the alert to ${describeReceivers(p)} instead of the planned receivers`)
  }
  if (!before) return
  const byIntegration = countsByIntegration(expected)
  const integrations = [...byIntegration.keys()]
  const expectedBy = new Date(result.forecast!.expectedBy)
  result.delivery = await waitForDelivery(live, before, byIntegration, waitMs, (left) =>
    hooks.onProgress?.(`${integrations.join(', ')}: expected by ${clock(expectedBy)}, giving up in ${Math.ceil(left / 1000)}s`),
  )
  hooks.onProgress?.(undefined)
  for (const d of result.delivery) {
    const receivers = receiversWith(plan, config, d.integration, o.channel)
    const want = byIntegration.get(d.integration) ?? 1
    if (d.sent >= want) {
      if (d.failed > 0) result.warnings.push(`${d.integration}: delivered after ${d.failed} failed attempt(s) that Alertmanager retried`)
    } else if (d.failed > 0) result.problems.push(failureText(d, receivers))
    else result.problems.push(`${d.integration}: not delivered by ${clock(new Date(Date.now()))}: ${slowestReason(result.forecast!, receivers)}`)
  }
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
  const withinMs = Math.max(0, ...groups.map((g) => g.within * 1000))
  const expectedBy = new Date(now.getTime() + withinMs)
  const slowest = groups.find((g) => g.within * 1000 === withinMs)
  const base = {groups, expectedBy: expectedBy.toISOString()}
  if (o.wait === false) return {...base, wait: 0, notWaiting: 'not waiting for delivery (--no-wait)'}
  if (o.waitTimeoutMs !== undefined) return {...base, wait: o.waitTimeoutMs / 1000}
  const waitMs = withinMs + DELIVERY_MARGIN_MS
  if (o.wait === undefined && withinMs > AUTO_WAIT_MS) {
    return {...base, wait: 0, notWaiting: `not waiting for delivery: ${slowest?.reason}; expected by ${clock(expectedBy)} (pass --wait to wait ${formatDuration(waitMs)})`}
  }
  return {...base, wait: waitMs / 1000}
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
async function sendStraight(
  result: TestAlertResult,
  raw: Record<string, unknown>,
  receivers: string[],
  fallback: SyntheticAlert,
  rendered: RenderedFields,
  o: TestAlertOptions,
  hooks: TestAlertHooks,
): Promise<TestAlertResult> {
  const alert = result.alerts[0] ?? fallback
  result.direct = await sendDirect(raw, o.config!, receivers, o.channel, alert, o.timeoutMs, 'trigger', rendered)
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
  for (const d of result.direct) if (!d.ok) result.problems.push(`${d.receiver}/${d.integration}[${d.index - 1}] ${d.action === 'resolve' ? 'resolve ' : ''}${d.endpoint}: ${d.detail}`)
  return result
}

function finish(r: TestAlertResult, config: AlertmanagerConfig, sets: {aside: Unreachable[]; skipped: Unreachable[]; channel?: string}): TestAlertResult {
  r.receivers = receiverOutcomes(r, config, sets)
  r.ok = r.plan.targets.length + sets.aside.length + sets.skipped.length > 0 && r.problems.length === 0
  return r
}

/** The plan of --channel log without a receiver: every receiver this label set reaches, with it. */
function reachedBy(tree: RouteNode, labels: Record<string, string>): TestAlertPlan {
  const targets = matchRoutes(tree, labels).map((m, _, all) => ({receiver: m.receiver, labels, reaches: all.map((x) => x.receiver), routePath: m.path.map((i) => i + 1), uniqueLabels: ['spock_test_id']}))
  return {targets, unreachable: []}
}

function sameLabelSet(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k])
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
  const slowest = [...mine].sort((a, b) => b.within - a.within)[0]
  if (!slowest) return `delivery was expected by ${clock(new Date(f.expectedBy))}`
  return `${slowest.reason}; delivery expected by ${clock(new Date(f.expectedBy))}`
}

function receiversWith(plan: TestAlertPlan, config: AlertmanagerConfig, integration: string, channel: string | undefined): string[] {
  const reached = new Set(plan.targets.flatMap((t) => (channel ? t.reaches : [t.receiver])))
  return config.receivers.filter((r) => reached.has(r.name) && r.integrations.some((i) => i.type === integration)).map((r) => r.name)
}

/** Integration type → how many notifications this receiver sends (one per *_configs entry). */
export function integrationCounts(config: AlertmanagerConfig, receiver: string, channel: string | undefined): Map<string, number> {
  const r = config.receivers.find((x) => x.name === receiver)
  return new Map((r?.integrations ?? []).filter((i) => !channel || i.type === channel).map((i) => [i.type, i.count]))
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
