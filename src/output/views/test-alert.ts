import type {TestAlertResult} from '../../test-alert/run.js'
import {palette} from '../color.js'
import type {RenderOptions, View} from '../render.js'

interface Row {
  receiver: string
  via: string
  result: string
}

const labels = (l: Record<string, string>) => Object.entries(l).map(([k, v]) => `${k}="${v}"`).join(', ')

/** What will happen, printed before anything is sent. */
export function describePlan(r: TestAlertResult): string {
  const lines = [`Test alert ${r.id} (${r.mode === 'direct' ? 'direct to the endpoints' : 'through Alertmanager'}):`]
  for (const t of r.plan.targets) {
    const others = t.reaches.filter((x) => x !== t.receiver)
    lines.push(`  receiver "${t.receiver}" with labels {${labels(t.labels)}}`)
    if (r.mode === 'alertmanager') lines.push(`    reaches: ${t.reaches.join(', ')}${others.length > 0 ? ` (${others.length} other)` : ''}`)
  }
  for (const u of r.plan.unreachable) lines.push(`  receiver "${u.receiver}": ${u.reason}`)
  return lines.join('\n')
}

function rows(r: TestAlertResult): Row[] {
  if (r.direct) return r.direct.map((d) => ({receiver: d.receiver, via: `${d.integration} ${d.endpoint}`, result: d.ok ? `ok (${d.detail})` : `FAILED: ${d.detail}`}))
  if (!r.peers) return r.plan.targets.map((t) => ({receiver: t.receiver, via: 'dry run', result: `would reach ${t.reaches.join(', ')}`}))
  const out: Row[] = []
  for (const p of r.peers) {
    if (!p.accepted) out.push({receiver: '-', via: p.url, result: `FAILED: ${p.error}`})
    else for (const t of r.plan.targets) out.push({receiver: t.receiver, via: p.url, result: p.confirmed ? `held, routed to ${(p.receivers[t.receiver] ?? []).join(', ')}` : `MISMATCH: routed to ${(p.receivers[t.receiver] ?? []).join(', ') || 'nothing'}`})
  }
  for (const d of r.delivery ?? []) out.push({receiver: '-', via: `${d.integration} (Alertmanager counters)`, result: d.failed > 0 ? `FAILED: ${d.failed} failed` : d.sent > 0 ? `delivered (${d.sent})` : 'NOT DELIVERED'})
  return out
}

export const testAlertView: View<TestAlertResult, Row> = {
  rows,
  columns: [
    {header: 'RECEIVER', value: (r) => r.receiver},
    {header: 'VIA', value: (r) => r.via},
    {header: 'RESULT', value: (r, o: RenderOptions) => (/^(FAILED|MISMATCH|NOT)/.test(r.result) ? palette(o.color).red(r.result) : r.result)},
  ],
  ids: (r) => [r.id],
  footer: (r) => {
    if (!r.sent) return r.plan.targets.length > 0 ? 'Dry run: nothing sent.' : 'Nothing to send.'
    return r.ok ? `Test alert ${r.id} ${r.mode === 'direct' ? 'delivered' : 'accepted'}${r.delivery ? ' and delivered' : ''}; it resolves by itself at ${r.alerts[0]?.endsAt}.` : `Test alert ${r.id}: ${r.problems.length} problem(s).`
  },
}
