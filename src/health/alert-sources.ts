// Prometheus's alerts joined with what Alertmanager holds: for each pending or firing alert, whether
// Alertmanager has it, and if so whether it is active, silenced or inhibited. A firing alert that
// Alertmanager does not hold was never delivered (or has not been sent yet: Prometheus resends every
// evaluation, so a second look tells).
import {alertState} from '../alertmanager/alerts.js'
import type {Alert} from '../alertmanager/schemas.js'
import type {PrometheusAlert} from '../prometheus/alerts.js'

type AlertmanagerState = 'active' | 'silenced' | 'inhibited' | 'suppressed' | 'unprocessed' | 'absent'

export interface JoinedAlert extends PrometheusAlert {
  alertmanager: AlertmanagerState
  silencedBy: string[]
  inhibitedBy: string[]
  receivers: string[]
}

/** Alertmanager's copy carries Prometheus's external labels too: a match is a superset of the labels. */
function holds(am: Alert, p: PrometheusAlert): boolean {
  for (const [k, v] of Object.entries(p.labels)) if (am.labels[k] !== v) return false
  return true
}

export function joinAlerts(prom: readonly PrometheusAlert[], am: readonly Alert[]): JoinedAlert[] {
  const byName = new Map<string, Alert[]>()
  for (const a of am) {
    const name = a.labels.alertname ?? ''
    let list = byName.get(name)
    if (!list) byName.set(name, (list = []))
    list.push(a)
  }
  return prom.map((p) => {
    const found = (byName.get(p.alertname) ?? []).find((a) => holds(a, p))
    return {
      ...p,
      alertmanager: found ? alertState(found) : 'absent',
      silencedBy: found?.status.silencedBy ?? [],
      inhibitedBy: found?.status.inhibitedBy ?? [],
      receivers: found?.receivers.map((r) => r.name) ?? [],
    }
  })
}
