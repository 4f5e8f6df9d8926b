// Alerts as Alertmanager holds them: the flat list and the grouped view, filtered by matchers on the client.
import type {HttpClient} from '../http/client.js'
import {getAlertGroups, getAlerts, type AlertQuery} from './api.js'
import {openCluster, type PeerFailure} from './cluster.js'
import {matchersMatch} from '../model/matchers.js'
import {matcherMode, matchersFromInputs, precheckMatchers, type MatcherInputs} from './silences.js'
import type {Alert, AlertGroup} from './schemas.js'

interface AlertListOptions {
  matchers: MatcherInputs
  active?: boolean
  silenced?: boolean
  inhibited?: boolean
  unprocessed?: boolean
  /** Regex on receiver names (the server anchors it). */
  receiver?: string
  groups?: boolean
}

interface AlertList {
  alerts: Alert[]
  /** Only with groups: the /api/v2/alerts/groups view, alerts filtered the same way. */
  groups?: AlertGroup[]
  peer: string
  down: PeerFailure[]
  warnings: string[]
}

/** As amtool: with no state flag only active alerts are shown; each flag adds that state. */
function alertQuery(o: AlertListOptions): AlertQuery {
  const none = !o.active && !o.silenced && !o.inhibited && !o.unprocessed
  return {
    active: none || Boolean(o.active),
    silenced: Boolean(o.silenced),
    inhibited: Boolean(o.inhibited),
    unprocessed: Boolean(o.unprocessed),
    receiver: o.receiver,
  }
}

export async function listAlerts(peers: readonly HttpClient[], o: AlertListOptions): Promise<AlertList> {
  precheckMatchers(o.matchers) // invalid for every server: fail before connecting
  const cluster = await openCluster(peers)
  const {matchers, warnings} = matchersFromInputs(o.matchers, matcherMode(cluster.version))
  const keep = (a: Alert) => matchers.length === 0 || matchersMatch(matchers, a.labels)
  const base = {peer: cluster.primary.displayUrl, down: cluster.down, warnings}
  if (o.groups) {
    const groups = (await getAlertGroups(cluster.primary, alertQuery(o)))
      .map((g) => ({...g, alerts: g.alerts.filter(keep)}))
      .filter((g) => g.alerts.length > 0)
    return {...base, alerts: groups.flatMap((g) => g.alerts), groups}
  }
  return {...base, alerts: (await getAlerts(cluster.primary, alertQuery(o))).filter(keep)}
}

/** An alert's state in words: active or unprocessed, or why it is suppressed (silenced before inhibited). */
export function alertState(a: Alert): 'active' | 'unprocessed' | 'silenced' | 'inhibited' | 'suppressed' {
  if (a.status.state !== 'suppressed') return a.status.state
  if (a.status.silencedBy.length > 0) return 'silenced'
  if (a.status.inhibitedBy.length > 0) return 'inhibited'
  return 'suppressed'
}
