// spock reload: POST /-/reload to Prometheus and every Alertmanager peer, then prove from each server's own metrics
// that it loaded the config (last reload successful, at or after the request). A stack's Prometheus runs a copy of
// DIR/prometheus.yml (.spock-stack/prometheus.yml): that copy is rewritten first.
import {writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import type {HttpClient} from '../http/client.js'
import {derivePrometheusConfig, readPrometheusSource, STACK_DIR} from './prom-config.js'
import {readState} from './stack.js'

export interface ReloadReport {
  kind: 'prometheus' | 'alertmanager'
  url: string
  ok: boolean
  /** What happened, in words: "reloaded", "config unchanged", or why not. */
  message: string
  reloadedAt?: string
  configHash?: string
  changed?: boolean
}

function metric(text: string, name: string): number | undefined {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)
  return m ? Number(m[1]) : undefined
}

async function metrics(c: HttpClient): Promise<string> {
  return (await c.get('/metrics')).text
}

interface Names {
  ok: string
  at: string
  hash?: string
}
const NAMES: Record<ReloadReport['kind'], Names> = {
  prometheus: {ok: 'prometheus_config_last_reload_successful', at: 'prometheus_config_last_reload_success_timestamp_seconds'},
  alertmanager: {ok: 'alertmanager_config_last_reload_successful', at: 'alertmanager_config_last_reload_success_timestamp_seconds', hash: 'alertmanager_config_hash'},
}

async function reloadOne(kind: ReloadReport['kind'], c: HttpClient): Promise<ReloadReport> {
  const names = NAMES[kind]
  const base = {kind, url: c.displayUrl}
  try {
    const before = await metrics(c)
    const hashBefore = names.hash ? metric(before, names.hash) : undefined
    const sent = Math.floor(Date.now() / 1000)
    const res = await c.post('/-/reload', {accept: [403, 404, 405, 500]})
    if (res.status === 403 || res.status === 404 || res.status === 405) {
      return {...base, ok: false, message: kind === 'prometheus' ? `reload refused (HTTP ${res.status}): start Prometheus with --web.enable-lifecycle, or send it SIGHUP` : `reload refused (HTTP ${res.status})`}
    }
    const after = await metrics(c)
    const ok = metric(after, names.ok)
    const at = metric(after, names.at)
    if (res.status === 500 || ok !== 1) {
      const why = res.text.trim().replace(/\s*\n\s*/g, ' ') || 'the last reload failed'
      return {...base, ok: false, message: `the new config was NOT loaded (the old one keeps running): ${why}`}
    }
    if (at === undefined || at < sent) return {...base, ok: false, message: 'the server answered, but its last successful reload is older than this request'}
    const hash = names.hash ? metric(after, names.hash) : undefined
    const changed = hash !== undefined && hashBefore !== undefined ? hash !== hashBefore : undefined
    return {
      ...base, ok: true, message: changed === false ? 'reloaded (config unchanged)' : 'reloaded',
      reloadedAt: new Date(at * 1000).toISOString(),
      ...(hash !== undefined ? {configHash: hash.toString(16), changed} : {}),
    }
  } catch (e) {
    return {...base, ok: false, message: (e as Error).message}
  }
}

/** When the Prometheus runs a stack's copy of prometheus.yml, rewrite the copy from the source; returns its path. */
async function refreshStackCopy(prom: HttpClient): Promise<string | undefined> {
  const flags = (await prom.getJson('/api/v1/status/flags').catch(() => undefined)) as {data?: Record<string, string>} | undefined
  const file = flags?.data?.['config.file']
  if (!file || !file.endsWith(`/${STACK_DIR}/prometheus.yml`)) return undefined
  const dir = dirname(dirname(file))
  const state = await readState(dir)
  if (!state) return undefined
  const prometheus = state.servers.find((x) => x.kind === 'prometheus')!.port
  const alertmanagers = state.servers.filter((x) => x.kind === 'alertmanager').map((x) => x.port)
  await writeFile(file, derivePrometheusConfig(await readPrometheusSource(dir), dir, {prometheus, alertmanagers}))
  return file
}

export async function reloadAll(prom: HttpClient | undefined, ams: HttpClient[]): Promise<{servers: ReloadReport[]; ok: boolean; stackCopy?: string}> {
  let stackCopy: string | undefined
  if (prom) stackCopy = await refreshStackCopy(prom).catch(() => undefined)
  const servers = await Promise.all([...(prom ? [reloadOne('prometheus', prom)] : []), ...ams.map((c) => reloadOne('alertmanager', c))])
  return {servers, ok: servers.every((s) => s.ok), ...(stackCopy ? {stackCopy} : {})}
}
