// Alerts for people: one row per alert, or per alert within its group.
import {alertState} from '../../alertmanager/alerts.js'
import type {Alert, AlertGroup} from '../../alertmanager/schemas.js'
import type {JoinedAlert} from '../../health/alert-sources.js'
import type {PrometheusAlert} from '../../prometheus/alerts.js'
import {formatRelative} from '../../model/time.js'
import {palette} from '../color.js'
import type {Column, RenderOptions, View} from '../render.js'
import {formatSeconds} from '../time.js'

const labelText = (labels: Record<string, string>, skip: string[] = []) =>
  Object.entries(labels)
    .filter(([k]) => !skip.includes(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ')


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

const forLeft = (a: PrometheusAlert) => (a.forLeft === undefined ? '-' : `${formatSeconds(a.forLeft)} left`)

const promColumns: readonly Column<PrometheusAlert>[] = [
  {header: 'ALERTNAME', value: (a) => a.alertname},
  {header: 'STATE', value: (a, o) => (a.state === 'firing' ? palette(o.color).red(a.state) : palette(o.color).yellow(a.state))},
  {header: 'VALUE', value: (a) => a.value ?? '-'},
  {header: 'ACTIVE SINCE', value: (a, o) => (a.activeAt ? formatRelative(new Date(a.activeAt), o.now ?? new Date()) : '-')},
  {header: 'FOR', value: (a) => (a.state === 'pending' ? forLeft(a) : a.for > 0 ? formatSeconds(a.for) : '-')},
  {header: 'LABELS', value: (a) => labelText(a.labels, ['alertname'])},
]

/** `alerts list --source prometheus`: pending and firing alerts on Prometheus. */
export const prometheusAlertsView: View<PrometheusAlert[], PrometheusAlert> = {
  rows: (r) => r,
  columns: promColumns,
  ids: (r) => r.map((a) => a.alertname),
  empty: 'No pending or firing alerts on Prometheus.',
}

const amText = (a: JoinedAlert, o: RenderOptions) => {
  const c = palette(o.color)
  if (a.alertmanager === 'absent') return a.state === 'firing' ? c.red('not in Alertmanager') : c.dim('not sent (pending)')
  return a.alertmanager === 'active' ? a.alertmanager : c.dim(a.alertmanager)
}

/** `alerts list --source both`: Prometheus's alerts with what Alertmanager holds of each. */
export const joinedAlertsView: View<JoinedAlert[], JoinedAlert> = {
  rows: (r) => r,
  columns: [
    ...(promColumns.slice(0, 5) as unknown as Column<JoinedAlert>[]),
    {header: 'ALERTMANAGER', value: amText},
    {header: 'RECEIVERS', value: (a) => a.receivers.join(', ') || '-'},
    {header: 'LABELS', value: (a) => labelText(a.labels, ['alertname'])},
  ],
  ids: (r) => r.map((a) => a.alertname),
  empty: 'No pending or firing alerts on Prometheus.',
  footer: (r) => {
    const lost = r.filter((a) => a.state === 'firing' && a.alertmanager === 'absent').length
    return lost > 0 ? `${lost} firing alert${lost === 1 ? ' is' : 's are'} not in Alertmanager: check Prometheus's alerting config (spock status) and its notification errors.` : undefined
  },
}
