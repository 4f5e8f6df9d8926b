// prometheus.yml and alerts.yml from init's choices: config-templates/prometheus.yml with the interval set and the
// app's scrape jobs appended; the rule packs of config-templates/rules/ joined into one file.
import {UsageError} from '../errors.js'
import type {InitChoices, RulePack} from './options.js'

const q = (s: string): string => JSON.stringify(s)

function seconds(d: string): number {
  const units: Record<string, number> = {ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000}
  let total = 0
  for (const m of d.matchAll(/([0-9]+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * units[m[2]!]!
  return total
}

export function renderPrometheus(template: string, c: InitChoices): string {
  let text = template
  const set = (key: string, value: string) => {
    const re = new RegExp(`^(  ${key}: )\\S+`, 'm')
    if (!re.test(text)) throw new UsageError(`config-templates/prometheus.yml has no "  ${key}:" line`, {hint: 'restore the template from the spock package'})
    text = text.replace(re, `$1${value}`)
  }
  set('scrape_interval', c.interval)
  set('evaluation_interval', c.interval)
  if (seconds(c.interval) < 10) set('scrape_timeout', c.interval)
  return `${text.trimEnd()}\n${c.scrapes.map((s) => scrapeJob(s, c)).join('')}`
}

function scrapeJob(s: InitChoices['scrapes'][number], c: InitChoices): string {
  const labels = (region?: string): string => {
    const all: Record<string, string> = {...c.labels, ...(region ? {region} : {})}
    const keys = Object.keys(all)
    return keys.length === 0 ? '' : `        labels: {${keys.map((k) => `${k}: ${q(all[k]!)}`).join(', ')}}\n`
  }
  const groups = (c.regions.length > 0 ? c.regions : [undefined]).map((region) => {
    const target = region ? s.target.replace(/\{region\}/g, region) : s.target
    return `      - targets: [${q(target)}]\n${labels(region)}`
  })
  const path = s.path === '/metrics' ? '' : `    metrics_path: ${q(s.path)}\n`
  return `  - job_name: ${q(s.job)}\n${path}    static_configs:\n${groups.join('')}`
}

export function checkScrapes(c: InitChoices): void {
  const jobs = new Set(['prometheus', 'alertmanager'])
  for (const s of c.scrapes) {
    if (jobs.has(s.job)) throw new UsageError(`--scrape: the job name "${s.job}" is used twice`, {hint: 'name the job: --scrape JOB=HOST:PORT'})
    jobs.add(s.job)
    if (s.target.includes('{region}') && c.regions.length === 0) throw new UsageError(`--scrape ${s.target}: {region} needs --regions`, {hint: 'e.g. --regions kr,us'})
  }
}

/** The chosen packs as one rules file; `read` gives a pack's template text. */
export function renderRules(c: InitChoices, read: (pack: RulePack) => string): string {
  const budget = Number((1 - c.slo / 100).toPrecision(6)).toString()
  const bodies = c.rules.map((pack) => {
    const text = read(pack).replace(/__PREFIX__/g, c.metricPrefix).replace(/__BUDGET__/g, budget).replace(/__SLO__/g, String(c.slo))
    const at = text.indexOf('\ngroups:\n')
    if (at < 0) throw new UsageError(`config-templates/rules/${pack}.yml has no "groups:" line`, {hint: 'restore the template from the spock package'})
    const head = text.slice(0, at).trim()
    return `${head}\n${text.slice(at + '\ngroups:\n'.length).trimEnd()}\n`
  })
  return `# Alerting rules written by \`spock init\`. Check them with \`spock rules check alerts.yml\`.\n# Packs: ${c.rules.join(', ')}.\ngroups:\n${bodies.map((b) => b.replace(/^#/gm, '  #')).join('\n')}`
}
