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
  for (const u of r.plan.unreachable) {
    const line = u.reason.startsWith(`receiver "${u.receiver}"`) ? u.reason : `receiver "${u.receiver}": ${u.reason}`
    const path = r.receivers.find((x) => x.receiver === u.receiver)
    if (path?.path === 'temporary') lines.push(`  ${line}: testing it on a temporary Alertmanager (the local alertmanager program, this receiver only)`)
    else if (path?.path === 'direct') lines.push(`  ${line}: sending straight to its endpoints (--direct needs no route)`)
    else if (path?.result === 'skipped') lines.push(`  ${line}: skipped (its name says it drops alerts on purpose)`)
    else lines.push(`  ${line}`)
  }
  const f = r.forecast
  if (f) {
    for (const g of f.groups) lines.push(`  ${g.receiver}: ${g.reason}`)
    const by = new Date(f.expectedBy).toTimeString().slice(0, 8)
    if (f.notWaiting) lines.push(`  ${f.notWaiting}`)
    else lines.push(`  delivery expected by ${by}; waiting up to ${Math.ceil(f.wait)}s for Alertmanager's counters`)
  }
  return lines.join('\n')
}

function rows(r: TestAlertResult): Row[] {
  if (r.direct) {
    return r.direct.map((d) => ({
      receiver: d.receiver,
      via: `${d.integration}${d.action === 'resolve' ? ' resolve' : ''} ${d.endpoint}`,
      result: d.ok ? `ok (${d.detail})` : `FAILED: ${d.detail}`,
    }))
  }
  if (!r.sent && !r.temporary) {
    return [
      ...r.plan.targets.map((t) => ({receiver: t.receiver, via: 'dry run', result: `would reach ${t.reaches.join(', ')}`})),
      ...r.receivers.filter((x) => x.path === 'temporary').map((x) => ({receiver: x.receiver, via: 'dry run', result: 'would be tested on a temporary Alertmanager'})),
    ]
  }
  const out: Row[] = []
  for (const p of r.peers ?? []) {
    if (!p.accepted) out.push({receiver: '-', via: p.url, result: `FAILED: ${p.error}`})
    else for (const t of r.plan.targets) out.push({receiver: t.receiver, via: p.url, result: p.confirmed ? `held, routed to ${(p.receivers[t.receiver] ?? []).join(', ')}` : `MISMATCH: routed to ${(p.receivers[t.receiver] ?? []).join(', ') || 'nothing'}`})
  }
  for (const t of r.temporary ?? []) {
    out.push({receiver: t.receiver, via: 'temporary Alertmanager', result: t.ok ? `delivered (${t.delivery.map((d) => `${d.integration} ${d.sent}`).join(', ')})` : `FAILED: ${t.problems.join('; ')}`})
  }
  for (const d of r.delivery ?? []) {
    const why = d.reasons?.length ? ` (${d.reasons.join(', ')})` : ''
    out.push({receiver: '-', via: `${d.integration} (Alertmanager counters)`, result: d.sent > 0 && (r.ok || d.failed === 0) ? `delivered (${d.sent})` : d.failed > 0 ? `FAILED: ${d.failed} failed${why}` : 'NOT DELIVERED'})
  }
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
    if (!r.sent && r.receivers.some((x) => x.result === 'planned')) return r.problems.length > 0 ? `Dry run: nothing sent; ${r.problems.length} problem(s): ${r.problems.join('; ')}` : 'Dry run: nothing sent.'
    if (!r.sent) return ['Nothing sent:', ...r.problems.map((p) => `  - ${p}`)].join('\n')
    if (!r.ok) return [`Test alert ${r.id}: ${r.problems.length} problem(s):`, ...r.problems.map((p) => `  - ${p}`)].join('\n')
    if (r.mode === 'direct') {
      return `Test notification ${r.id} delivered straight to the endpoints${r.resolvedAt ? `; resolve sent at ${r.resolvedAt}` : '; no resolve is sent (only PagerDuty and Opsgenie tests stay open until resolved)'}.`
    }
    if (!r.peers) return `Test alert ${r.id} delivered by a temporary Alertmanager.`
    const waited = r.delivery ? ' and delivered' : `; delivery not confirmed${r.forecast ? ` (expected by ${new Date(r.forecast.expectedBy).toTimeString().slice(0, 8)})` : ''}`
    return `Test alert ${r.id} accepted${waited}; Alertmanager resolves it at ${r.alerts[0]?.endsAt}.`
  },
}

interface OutcomeRow {
  receiver: string
  integrations: string
  path: string
  result: string
  reason: string
}

/** --all-receivers: one row per receiver. */
export const allReceiversView: View<TestAlertResult, OutcomeRow> = {
  rows: (r) => r.receivers.map((x) => ({receiver: x.receiver, integrations: x.integrations.join(', ') || '-', path: x.path, result: x.result, reason: x.reason ?? ''})),
  columns: [
    {header: 'RECEIVER', value: (r) => r.receiver},
    {header: 'INTEGRATIONS', value: (r) => r.integrations},
    {header: 'PATH', value: (r) => r.path},
    {header: 'RESULT', value: (r, o: RenderOptions) => (r.result === 'failed' ? palette(o.color).red(r.result) : r.result)},
    {header: 'REASON', value: (r) => r.reason},
  ],
  ids: (r) => [r.id],
  footer: (r) => {
    const count = (what: string) => r.receivers.filter((x) => x.result === what).length
    const parts = ['delivered', 'accepted', 'planned', 'skipped', 'failed'].filter((w) => count(w) > 0).map((w) => `${count(w)} ${w}`)
    const warnings = r.warnings.length > 0 ? `\n${r.warnings.map((w) => `  warning: ${w}`).join('\n')}` : ''
    return `Test alert ${r.id}, ${r.receivers.length} receiver(s): ${parts.join(', ')}.${warnings}`
  },
}

/** A rendered field: one line, or an indented block when it has several; email html only by its size. */
function field(name: string, value: string | object): string[] {
  if (typeof value !== 'string') return [`    ${name}:`, ...JSON.stringify(value, null, 2).split('\n').map((l) => `      ${l}`)]
  if (name === 'html' && value.length > 200) return [`    html: ${Buffer.byteLength(value)} bytes of HTML (-o json prints it)`]
  if (!value.includes('\n')) return [`    ${name}: ${value}`]
  return [`    ${name}: |`, ...value.split('\n').map((l) => `      ${l}`)]
}

/** --channel log: each receiver, then each integration's rendered fields. */
export const previewView: View<TestAlertResult> = {
  ids: (r) => [r.id],
  text: (r) => {
    const lines: string[] = []
    for (const p of r.preview ?? []) {
      lines.push(`receiver "${p.receiver}" (${p.path === 'route' ? 'through its route' : 'on a temporary Alertmanager: no route reaches it'}), group ${p.groupKey}`)
      if (p.error) lines.push(`  FAILED: ${p.error}`)
      for (const i of p.integrations) {
        lines.push(`  ${i.integration}[${i.index}]`)
        for (const [k, v] of Object.entries(i.fields)) lines.push(...field(k, v))
      }
    }
    for (const u of r.plan.unreachable) if (!(r.preview ?? []).some((p) => p.receiver === u.receiver)) lines.push(`receiver "${u.receiver}": ${u.reason}`)
    lines.push(`Printed only: nothing was sent (--channel log).`)
    return lines.join('\n')
  },
}
