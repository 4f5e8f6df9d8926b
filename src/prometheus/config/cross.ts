// Checks across sections that config.Load does after decoding: rule file patterns, interval
// inheritance (scrape_timeout <= scrape_interval), unique job and remote names, URLs in static targets.
import type {Decoder} from '../../yaml/decode.js'
import {validateHttpClient} from './http-client.js'

type Obj = Record<string, unknown>
const RULE_PATH = /^[^*]*(\*[^/]*)?$/
const DEFAULT_INTERVAL = 60_000
const DEFAULT_TIMEOUT = 10_000

const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => typeof x === 'object' && x !== null) : [])

export function crossChecks(cfg: Obj, d: Decoder): void {
  for (const rf of (cfg.rule_files as (string | undefined)[] | undefined) ?? []) {
    if (rf !== undefined && !RULE_PATH.test(rf)) {
      d.report(d.at(cfg, 'rule_files'), `invalid rule file path ${JSON.stringify(rf)}`, {check: 'prom/rule-files', hint: 'a * may appear only in the last path element, e.g. rules/*.yml'})
    }
  }
  const global = (cfg.global as Obj | undefined) ?? {}
  const gInterval = (global.scrape_interval as number | undefined) || DEFAULT_INTERVAL
  let gTimeout = (global.scrape_timeout as number | undefined) ?? 0
  if (gTimeout > gInterval) {
    d.report(d.keyAt(global, 'scrape_timeout'), 'global scrape timeout greater than scrape interval', {check: 'prom/scrape', hint: 'make global.scrape_timeout at most global.scrape_interval'})
  }
  if (gTimeout === 0) gTimeout = Math.min(DEFAULT_TIMEOUT, gInterval)
  const jobs = new Map<string, Obj>()
  for (const sc of objects(cfg.scrape_configs)) {
    const job = typeof sc.job_name === 'string' ? sc.job_name : ''
    if (job === '' && !d.isInvalid(sc, 'job_name')) {
      d.report(d.has(sc, 'job_name') ? d.keyAt(sc, 'job_name') : d.at(sc), 'job_name is empty', {check: 'prom/scrape', hint: 'give every scrape config a unique job_name'})
    }
    validateHttpClient(sc, d)
    const interval = (sc.scrape_interval as number | undefined) || gInterval
    const timeout = (sc.scrape_timeout as number | undefined) ?? 0
    if (timeout > interval) {
      d.report(d.keyAt(sc, 'scrape_timeout'), `scrape timeout greater than scrape interval for scrape config with job name ${JSON.stringify(job)}`, {
        check: 'prom/scrape',
        hint: `make scrape_timeout at most the scrape interval (${sc.scrape_interval === undefined || sc.scrape_interval === 0 ? 'inherited from global' : 'set in this job'})`,
      })
    }
    if (job !== '') {
      if (jobs.has(job)) d.report(d.at(sc, 'job_name'), `found multiple scrape configs with job name ${JSON.stringify(job)}`, {check: 'prom/scrape', hint: `rename one of the jobs; the first is at line ${d.at(jobs.get(job), 'job_name').line}`})
      else jobs.set(job, sc)
    }
    if (!hasRules(sc.relabel_configs)) staticTargets(sc, d)
  }
  const alerting = (cfg.alerting as Obj | undefined) ?? {}
  for (const am of objects(alerting.alertmanagers)) if (!hasRules(am.relabel_configs)) staticTargets(am, d)
  uniqueNames(objects(cfg.remote_write), 'write', d)
  uniqueNames(objects(cfg.remote_read), 'read', d)
}

function hasRules(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0
}

/** Without relabelling, a target with a "/" (a URL) can never be scraped. */
function staticTargets(o: Obj, d: Decoder): void {
  for (const sc of objects(o.static_configs)) {
    for (const t of (sc.targets as unknown[] | undefined) ?? []) {
      if (typeof t === 'string' && t.includes('/')) {
        d.report(d.at(sc, 'targets'), `${JSON.stringify(t)} is not a valid hostname`, {check: 'prom/scrape', hint: 'write targets as host:port; set scheme and metrics_path separately'})
      }
    }
  }
}

function uniqueNames(list: Obj[], kind: 'write' | 'read', d: Decoder): void {
  const seen = new Set<string>()
  for (const o of list) {
    const name = o.name
    if (typeof name !== 'string' || name === '') continue
    if (seen.has(name)) d.report(d.at(o, 'name'), `found multiple remote ${kind} configs with job name ${JSON.stringify(name)}`, {hint: `give every remote_${kind} entry a unique name`})
    seen.add(name)
  }
}
