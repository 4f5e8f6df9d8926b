// spock test-alert: plan (which receivers, which labels), then either post to every Alertmanager peer and
// confirm, or (--direct) deliver straight to the endpoints in the config file.
import {randomUUID} from 'node:crypto'
import {UsageError} from '../errors.js'
import type {HttpClient} from '../http/client.js'
import {sendDirect, type DirectResult} from '../notify/direct.js'
import {loadRoutingConfig} from '../alertmanager/config-source.js'
import type {AlertmanagerConfig} from '../alertmanager/config/model.js'
import {buildRouteTree, routeAt} from '../alertmanager/routing.js'
import {planTestAlert, type TestAlertPlan} from './plan.js'
import {confirmOnPeers, notificationCounters, postToPeers, syntheticAlerts, waitForDelivery, type DeliveryCount, type PeerResult, type SyntheticAlert} from './send.js'

export interface TestAlertOptions {
  channel?: string
  receiver?: string
  labels: Record<string, string> // --label
  annotations?: Record<string, string>
  config?: string // --config FILE; else the running config from Alertmanager
  direct: boolean
  dryRun: boolean
  resolveAfterMs: number
  wait: boolean // wait for Alertmanager's notification counters to show the delivery
  waitTimeoutMs?: number // default: the longest group_wait of the planned routes + 30s
  timeoutMs: number
  now?: Date
  id?: string
}

export interface TestAlertResult {
  id: string
  mode: 'alertmanager' | 'direct'
  channel?: string
  receiver?: string
  plan: TestAlertPlan
  alerts: SyntheticAlert[]
  sent: boolean
  peers?: PeerResult[]
  delivery?: DeliveryCount[]
  direct?: DirectResult[]
  problems: string[] // failures: exit 1
  warnings: string[] // e.g. one HA peer down while another confirmed
  ok: boolean
}

export async function runTestAlert(peers: readonly HttpClient[], o: TestAlertOptions, onPlan?: (r: TestAlertResult) => void): Promise<TestAlertResult> {
  if (!o.channel && !o.receiver) throw new UsageError('say which channel or receiver to test', {hint: 'add --channel slack (or email, webhook, ...) or --receiver NAME'})
  if (o.direct && !o.config) throw new UsageError('--direct needs --config FILE', {hint: 'the running config from the API has its secrets masked'})
  const now = o.now ?? new Date()
  const id = o.id ?? randomUUID()
  const {config, text} = await loadRoutingConfig(o.config, peers)
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
    description: `Sent by spock test-alert${o.channel ? ` for channel ${o.channel}` : ''}${o.receiver ? ` for receiver ${o.receiver}` : ''}; it resolves by itself.`,
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
    warnings: [],
    ok: false,
  }
  onPlan?.(result)
  if (o.dryRun || plan.targets.length === 0) return finish(result)
  if (o.direct) {
    const receivers = plan.targets.map((t) => t.receiver)
    result.direct = await sendDirect(raw!, o.config!, receivers, o.channel, alerts[0]!, o.timeoutMs)
    result.sent = true
    for (const d of result.direct) if (!d.ok) result.problems.push(`${d.receiver}/${d.integration}[${d.index}] ${d.endpoint}: ${d.detail}`)
    return finish(result)
  }
  const waitMs = o.waitTimeoutMs ?? Math.max(0, ...plan.targets.map((t) => routeAt(tree, t.routePath)?.groupWait ?? 0)) + 30_000
  const before = o.wait ? await notificationCounters(peers) : undefined
  result.peers = await postToPeers(peers, alerts)
  result.sent = true
  await confirmOnPeers(peers, result.peers, id, plan.targets)
  for (const p of result.peers) {
    if (!p.accepted) result.warnings.push(`${p.url} did not accept the alert: ${p.error}`)
    else if (!p.confirmed) result.problems.push(`${p.url} routes the alert to ${describeReceivers(p)} instead of the planned receivers`)
  }
  if (before) {
    result.delivery = await waitForDelivery(peers, before, expectedNotifications(config, plan, o.channel), waitMs)
    for (const d of result.delivery) {
      if (d.failed > 0) result.problems.push(`${d.integration}: ${d.failed} failed notification attempt(s); see the Alertmanager log`)
      else if (d.sent === 0) result.problems.push(`${d.integration}: no notification sent within ${Math.round(waitMs / 1000)}s`)
    }
  }
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

/** How many notifications of each integration the planned alerts should cause. */
function expectedNotifications(config: AlertmanagerConfig, plan: TestAlertPlan, channel: string | undefined): Map<string, number> {
  const reached = new Set(plan.targets.flatMap((t) => (channel ? t.reaches : [t.receiver])))
  const counts = new Map<string, number>()
  for (const r of config.receivers) {
    if (!reached.has(r.name)) continue
    for (const i of r.integrations) if (!channel || i.type === channel) counts.set(i.type, (counts.get(i.type) ?? 0) + i.count)
  }
  return counts
}

/** The raw document, secrets included: only --direct needs it, and it never leaves this process. */
async function parseRaw(text: string): Promise<Record<string, unknown>> {
  const {parsePlain} = await import('../yaml/plain.js')
  return (parsePlain(text) ?? {}) as Record<string, unknown>
}
