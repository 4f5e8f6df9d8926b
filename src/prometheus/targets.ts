// Scrape targets as a CI gate: which targets are down, stuck before their first scrape, slow, or missing.
import {parseMatchers, matchersMatch, type Matcher} from '../model/matchers.js'
import {ApiError, UsageError} from '../errors.js'
import type {HttpClient} from '../http/client.js'
import {getRuntimeInfo, getScrapePools, getTargets} from './api.js'
import {formatDuration, parseDuration, tryParseDuration} from '../model/duration.js'
import type {ActiveTarget, TargetsData} from './schemas.js'
import {append} from '../append.js'

export interface TargetCheckOptions {
  /** Only these scrape pools (job_name); each must have at least one target. */
  jobs?: string[]
  /** Only targets whose labels match every matcher. */
  selectors?: Matcher[]
  /** Unhealthy targets allowed before the check fails (default 0). */
  maxDown?: number
  /** Share of unhealthy targets allowed (0..1); replaces maxDown. */
  maxDownRatio?: number
  maxScrapeDurationMs?: number
  minTargets?: number
  /** Count targets that were never scraped as unhealthy, however new. */
  includeUnknown?: boolean
  /** Prometheus start time: a target not scraped 2 intervals after it is stuck, not pending. */
  serverStartTime?: Date
  /** Configured scrape pools, when the server lists them: tells a typo from a pool with no targets. */
  scrapePools?: string[]
}

type TargetHealth = 'up' | 'down' | 'unknown'

export interface TargetResult {
  job: string
  instance: string
  scrapeUrl: string
  health: TargetHealth
  lastError: string
  /** RFC 3339, null when never scraped. */
  lastScrape: string | null
  /** Seconds. */
  lastScrapeDuration: number
  /** Seconds, as every duration in spock's JSON. */
  scrapeInterval?: number
  scrapeTimeout?: number
  labels: Record<string, string>
}

function seconds(text: string | undefined): number | undefined {
  const ms = text === undefined ? undefined : tryParseDuration(text)
  return ms === undefined ? undefined : ms / 1000
}

interface JobSummary {
  job: string
  up: number
  down: number
  unknown: number
  dropped: number
}

type TargetProblemKind = 'down' | 'unknown' | 'slow' | 'near-timeout' | 'no-targets' | 'all-dropped' | 'too-few-targets' | 'too-many-down'

export interface TargetProblem {
  kind: TargetProblemKind
  severity: 'error' | 'warning'
  job?: string
  instance?: string
  scrapeUrl?: string
  message: string
}

export interface TargetsReport {
  targets: TargetResult[]
  jobs: JobSummary[]
  problems: TargetProblem[]
  ok: boolean
}

const NEVER = /^0001-01-01T/
const DEFAULT_INTERVAL_MS = 60_000
const NEAR_TIMEOUT = 0.8

interface TargetCheckFlags {
  job?: string[]
  selector?: string[]
  'max-down'?: number
  'max-down-ratio'?: string
  'max-scrape-duration'?: string
  'min-targets'?: number
  'include-unknown'?: boolean
}

/** Flag strings → options; throws UsageError naming the bad value. */
export function targetCheckOptions(f: TargetCheckFlags): TargetCheckOptions {
  const selectors = (f.selector ?? []).flatMap((s) => parseMatchers(s).matchers)
  let maxDownRatio: number | undefined
  if (f['max-down-ratio'] !== undefined) {
    maxDownRatio = Number(f['max-down-ratio'])
    if (!Number.isFinite(maxDownRatio) || maxDownRatio < 0 || maxDownRatio > 1 || f['max-down-ratio'].trim() === '') {
      throw new UsageError(`invalid --max-down-ratio ${JSON.stringify(f['max-down-ratio'])}`, {hint: 'give a number from 0 to 1, e.g. 0.1 for 10%'})
    }
  }
  for (const name of ['max-down', 'min-targets'] as const) {
    const v = f[name]
    if (v !== undefined && v < 0) throw new UsageError(`invalid --${name} ${v}`, {hint: 'give a whole number, 0 or more'})
  }
  return {
    jobs: f.job && f.job.length > 0 ? [...new Set(f.job)] : undefined,
    selectors: selectors.length > 0 ? selectors : undefined,
    maxDown: f['max-down'],
    maxDownRatio,
    maxScrapeDurationMs: f['max-scrape-duration'] === undefined ? undefined : parseDuration(f['max-scrape-duration']),
    minTargets: f['min-targets'],
    includeUnknown: f['include-unknown'],
  }
}

export function checkTargets(data: TargetsData, opts: TargetCheckOptions, now: Date): TargetsReport {
  const wanted = (pool: string) => !opts.jobs || opts.jobs.includes(pool)
  const active = data.activeTargets.filter((t) => wanted(t.scrapePool) && (!opts.selectors || matchersMatch(opts.selectors, t.labels)))
  const pairs = active
    .map((raw) => ({raw, t: toResult(raw)}))
    .sort(({t: a}, {t: b}) => compare(a.job, b.job) || compare(a.instance, b.instance) || compare(a.scrapeUrl, b.scrapeUrl))
  const targets = pairs.map((p) => p.t)
  const dropped = droppedCounts(data)
  const problems: TargetProblem[] = []
  const unhealthy: TargetProblem[] = []
  for (const {raw, t} of pairs) {
    const where = {job: t.job, instance: t.instance, scrapeUrl: t.scrapeUrl}
    if (t.health === 'down') unhealthy.push({kind: 'down', severity: 'error', ...where, message: `down: ${t.lastError || 'no error given'}`})
    else if (t.health === 'unknown') {
      const stuck = stuckFor(raw, opts, now)
      if (opts.includeUnknown || stuck !== undefined) {
        const why = stuck === undefined ? 'not scraped yet' : `not scraped yet, ${formatDuration(stuck)} after Prometheus started`
        unhealthy.push({kind: 'unknown', severity: 'error', ...where, message: why})
      }
    } else append(problems, speedProblems(t, opts, where))
  }
  const exceeded = tooMany(unhealthy.length, targets.length, opts)
  const rest = problems.splice(0) // unhealthy targets first (no unshift(...x): it throws past ~125k items)
  append(problems, unhealthy.map((p) => (exceeded ? p : {...p, severity: 'warning' as const})))
  append(problems, rest)
  if (exceeded && (opts.maxDown !== undefined || opts.maxDownRatio !== undefined)) {
    const limit = opts.maxDownRatio !== undefined ? `--max-down-ratio ${opts.maxDownRatio}` : `--max-down ${opts.maxDown}`
    problems.push({kind: 'too-many-down', severity: 'error', message: `${unhealthy.length} of ${targets.length} targets unhealthy, more than ${limit} allows`})
  }
  append(problems, jobProblems(targets, dropped, opts))
  if (opts.minTargets !== undefined && targets.length < opts.minTargets) {
    problems.push({kind: 'too-few-targets', severity: 'error', message: `${targets.length} targets, fewer than --min-targets ${opts.minTargets}`})
  }
  const jobs = summarize(targets, dropped, opts)
  return {targets, jobs, problems, ok: !problems.some((p) => p.severity === 'error')}
}

/** Scrape URLs of targets that are down, stuck unscraped or too slow. */
export function failingTargetUrls(report: TargetsReport): string[] {
  const kinds = new Set<TargetProblemKind>(['down', 'unknown', 'slow'])
  return [...new Set(report.problems.filter((p) => kinds.has(p.kind) && p.scrapeUrl).map((p) => p.scrapeUrl!))]
}

function toResult(t: ActiveTarget): TargetResult {
  const health: TargetHealth = t.health === 'up' || t.health === 'down' ? t.health : 'unknown'
  return {
    job: t.scrapePool,
    instance: t.labels.instance ?? t.discoveredLabels?.__address__ ?? '',
    scrapeUrl: t.scrapeUrl,
    health,
    lastError: t.lastError ?? '',
    lastScrape: NEVER.test(t.lastScrape) || t.lastScrape === '' ? null : t.lastScrape,
    lastScrapeDuration: t.lastScrapeDuration,
    scrapeInterval: seconds(t.scrapeInterval ?? t.discoveredLabels?.__scrape_interval__),
    scrapeTimeout: seconds(t.scrapeTimeout ?? t.discoveredLabels?.__scrape_timeout__),
    labels: t.labels,
  }
}

/** How long a never-scraped target has waited beyond 2 intervals' grace, or undefined while it may be pending. */
function stuckFor(t: ActiveTarget, opts: TargetCheckOptions, now: Date): number | undefined {
  const since = !NEVER.test(t.lastScrape) && t.lastScrape !== '' ? new Date(t.lastScrape) : opts.serverStartTime
  if (!since || Number.isNaN(since.getTime())) return undefined
  const interval = tryParseDuration(t.scrapeInterval ?? t.discoveredLabels?.__scrape_interval__ ?? '') ?? DEFAULT_INTERVAL_MS
  const waited = now.getTime() - since.getTime()
  return waited > 2 * interval ? waited : undefined
}

function speedProblems(t: TargetResult, opts: TargetCheckOptions, where: Pick<TargetProblem, 'job' | 'instance' | 'scrapeUrl'>): TargetProblem[] {
  const ms = t.lastScrapeDuration * 1000
  const took = formatScrapeDuration(t.lastScrapeDuration)
  if (opts.maxScrapeDurationMs !== undefined && ms > opts.maxScrapeDurationMs) {
    return [{kind: 'slow', severity: 'error', ...where, message: `last scrape took ${took}, more than --max-scrape-duration ${formatDuration(opts.maxScrapeDurationMs)}`}]
  }
  const timeout = t.scrapeTimeout === undefined ? undefined : t.scrapeTimeout * 1000
  if (timeout !== undefined && timeout > 0 && ms > NEAR_TIMEOUT * timeout) {
    const pct = Math.round((ms / timeout) * 100)
    return [{kind: 'near-timeout', severity: 'warning', ...where, message: `last scrape took ${took}, ${pct}% of its ${formatDuration(timeout)} scrape timeout`}]
  }
  return []
}

function tooMany(unhealthy: number, total: number, opts: TargetCheckOptions): boolean {
  if (opts.maxDownRatio !== undefined) return total > 0 && unhealthy / total > opts.maxDownRatio
  return unhealthy > (opts.maxDown ?? 0)
}

function droppedCounts(data: TargetsData): Map<string, number> {
  const out = new Map<string, number>()
  if (data.droppedTargetCounts) {
    for (const [pool, n] of Object.entries(data.droppedTargetCounts)) out.set(pool, n)
    return out
  }
  for (const d of data.droppedTargets ?? []) {
    const pool = d.scrapePool ?? d.discoveredLabels.job
    if (pool !== undefined) out.set(pool, (out.get(pool) ?? 0) + 1)
  }
  return out
}

function jobProblems(targets: TargetResult[], dropped: Map<string, number>, opts: TargetCheckOptions): TargetProblem[] {
  const out: TargetProblem[] = []
  const withTargets = new Set(targets.map((t) => t.job))
  for (const job of opts.jobs ?? []) {
    if (withTargets.has(job) || (dropped.get(job) ?? 0) > 0) continue
    const configured = opts.scrapePools?.includes(job)
    const message =
      opts.scrapePools === undefined
        ? 'no targets: no such job, or its service discovery found nothing'
        : configured
          ? 'no targets: service discovery found nothing'
          : `no such job; configured jobs: ${opts.scrapePools.join(', ') || 'none'}`
    out.push({kind: 'no-targets', severity: 'error', job, message: opts.selectors && configured !== false ? `${message} (or none match the selectors)` : message})
  }
  // Only pools with no active target at all: a pool that keeps some targets is relabelling on purpose.
  const activeAll = new Set(targets.map((t) => t.job))
  for (const [job, n] of [...dropped].sort(([a], [b]) => compare(a, b))) {
    if (n === 0 || activeAll.has(job) || (opts.jobs && !opts.jobs.includes(job)) || opts.selectors) continue
    out.push({
      kind: 'all-dropped',
      severity: opts.jobs ? 'error' : 'warning',
      job,
      message: `all ${n} discovered target${n === 1 ? ' was' : 's were'} dropped by relabelling`,
    })
  }
  return out
}

function summarize(targets: TargetResult[], dropped: Map<string, number>, opts: TargetCheckOptions): JobSummary[] {
  const byJob = new Map<string, JobSummary>()
  const row = (job: string) => byJob.get(job) ?? byJob.set(job, {job, up: 0, down: 0, unknown: 0, dropped: dropped.get(job) ?? 0}).get(job)!
  for (const t of targets) row(t.job)[t.health]++
  for (const job of opts.jobs ?? []) row(job)
  if (!opts.selectors) for (const [job] of dropped) if (!opts.jobs || opts.jobs.includes(job)) row(job)
  return [...byJob.values()].sort((a, b) => compare(a.job, b.job))
}

/** Scrape durations for people: "3.8ms", "1.25s". */
export function formatScrapeDuration(s: number): string {
  if (s < 1) return `${Number((s * 1000).toPrecision(2))}ms`
  return `${Number(s.toPrecision(3))}s`
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Ask one Prometheus for its targets (plus start time and pool names, when it has them) and check them. */
export async function checkServerTargets(http: HttpClient, opts: TargetCheckOptions, now: () => Date = () => new Date()): Promise<TargetsReport> {
  const optional = <T>(p: Promise<T>) => p.catch((err: unknown) => (err instanceof ApiError ? undefined : Promise.reject(err)))
  const [data, runtime, pools] = await Promise.all([getTargets(http), optional(getRuntimeInfo(http)), optional(getScrapePools(http))])
  const started = runtime ? new Date(runtime.startTime) : undefined
  return checkTargets(data, {...opts, serverStartTime: opts.serverStartTime ?? started, scrapePools: opts.scrapePools ?? pools}, now())
}
