// spock init's choices, parsed from flag values into plain data. Every bad value is a UsageError naming it.
import {UsageError} from '../errors.js'

export const RECEIVER_KINDS = ['webhook', 'slack', 'email', 'pagerduty', 'discord', 'telegram', 'msteams', 'opsgenie', 'log'] as const
export type ReceiverKind = (typeof RECEIVER_KINDS)[number]
export const ROUTINGS = ['severity', 'category', 'simple'] as const
export type Routing = (typeof ROUTINGS)[number]
export const RULE_PACKS = ['meta', 'data-quality', 'api', 'system', 'health', 'slo'] as const
export type RulePack = (typeof RULE_PACKS)[number]
export const AM_VERSIONS = ['0.25', 'latest'] as const
type AmVersion = (typeof AM_VERSIONS)[number]

/** How a receiver kind is used by the routing presets. */
type ReceiverClass = 'chat' | 'email' | 'webhook' | 'paging' | 'log'
export const CLASS_OF: Record<ReceiverKind, ReceiverClass> = {
  slack: 'chat', discord: 'chat', telegram: 'chat', msteams: 'chat',
  email: 'email', webhook: 'webhook', pagerduty: 'paging', opsgenie: 'paging', log: 'log',
}

export interface ReceiverSpec {
  kind: ReceiverKind
  name: string
}

interface ScrapeSpec {
  job: string
  target: string // host:port
  path: string
}

export interface InitChoices {
  receivers: ReceiverSpec[]
  routing: Routing
  scrapes: ScrapeSpec[]
  interval: string
  labels: Record<string, string>
  regions: string[]
  rules: RulePack[]
  metricPrefix: string
  slo: number
  alertmanagerVersion: AmVersion
  prometheusVersion: string
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const DURATION = /^([0-9]+(ms|s|m|h|d|w|y))+$/

export function parseReceivers(values: readonly string[]): ReceiverSpec[] {
  const out: ReceiverSpec[] = []
  for (const v of values.length > 0 ? values : ['webhook']) {
    const [kind, name = kind] = v.split('=', 2) as [string, string?]
    if (!(RECEIVER_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`--receiver ${v}: unknown kind "${kind}"`, {hint: `use one of ${RECEIVER_KINDS.join(', ')}, optionally KIND=NAME`})
    }
    if (!NAME.test(name!)) throw new UsageError(`--receiver ${v}: "${name}" is not a usable receiver name`, {hint: 'use letters, digits, - and _, starting with a letter'})
    if (['watchdog'].includes(name!) || out.some((r) => r.name === name)) {
      throw new UsageError(`--receiver ${v}: the name "${name}" is used twice`, {hint: 'give each receiver its own name: --receiver slack=ops --receiver slack=dev'})
    }
    out.push({kind: kind as ReceiverKind, name: name!})
  }
  return out
}

export function parseScrape(v: string): ScrapeSpec {
  const m = /^(?:([a-zA-Z_][a-zA-Z0-9_-]*)=)?([^/=\s]+):([0-9]{1,5})(\/\S*)?$/.exec(v)
  if (!m || Number(m[3]) > 65535) throw new UsageError(`--scrape ${v}: expected [JOB=]HOST:PORT[/PATH]`, {hint: 'e.g. --scrape collector=collector.internal:8000/metrics'})
  const host = m[2]!
  const job = m[1] ?? (host.replace(/\{region\}/g, '').replace(/[^a-zA-Z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'app')
  return {job, target: `${host}:${m[3]}`, path: m[4] ?? '/metrics'}
}

export function parseLabels(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const v of values) {
    const at = v.indexOf('=')
    const k = v.slice(0, at)
    if (at < 1 || !LABEL.test(k) || k.startsWith('__')) throw new UsageError(`--label ${v}: expected NAME=VALUE with a Prometheus label name`, {hint: 'e.g. --label env=prod'})
    if (k === 'region') throw new UsageError('--label region=...: region labels come from --regions', {hint: 'use --regions kr,us'})
    out[k] = v.slice(at + 1)
  }
  return out
}

export function parseList<T extends string>(flag: string, value: string | undefined, allowed: readonly T[] | RegExp, fallback: T[]): T[] {
  if (value === undefined) return fallback
  const items = value.split(',').map((s) => s.trim()).filter(Boolean)
  for (const i of items) {
    const ok = Array.isArray(allowed) ? allowed.includes(i as T) : (allowed as RegExp).test(i)
    if (!ok) throw new UsageError(`--${flag} ${value}: "${i}" is not allowed`, {hint: Array.isArray(allowed) ? `use a comma-separated list of ${allowed.join(', ')}` : 'use lower-case letters, digits, - and _'})
  }
  return [...new Set(items)] as T[]
}

export function checkInterval(v: string): string {
  if (!DURATION.test(v) || /^0+(ms|s|m|h|d|w|y)$/.test(v)) throw new UsageError(`--interval ${v}: not a duration`, {hint: 'e.g. --interval 15s'})
  return v
}

export function checkSlo(v: string | undefined): number {
  if (v === undefined) return 99.9
  const n = Number(v)
  if (!/^[0-9]+(\.[0-9]+)?$/.test(v) || !(n >= 50 && n < 100)) throw new UsageError(`--slo ${v}: expected an availability target in percent, at least 50 and below 100`, {hint: 'e.g. --slo 99.9'})
  return n
}

export function checkPrefix(v: string | undefined): string {
  if (v === undefined) return 'app_'
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(v)) throw new UsageError(`--metric-prefix ${v}: not the start of a metric name`, {hint: 'e.g. --metric-prefix trading_'})
  return v
}
