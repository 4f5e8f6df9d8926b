// Pending and firing alerts as Prometheus holds them, read from /api/v1/rules so that each alert carries
// its rule's `for` (and so how long it has left before it fires).
import type {HttpClient} from '../http/client.js'
import {matchersMatch, type Matcher} from '../model/matchers.js'
import {getRules} from './api.js'

export interface PrometheusAlert {
  alertname: string
  state: string // pending | firing
  labels: Record<string, string>
  annotations: Record<string, string>
  /** The expression's value when the alert was last evaluated, as Prometheus prints it. */
  value?: string
  activeAt?: string
  /** The rule's `for`, in seconds. */
  for: number
  /** Seconds until a pending alert fires (0 when due); absent for firing alerts. */
  forLeft?: number
  group: string
}

export async function prometheusAlerts(http: HttpClient, matchers: readonly Matcher[], now: Date = new Date()): Promise<PrometheusAlert[]> {
  const data = await getRules(http, {type: 'alert'})
  const out: PrometheusAlert[] = []
  for (const g of data.groups) {
    for (const r of g.rules ?? []) {
      for (const a of r.alerts ?? []) {
        if (matchers.length > 0 && !matchersMatch(matchers, a.labels)) continue
        const forSeconds = r.duration ?? 0
        const since = a.activeAt ? Date.parse(a.activeAt) : Number.NaN
        const left = a.state === 'pending' && Number.isFinite(since) ? Math.max(0, (since + forSeconds * 1000 - now.getTime()) / 1000) : undefined
        out.push({
          alertname: a.labels.alertname ?? r.name,
          state: a.state,
          labels: a.labels,
          annotations: a.annotations ?? {},
          value: a.value,
          activeAt: a.activeAt,
          for: forSeconds,
          forLeft: left === undefined ? undefined : Math.round(left * 10) / 10,
          group: g.name,
        })
      }
    }
  }
  return out.sort((a, b) => (a.state === b.state ? a.alertname.localeCompare(b.alertname) : a.state === 'firing' ? -1 : 1))
}
