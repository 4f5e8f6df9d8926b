// Alerts for people: one row per alert, or per alert within its group.
import type {Alert, AlertGroup} from '../../alertmanager/schemas.js'
import {formatRelative} from '../../model/time.js'
import {palette} from '../color.js'
import type {Column, RenderOptions, View} from '../render.js'

const labelText = (labels: Record<string, string>, skip: string[] = []) =>
  Object.entries(labels)
    .filter(([k]) => !skip.includes(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ')

export function alertState(a: Alert): string {
  if (a.status.state !== 'suppressed') return a.status.state
  if (a.status.silencedBy.length > 0) return 'silenced'
  if (a.status.inhibitedBy.length > 0) return 'inhibited'
  return 'suppressed'
}

const stateText = (a: Alert, o: RenderOptions) => {
  const c = palette(o.color)
  const s = alertState(a)
  return s === 'active' ? c.red(s) : s === 'unprocessed' ? c.yellow(s) : c.dim(s)
}

export const alertColumns: readonly Column<Alert>[] = [
  {header: 'ALERTNAME', value: (a) => a.labels.alertname ?? ''},
  {header: 'STATE', value: stateText},
  {header: 'STARTED', value: (a, o) => formatRelative(new Date(a.startsAt), o.now ?? new Date())},
  {header: 'LABELS', value: (a) => labelText(a.labels, ['alertname'])},
  {header: 'RECEIVERS', value: (a) => a.receivers.map((r) => r.name).join(', ')},
  {header: 'SUMMARY', value: (a) => a.annotations.summary ?? ''},
]

export const alertsView: View<Alert[], Alert> = {
  rows: (r) => r,
  columns: alertColumns,
  ids: (r) => r.map((a) => a.fingerprint),
  empty: 'No alerts.',
}

interface GroupRow {
  group: string
  receiver: string
  alert: Alert
}

export const alertGroupsView: View<AlertGroup[], GroupRow> = {
  rows: (r) => r.flatMap((g) => g.alerts.map((alert) => ({group: `{${labelText(g.labels)}}`, receiver: g.receiver.name, alert}))),
  columns: [
    {header: 'GROUP', value: (g) => g.group},
    {header: 'RECEIVER', value: (g) => g.receiver},
    ...alertColumns.filter((c) => c.header !== 'RECEIVERS').map((c) => ({header: c.header, value: (g: GroupRow, o: RenderOptions) => c.value(g.alert, o)})),
  ],
  ids: (r) => r.flatMap((g) => g.alerts.map((a) => a.fingerprint)),
  empty: 'No alert groups.',
}
