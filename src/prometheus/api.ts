// Typed Prometheus /api/v1 calls; the envelope is unwrapped and checked here.
import type {HttpClient} from '../http/client.js'
import {parseResponse} from '../http/parse.js'
import {buildInfo, envelope, isTargetsEnvelope, labelValues, rulesData, runtimeInfo, scrapePools, targetsData, tsdbStatus, type BuildInfo, type RulesData, type RuntimeInfo, type TargetsData, type TsdbStatus} from './schemas.js'

export async function getBuildInfo(http: HttpClient): Promise<BuildInfo> {
  const body = await http.getJson('/api/v1/status/buildinfo')
  return parseResponse(envelope(buildInfo), body, `${http.displayUrl}/api/v1/status/buildinfo`).data
}

export async function getRuntimeInfo(http: HttpClient): Promise<RuntimeInfo> {
  const body = await http.getJson('/api/v1/status/runtimeinfo')
  return parseResponse(envelope(runtimeInfo), body, `${http.displayUrl}/api/v1/status/runtimeinfo`).data
}

/** Active and dropped targets (state=any: dropped ones are needed to spot jobs whose targets were all dropped). */
export async function getTargets(http: HttpClient, opts: {state?: 'active' | 'dropped' | 'any'; scrapePool?: string} = {}): Promise<TargetsData> {
  const body = await http.getJson('/api/v1/targets', {query: {state: opts.state ?? 'any', scrapePool: opts.scrapePool}})
  if (isTargetsEnvelope(body)) return body.data
  return parseResponse(envelope(targetsData), body, `${http.displayUrl}/api/v1/targets`).data
}

/** Names of the configured scrape pools (Prometheus >= 2.42). */
export async function getScrapePools(http: HttpClient): Promise<string[]> {
  const body = await http.getJson('/api/v1/scrape_pools')
  return parseResponse(envelope(scrapePools), body, `${http.displayUrl}/api/v1/scrape_pools`).data.scrapePools
}

/** Head cardinality statistics; `limit` needs Prometheus >= 2.45 (older servers ignore it and send 10 per list). */
export async function getTsdbStatus(http: HttpClient, opts: {limit?: number} = {}): Promise<TsdbStatus> {
  const query = opts.limit === undefined ? undefined : {limit: String(opts.limit)}
  const body = await http.getJson('/api/v1/status/tsdb', {query})
  return parseResponse(envelope(tsdbStatus), body, `${http.displayUrl}/api/v1/status/tsdb`).data
}

/** Loaded rule groups with their health and last evaluation. */
export async function getRules(http: HttpClient, opts: {type?: 'alert' | 'record'} = {}): Promise<RulesData> {
  const body = await http.getJson('/api/v1/rules', {query: {type: opts.type}})
  return parseResponse(envelope(rulesData), body, `${http.displayUrl}/api/v1/rules`).data
}

/** Values of one label (e.g. __name__: the metric names), over series matching `match` within [start, end]. */
export async function getLabelValues(http: HttpClient, label: string, opts: {match?: string; start?: Date; end?: Date} = {}): Promise<string[]> {
  const path = `/api/v1/label/${encodeURIComponent(label)}/values`
  const query = {'match[]': opts.match, start: opts.start && String(opts.start.getTime() / 1000), end: opts.end && String(opts.end.getTime() / 1000)}
  const body = await http.getJson(path, {query})
  return parseResponse(envelope(labelValues), body, `${http.displayUrl}${path}`).data
}
