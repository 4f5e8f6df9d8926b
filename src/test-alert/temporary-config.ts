// The config of a temporary Alertmanager that sends every alert to one receiver: the user's global section,
// templates and that receiver, with `route:` replaced by a single root route to it. Pure: raw config in, a
// document (JSON, which Alertmanager reads as YAML) or the reason it cannot be made, out.
import {isAbsolute, resolve} from 'node:path'

type Obj = Record<string, unknown>

/** How the temporary Alertmanager routes: everything to the receiver, flushed at once. */
const ROOT_ROUTE = {group_by: ['...'], group_wait: '0s', group_interval: '1s', repeat_interval: '1h'}

/** Alertmanager's running config prints every secret as this. */
const REDACTED = '<secret>'

export type TemporaryConfig = {document: Obj; secrets: string[]} | {refused: string}

/**
 * `raw`: the parsed alertmanager.yml. `baseDir`: the directory of the config file, which relative template
 * and `*_file` paths are resolved against (undefined for the running config, whose paths are as loaded).
 */
export function temporaryConfig(raw: Obj, receiver: string, baseDir: string | undefined): TemporaryConfig {
  const entry = ((raw.receivers ?? []) as Obj[]).find((r) => r.name === receiver)
  if (!entry) return {refused: `receiver "${receiver}" is not in the config`}
  const types = Object.keys(entry).filter((k) => k.endsWith('_configs')).map((k) => k.slice(0, -'_configs'.length))
  if (containsRedacted(entry)) return {refused: redactedReason(receiver)}
  const global: Obj = {}
  for (const [key, value] of Object.entries((raw.global ?? {}) as Obj)) {
    if (!containsRedacted(value)) global[key] = value
    else if (globalNeeded(key, types)) return {refused: redactedReason(receiver, `global.${key}`)}
    // else: a masked setting of another channel, left out
  }
  const resolvePaths = <T>(v: T): T => (baseDir ? (withResolvedFiles(v, baseDir) as T) : v)
  const templates = ((raw.templates ?? []) as string[]).map((t) => (baseDir && !isAbsolute(t) ? resolve(baseDir, t) : t))
  const document: Obj = {
    ...(Object.keys(global).length > 0 ? {global: resolvePaths(global)} : {}),
    ...(templates.length > 0 ? {templates} : {}),
    route: {receiver, ...ROOT_ROUTE},
    receivers: [resolvePaths(entry)],
  }
  return {document, secrets: secretValues(entry, global)}
}

function redactedReason(receiver: string, where = `receiver "${receiver}"`): string {
  return `the running config has ${where}'s secrets masked as ${REDACTED}, so receiver "${receiver}" cannot be tested on a temporary Alertmanager with it; pass --config alertmanager.yml`
}

function containsRedacted(v: unknown): boolean {
  if (v === REDACTED) return true
  if (Array.isArray(v)) return v.some(containsRedacted)
  if (v && typeof v === 'object') return Object.values(v).some(containsRedacted)
  return false
}

/** Does an integration of these types read this global setting? smtp_* is email's, slack_api_url slack's, ... */
function globalNeeded(key: string, types: readonly string[]): boolean {
  if (key === 'http_config') return types.some((t) => t !== 'email')
  return types.some((t) => key.startsWith(t === 'email' ? 'smtp_' : `${t}_`))
}

/** Every relative path under a `*_file` key made absolute against `dir` (as Alertmanager does for its own). */
function withResolvedFiles(v: unknown, dir: string): unknown {
  if (Array.isArray(v)) return v.map((x) => withResolvedFiles(x, dir))
  if (!v || typeof v !== 'object') return v
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, k.endsWith('_file') && typeof x === 'string' && x !== '' && !isAbsolute(x) ? resolve(dir, x) : withResolvedFiles(x, dir)]),
  )
}

/** Values that may be secrets (URLs, keys, tokens, passwords): redacted from anything printed from the log. */
function secretValues(...docs: unknown[]): string[] {
  const out: string[] = []
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (/url|key|token|password|secret|credentials/i.test(key) && !key.endsWith('_file')) out.push(v)
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key))
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k)
  }
  for (const d of docs) walk(d, '')
  return out
}
