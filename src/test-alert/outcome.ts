// One line per receiver a test-alert run covered: which path carried the alert (a route of the running
// Alertmanager, a temporary Alertmanager, or --direct) and what came of it. Pure: the run's result in.
import type {AlertmanagerConfig} from '../alertmanager/config/model.js'
import type {Unreachable} from './plan.js'
import type {TestAlertResult} from './run.js'

export interface ReceiverOutcome {
  receiver: string
  /** Its integration types (only the --channel one with --channel), e.g. ["slack", "email"]. */
  integrations: string[]
  /** route: through the routing tree of the running Alertmanager; temporary: a temporary one; none: not sent. */
  path: 'route' | 'temporary' | 'direct' | 'none'
  /** planned: dry run; accepted: posted, delivery not waited for. */
  result: 'delivered' | 'accepted' | 'planned' | 'printed' | 'failed' | 'skipped'
  reason?: string
}

export function receiverOutcomes(r: TestAlertResult, config: AlertmanagerConfig, sets: {aside: Unreachable[]; skipped: Unreachable[]; channel?: string}): ReceiverOutcome[] {
  const integrationsOf = (name: string) => [...new Set((config.receivers.find((x) => x.name === name)?.integrations ?? []).map((i) => i.type).filter((t) => !sets.channel || t === sets.channel))]
  const out: ReceiverOutcome[] = []
  if (r.mode === 'log') return previewOutcomes(r, integrationsOf)
  for (const t of r.plan.targets) {
    const base = {receiver: t.receiver, integrations: integrationsOf(t.receiver), path: r.mode === 'direct' ? ('direct' as const) : ('route' as const)}
    out.push({...base, ...(r.mode === 'direct' ? directResult(r, t.receiver) : routeResult(r, t.receiver, base.integrations))})
  }
  for (const u of sets.aside) {
    const integrations = integrationsOf(u.receiver)
    if (r.mode === 'direct') {
      out.push({receiver: u.receiver, integrations, path: 'direct', ...directResult(r, u.receiver)})
      continue
    }
    const run = r.temporary?.find((x) => x.receiver === u.receiver)
    const why = `${u.reason}: tested on a temporary Alertmanager`
    if (!run) out.push({receiver: u.receiver, integrations, path: 'temporary', result: 'planned', reason: why})
    else if (run.ok) out.push({receiver: u.receiver, integrations, path: 'temporary', result: 'delivered', reason: why})
    else out.push({receiver: u.receiver, integrations, path: run.binary ? 'temporary' : 'none', result: 'failed', reason: run.problems.join('; ')})
  }
  for (const u of sets.skipped) out.push({receiver: u.receiver, integrations: [], path: 'none', result: 'skipped', reason: 'no integrations (its name says it drops alerts on purpose)'})
  for (const u of r.plan.unreachable) {
    if (!sets.aside.includes(u) && !sets.skipped.includes(u)) out.push({receiver: u.receiver, integrations: integrationsOf(u.receiver), path: 'none', result: 'failed', reason: u.reason})
  }
  const order = new Map(config.receivers.map((x, i) => [x.name, i]))
  return out.sort((a, b) => (order.get(a.receiver) ?? 0) - (order.get(b.receiver) ?? 0))
}

function directResult(r: TestAlertResult, receiver: string): Pick<ReceiverOutcome, 'result' | 'reason'> {
  if (!r.direct) return {result: 'planned'}
  const mine = r.direct.filter((d) => d.receiver === receiver)
  const bad = mine.filter((d) => !d.ok)
  if (bad.length > 0) return {result: 'failed', reason: bad.map((d) => `${d.integration}[${d.index - 1}] ${d.endpoint}: ${d.detail}`).join('; ')}
  return mine.length > 0 ? {result: 'delivered'} : {result: 'failed', reason: 'nothing was sent'}
}

function routeResult(r: TestAlertResult, receiver: string, integrations: string[]): Pick<ReceiverOutcome, 'result' | 'reason'> {
  if (!r.sent) return {result: 'planned'}
  const wrong = (r.peers ?? []).filter((p) => p.accepted && !p.confirmed)
  if (wrong.length > 0) return {result: 'failed', reason: `${wrong.map((p) => p.url).join(', ')} routed it to ${(wrong[0]!.receivers[receiver] ?? []).join(', ') || 'nothing'}`}
  if (!r.delivery) return {result: 'accepted', reason: r.forecast?.notWaiting}
  const failed = integrations.filter((i) => r.problems.some((p) => p.startsWith(`${i}: `)))
  if (failed.length > 0) return {result: 'failed', reason: r.problems.filter((p) => failed.some((i) => p.startsWith(`${i}: `))).join('; ')}
  return {result: 'delivered'}
}

function previewOutcomes(r: TestAlertResult, integrationsOf: (name: string) => string[]): ReceiverOutcome[] {
  return (r.preview ?? []).map((p) => ({receiver: p.receiver, integrations: integrationsOf(p.receiver), path: p.path, result: p.error ? 'failed' : 'printed', ...(p.error ? {reason: p.error} : {})}))
}
