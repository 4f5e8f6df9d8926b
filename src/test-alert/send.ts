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
  /** Why Alertmanager counted failures (its `reason` label, 0.26+): clientError, serverError, other. */
  reasons?: string[]
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

interface Counters {
  total: number
  failed: number
  /** alertmanager_notifications_failed_total by its `reason` label (Alertmanager 0.26+; 0.25 has none). */
  reasons: Record<string, number>
}

/**
 * Sum of alertmanager_notification_requests_total / _failed_total per integration over all peers that answer.
 * These count each request with its outcome; notifications_total counts attempts before the outcome is known.
 */
export async function notificationCounters(peers: readonly HttpClient[]): Promise<Map<string, Counters>> {
  const sums = new Map<string, Counters>()
  const texts = await Promise.all(peers.map((p) => p.get('/metrics').then((r) => r.text).catch(() => '')))
  const entry = (integration: string) => {
    const e = sums.get(integration) ?? {total: 0, failed: 0, reasons: {}}
    sums.set(integration, e)
    return e
  }
  for (const text of texts) {
    for (const m of text.matchAll(/^alertmanager_notification(s|_requests)(_failed)?_total\{([^}]*)\} (\S+)$/gm)) {
      const integration = /integration="([^"]*)"/.exec(m[3]!)?.[1]
      if (!integration) continue
      const value = Number(m[4])
      if (m[1] === 's') {
        const reason = /reason="([^"]*)"/.exec(m[3]!)?.[1]
        if (m[2] && reason) entry(integration).reasons[reason] = (entry(integration).reasons[reason] ?? 0) + value
        continue
      }
      if (m[2]) entry(integration).failed += value
      else entry(integration).total += value
    }
  }
  return sums
}

/** How long a failed notification attempt may take to succeed on Alertmanager's retry before it counts. */
const RETRY_GRACE_MS = 10_000

/** Poll the counters until every expected integration shows a delivery (or a failure), or time runs out. */
export async function waitForDelivery(
  peers: readonly HttpClient[],
  before: Map<string, Counters>,
  expected: Map<string, number>,
  timeoutMs: number,
  onPoll?: (remainingMs: number) => void,
): Promise<DeliveryCount[]> {
  const deadline = Date.now() + timeoutMs
  let firstFailure: number | undefined
  for (;;) {
    const now = await notificationCounters(peers)
    const counts = [...expected.keys()].map((integration): DeliveryCount => {
      const b = before.get(integration) ?? {total: 0, failed: 0, reasons: {}}
      const a = now.get(integration) ?? {total: 0, failed: 0, reasons: {}}
      const failed = a.failed - b.failed
      const reasons = Object.entries(a.reasons)
        .filter(([r, n]) => n > (b.reasons[r] ?? 0))
        .map(([r]) => r)
      return {integration, sent: a.total - b.total - failed, failed, ...(reasons.length > 0 ? {reasons} : {})}
    })
    // A failed attempt may be retried successfully (e.g. a keep-alive connection the endpoint had closed):
    // a failure ends the wait only after RETRY_GRACE_MS without the delivery.
    const pending = counts.filter((c) => c.sent < expected.get(c.integration)!)
    if (pending.some((c) => c.failed > 0)) firstFailure ??= Date.now()
    const failedForGood = firstFailure !== undefined && Date.now() - firstFailure >= RETRY_GRACE_MS && pending.every((c) => c.failed > 0)
    if (pending.length === 0 || failedForGood || Date.now() >= deadline) return counts
    onPoll?.(deadline - Date.now())
    await new Promise((r) => setTimeout(r, 250))
  }
}
