// Health of Prometheus and every Alertmanager peer: reachable, healthy, ready, version, uptime, cluster, reload.
import {getStatus} from '../alertmanager/api.js'
import {ApiError, ConnectionError, SpockError} from '../errors.js'
import type {HttpClient} from '../http/client.js'
import {getBuildInfo, getRuntimeInfo} from '../prometheus/api.js'

export interface ServerStatus {
  kind: 'prometheus' | 'alertmanager'
  url: string // redacted
  reachable: boolean
  healthy: boolean
  ready: boolean
  version?: string
  startedAt?: string // RFC 3339
  uptimeSeconds?: number
  configReloadSuccess?: boolean
  cluster?: {status: string; peers: number; name?: string}
  /** What the server could not tell (a Prometheus-compatible engine without every status endpoint). */
  notes?: string[]
  problems: string[]
  ok: boolean
}

export interface StatusReport {
  servers: ServerStatus[]
  ok: boolean
}

export async function checkStatus(
  servers: {prometheus?: HttpClient; alertmanagers: HttpClient[]},
  now: Date = new Date(),
): Promise<StatusReport> {
  const checks = [
    ...(servers.prometheus ? [prometheusStatus(servers.prometheus, now)] : []),
    ...servers.alertmanagers.map((am) => alertmanagerStatus(am, servers.alertmanagers.length, now)),
  ]
  const results = await Promise.all(checks)
  if (results.length > 0 && results.every((s) => !s.reachable)) {
    const first = results[0]!
    throw new ConnectionError(results.length === 1 ? first.problems[0]! : `no server reachable: ${results.map((s) => s.problems[0]).join('; ')}`, {
      hint: 'check --prometheus-url / --alertmanager-url (or the context) and that the servers are up',
    })
  }
  return {servers: results, ok: results.every((s) => s.ok)}
}

async function probe(http: HttpClient, path: string): Promise<boolean> {
  const res = await http.get(path, {accept: [404, 405, 500, 503]})
  return res.status === 200
}

function base(kind: ServerStatus['kind'], http: HttpClient): ServerStatus {
  return {kind, url: http.displayUrl, reachable: false, healthy: false, ready: false, problems: [], ok: false}
}

function finish(s: ServerStatus): ServerStatus {
  if (s.reachable && !s.healthy) s.problems.unshift('not healthy (/-/healthy did not answer 200)')
  if (s.reachable && s.healthy && !s.ready) s.problems.unshift('not ready (/-/ready did not answer 200)')
  if (s.configReloadSuccess === false) s.problems.push('last config reload failed')
  s.ok = s.reachable && s.healthy && s.ready && s.problems.length === 0
  return s
}

async function reach(s: ServerStatus, http: HttpClient, body: () => Promise<void>): Promise<ServerStatus> {
  try {
    s.healthy = await probe(http, '/-/healthy')
    s.reachable = true
    s.ready = await probe(http, '/-/ready')
    await body()
  } catch (err) {
    if (!(err instanceof SpockError)) throw err
    s.problems.push(err.message)
  }
  return finish(s)
}

function uptime(s: ServerStatus, started: string, now: Date): void {
  s.startedAt = started
  const t = Date.parse(started)
  if (!Number.isNaN(t)) s.uptimeSeconds = Math.max(0, Math.round((now.getTime() - t) / 1000))
}

async function prometheusStatus(http: HttpClient, now: Date): Promise<ServerStatus> {
  const s = base('prometheus', http)
  return reach(s, http, async () => {
    // VictoriaMetrics and other engines answer buildinfo without a version and have no runtimeinfo:
    // what they cannot tell becomes a note, not a failure.
    const missing = (what: string) => (e: unknown) => {
      if (!(e instanceof ApiError) || (e.status !== undefined && e.status >= 500)) throw e
      ;(s.notes ??= []).push(`no ${what} (${e.status ? `HTTP ${e.status}` : 'another shape'}): not a Prometheus, or an older one`)
      return undefined
    }
    const [build, runtime] = await Promise.all([getBuildInfo(http).catch(missing('version from /api/v1/status/buildinfo')), getRuntimeInfo(http).catch(missing('uptime or reload state from /api/v1/status/runtimeinfo'))])
    s.version = build?.version
    if (build && build.version === undefined) (s.notes ??= []).push('the server reports no version')
    if (runtime) {
      uptime(s, runtime.startTime, now)
      s.configReloadSuccess = runtime.reloadConfigSuccess
    }
  })
}

async function alertmanagerStatus(http: HttpClient, configuredPeers: number, now: Date): Promise<ServerStatus> {
  const s = base('alertmanager', http)
  return reach(s, http, async () => {
    const [st, reload] = await Promise.all([getStatus(http), lastReloadSuccessful(http)])
    s.version = st.versionInfo.version
    uptime(s, st.uptime, now)
    s.configReloadSuccess = reload
    s.cluster = {status: st.cluster.status, peers: st.cluster.peers.length, name: st.cluster.name}
    if (configuredPeers > 1) {
      if (st.cluster.status === 'disabled') s.problems.push(`clustering is disabled, but ${configuredPeers} peers are configured`)
      else if (st.cluster.peers.length < configuredPeers) s.problems.push(`sees ${st.cluster.peers.length} of ${configuredPeers} cluster peers`)
    }
    if (st.cluster.status === 'settling') s.problems.push('cluster is still settling')
  })
}

/** Alertmanager exposes reload success only as a metric. */
async function lastReloadSuccessful(http: HttpClient): Promise<boolean | undefined> {
  const res = await http.get('/metrics', {accept: [401, 403, 404]})
  if (res.status !== 200) return undefined
  const m = /^alertmanager_config_last_reload_successful(?:\{[^}]*\})? (\S+)$/m.exec(res.text)
  return m ? Number(m[1]) === 1 : undefined
}
