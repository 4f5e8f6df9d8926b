// Live checks (--prometheus-url): what the server knows about the metrics the rules select. Fetched once
// per run, before the checks, so the checks themselves stay pure (promql/series, promql/rate).
import type {HttpClient} from '../http/client.js'
import {getLabelValues, getTargets} from '../prometheus/api.js'
import {tryParseDuration} from '../model/duration.js'
import {mapConcurrent} from '../concurrency.js'
import type {CheckCache} from './engines.js'
import {promqlTree, walk} from './checks/promql-ast.js'
import type {RuleFile} from './rule-file.js'

export interface LiveData {
  server: string // display URL
  days: number // the look-back window
  metrics: Set<string> // metric names with series in the window
  recorded: Set<string> // names the given rule files record (they need not exist yet)
  /** metric -> label -> values, for the labels the rules match with "=". */
  labels: Map<string, Map<string, Set<string>>>
  /** metric -> the longest scrape interval of the jobs that export it. */
  intervals: Map<string, {ms: number; jobs: string[]}>
}

export interface LiveOptions {
  http: HttpClient
  days?: number // default 7
  now?: Date
}

/** Metric names the rules select, with the labels each is matched on with "=". */
function selectedMetrics(files: readonly RuleFile[], cache: CheckCache): {metrics: Map<string, Set<string>>; recorded: Set<string>} {
  const metrics = new Map<string, Set<string>>()
  const recorded = new Set<string>()
  for (const file of files)
    for (const g of file.groups)
      for (const r of g.rules) {
        if (r.recordText !== '') recorded.add(r.recordText)
        const tree = r.exprText === '' ? undefined : promqlTree(cache, r.exprText)
        if (!tree) continue
        for (const e of walk(tree)) {
          if (e.kind !== 'selector' || e.name === '') continue
          const labels = metrics.get(e.name) ?? new Set<string>()
          metrics.set(e.name, labels)
          for (const m of e.matchers) if (m.op === '=' && m.value !== '' && m.name !== '__name__') labels.add(m.name)
        }
      }
  return {metrics, recorded}
}

export async function fetchLive(files: readonly RuleFile[], cache: CheckCache, opts: LiveOptions): Promise<LiveData> {
  const days = opts.days ?? 7
  const end = opts.now ?? new Date()
  const start = new Date(end.getTime() - days * 86_400_000)
  const {metrics: wanted, recorded} = selectedMetrics(files, cache)
  const http = opts.http
  const metrics = new Set(await getLabelValues(http, '__name__', {start, end}))
  const targets = await getTargets(http, {state: 'active'})
  const poolInterval = new Map<string, number>()
  for (const t of targets.activeTargets) {
    const ms = t.scrapeInterval ? tryParseDuration(t.scrapeInterval) : undefined
    const job = t.labels.job ?? t.scrapePool
    if (ms !== undefined) poolInterval.set(job, Math.max(ms, poolInterval.get(job) ?? 0))
  }
  const labels = new Map<string, Map<string, Set<string>>>()
  const intervals = new Map<string, {ms: number; jobs: string[]}>()
  const present = [...wanted].filter(([m]) => metrics.has(m))
  await mapConcurrent(present, 4, async ([metric, names]) => {
    const match = `{__name__=${JSON.stringify(metric)}}`
    const jobs = (await getLabelValues(http, 'job', {match, start, end})).filter((j) => poolInterval.has(j))
    if (jobs.length > 0) intervals.set(metric, {ms: Math.max(...jobs.map((j) => poolInterval.get(j)!)), jobs})
    const byLabel = new Map<string, Set<string>>()
    for (const name of names) byLabel.set(name, new Set(await getLabelValues(http, name, {match, start, end})))
    labels.set(metric, byLabel)
  })
  return {server: http.displayUrl, days, metrics, recorded, labels, intervals}
}
