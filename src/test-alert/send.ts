// Post the synthetic alert(s) to every peer (alerts are not gossiped), confirm each peer holds them and
// routes them to the planned receivers, and optionally wait for Alertmanager's own notification counters.
import {ConnectionError, SpockError} from '../errors.js'
import type {HttpClient} from '../http/client.js'
import {getAlerts} from '../alertmanager/api.js'
import type {SyntheticAlert} from '../notify/alert.js'
import type {TargetPlan} from './plan.js'

export type {SyntheticAlert} from '../notify/alert.js'

export interface PeerResult {
  url: string
  accepted: boolean
  error?: string
  /** Receivers the peer reports for each posted alert, keyed by the receiver spock aimed at. */
  receivers: Record<string, string[]>
  confirmed: boolean
}

export interface DeliveryCount {
  integration: string
  sent: number // successful attempts since the alert was posted, all peers together
  failed: number
}

export function syntheticAlerts(targets: readonly TargetPlan[], opts: {now: Date; resolveAfterMs: number; annotations: Record<string, string>}): SyntheticAlert[] {
  const seen = new Set<string>()
  const out: SyntheticAlert[] = []
  for (const t of targets) {
    const key = JSON.stringify(Object.entries(t.labels).sort())
    if (seen.has(key)) continue
    seen.add(key)
    out.push({
      labels: t.labels,
      annotations: opts.annotations,
      startsAt: opts.now.toISOString(),
      endsAt: new Date(opts.now.getTime() + opts.resolveAfterMs).toISOString(),
    })
  }
  return out
}

/** POST to every peer at once; throws ConnectionError only when no peer accepted. */
export async function postToPeers(peers: readonly HttpClient[], alerts: SyntheticAlert[]): Promise<PeerResult[]> {
  const results = await Promise.all(
    peers.map(async (http): Promise<PeerResult> => {
      try {
        await http.post('/api/v2/alerts', {body: alerts})
        return {url: http.displayUrl, accepted: true, receivers: {}, confirmed: false}
      } catch (err) {
        if (!(err instanceof SpockError)) throw err
        return {url: http.displayUrl, accepted: false, error: err.message, receivers: {}, confirmed: false}
      }
    }),
  )
  if (results.every((r) => !r.accepted)) {
    throw new ConnectionError(`no Alertmanager accepted the test alert: ${results.map((r) => r.error).join('; ')}`, {
      hint: 'check --alertmanager-url (or the context) and that Alertmanager is up',
    })
  }
  return results
}

/** Ask each accepting peer which receivers it routes each alert to; confirmed when they equal the plan. */
export async function confirmOnPeers(peers: readonly HttpClient[], results: PeerResult[], testId: string, targets: readonly TargetPlan[]): Promise<void> {
  await Promise.all(
    peers.map(async (http, i) => {
      const r = results[i]!
      if (!r.accepted) return
      try {
        const held = (await getAlerts(http)).filter((a) => a.labels.spock_test_id === testId)
        for (const t of targets) {
          const alert = held.find((a) => sameLabels(a.labels, t.labels))
          r.receivers[t.receiver] = alert ? alert.receivers.map((x) => x.name) : []
        }
        r.confirmed = targets.every((t) => sameSet(r.receivers[t.receiver]!, t.reaches))
      } catch (err) {
        if (!(err instanceof SpockError)) throw err
        r.error = err.message
      }
    }),
  )
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k])
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a)
  const sb = new Set(b)
  return sa.size === sb.size && [...sa].every((x) => sb.has(x))
}

/**
 * Sum of alertmanager_notification_requests_total / _failed_total per integration over all peers that answer.
 * These count each request with its outcome; notifications_total counts attempts before the outcome is known.
 */
export async function notificationCounters(peers: readonly HttpClient[]): Promise<Map<string, {total: number; failed: number}>> {
  const sums = new Map<string, {total: number; failed: number}>()
  const texts = await Promise.all(peers.map((p) => p.get('/metrics').then((r) => r.text).catch(() => '')))
  for (const text of texts) {
    for (const m of text.matchAll(/^alertmanager_notification_requests(_failed)?_total\{([^}]*)\} (\S+)$/gm)) {
      const integration = /integration="([^"]*)"/.exec(m[2]!)?.[1]
      if (!integration) continue
      const entry = sums.get(integration) ?? {total: 0, failed: 0}
      if (m[1]) entry.failed += Number(m[3])
      else entry.total += Number(m[3])
      sums.set(integration, entry)
    }
  }
  return sums
}

/** Poll the counters until every expected integration shows a delivery (or a failure), or time runs out. */
export async function waitForDelivery(
  peers: readonly HttpClient[],
  before: Map<string, {total: number; failed: number}>,
  expected: Map<string, number>,
  timeoutMs: number,
): Promise<DeliveryCount[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const now = await notificationCounters(peers)
    const counts = [...expected.keys()].map((integration) => {
      const b = before.get(integration) ?? {total: 0, failed: 0}
      const a = now.get(integration) ?? {total: 0, failed: 0}
      const failed = a.failed - b.failed
      return {integration, sent: a.total - b.total - failed, failed}
    })
    const done = counts.every((c) => c.failed > 0 || c.sent >= expected.get(c.integration)!)
    if (done || Date.now() >= deadline) return counts
    await new Promise((r) => setTimeout(r, 250))
  }
}
