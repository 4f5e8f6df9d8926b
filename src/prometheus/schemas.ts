// Shapes of the Prometheus HTTP API (v1). Lenient: unknown fields are dropped, newer fields optional.
import * as z from 'zod/mini'

export const envelope = <T extends z.ZodMiniType>(data: T) =>
  z.object({status: z.literal('success'), data, warnings: z.optional(z.array(z.string()))})

export const buildInfo = z.object({
  version: z.optional(z.string()), // VictoriaMetrics sends {}
  revision: z.optional(z.string()),
  branch: z.optional(z.string()),
  goVersion: z.optional(z.string()),
})

export const runtimeInfo = z.object({
  startTime: z.string(),
  reloadConfigSuccess: z.optional(z.boolean()),
  lastConfigTime: z.optional(z.string()),
  storageRetention: z.optional(z.string()),
})

export type BuildInfo = z.infer<typeof buildInfo>
export type RuntimeInfo = z.infer<typeof runtimeInfo>

// /api/v1/targets. 2.42 sends every field below except droppedTargetCounts (3.x) and a dropped target's
// scrapePool (2.42 has only discoveredLabels, whose "job" is the pool name).
const labelSet = z.record(z.string(), z.string())

const activeTarget = z.object({
  discoveredLabels: z.optional(labelSet),
  labels: labelSet,
  scrapePool: z.string(),
  scrapeUrl: z.string(),
  globalUrl: z.optional(z.string()),
  lastError: z.optional(z.string()),
  lastScrape: z.string(),
  lastScrapeDuration: z.number(),
  health: z.string(), // up | down | unknown
  scrapeInterval: z.optional(z.string()),
  scrapeTimeout: z.optional(z.string()),
})

const droppedTarget = z.object({
  discoveredLabels: labelSet,
  scrapePool: z.optional(z.string()),
})

export const targetsData = z.object({
  activeTargets: z.array(activeTarget),
  droppedTargets: z.nullish(z.array(droppedTarget)),
  droppedTargetCounts: z.nullish(z.record(z.string(), z.number())),
})

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isLabelSet = (v: unknown) => isObject(v) && Object.values(v).every((x) => typeof x === 'string')
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v)
const isString = (v: unknown) => typeof v === 'string'

function isActiveTarget(t: unknown): boolean {
  if (!isObject(t)) return false
  return (
    isLabelSet(t.labels) && isString(t.scrapePool) && isString(t.scrapeUrl) && isString(t.lastScrape) && typeof t.lastScrapeDuration === 'number' &&
    isString(t.health) && optional(t.discoveredLabels, isLabelSet) && optional(t.globalUrl, isString) && optional(t.lastError, isString) &&
    optional(t.scrapeInterval, isString) && optional(t.scrapeTimeout, isString)
  )
}

/**
 * The same test as `envelope(targetsData)` without building a copy: with 10,000 targets the zod parse was the
 * largest part of `targets check`. When this says no, zod parses and says what is wrong.
 */
export function isTargetsEnvelope(body: unknown): body is {status: 'success'; data: TargetsData} {
  if (!isObject(body) || body.status !== 'success' || !isObject(body.data) || !optional(body.warnings, (w) => Array.isArray(w) && w.every(isString))) return false
  const d = body.data
  return (
    Array.isArray(d.activeTargets) &&
    d.activeTargets.every(isActiveTarget) &&
    (d.droppedTargets == null || (Array.isArray(d.droppedTargets) && d.droppedTargets.every((t) => isObject(t) && isLabelSet(t.discoveredLabels) && optional(t.scrapePool, isString)))) &&
    (d.droppedTargetCounts == null || (isObject(d.droppedTargetCounts) && Object.values(d.droppedTargetCounts).every((n) => typeof n === 'number')))
  )
}

export const scrapePools = z.object({scrapePools: z.array(z.string())})
export const labelValues = z.array(z.string())

// /api/v1/status/tsdb. An empty head reports minTime = MaxInt64 and maxTime = MinInt64.
const stat = z.object({name: z.string(), value: z.number()})

// VictoriaMetrics has no head: it sends totalSeries and totalLabelValuePairs instead of headStats.
export const tsdbStatus = z.object({
  headStats: z.optional(
    z.object({
      numSeries: z.number(),
      numLabelPairs: z.optional(z.number()),
      chunkCount: z.number(),
      minTime: z.number(),
      maxTime: z.number(),
    }),
  ),
  totalSeries: z.optional(z.number()),
  totalLabelValuePairs: z.optional(z.number()),
  seriesCountByMetricName: z.nullish(z.array(stat)),
  labelValueCountByLabelName: z.nullish(z.array(stat)),
  memoryInBytesByLabelName: z.nullish(z.array(stat)),
  seriesCountByLabelValuePair: z.nullish(z.array(stat)),
})

export type ActiveTarget = z.infer<typeof activeTarget>
export type TargetsData = z.infer<typeof targetsData>
export type TsdbStat = z.infer<typeof stat>
export type TsdbStatus = z.infer<typeof tsdbStatus>

// /api/v1/rules. VictoriaMetrics' vmalert adds fields and may leave out evaluationTime/lastEvaluation per rule.
const promAlert = z.object({
  labels: labelSet,
  annotations: z.optional(labelSet),
  state: z.string(), // pending | firing
  activeAt: z.optional(z.string()),
  value: z.optional(z.string()),
})

const rule = z.object({
  type: z.string(), // alerting | recording
  name: z.string(),
  query: z.string(),
  duration: z.optional(z.number()),
  keepFiringFor: z.optional(z.number()),
  labels: z.nullish(labelSet),
  annotations: z.nullish(labelSet),
  alerts: z.nullish(z.array(promAlert)),
  state: z.optional(z.string()),
  health: z.optional(z.string()),
  lastError: z.optional(z.string()),
  evaluationTime: z.optional(z.number()),
  lastEvaluation: z.optional(z.string()),
})

export const rulesData = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      file: z.optional(z.string()),
      interval: z.optional(z.number()),
      rules: z.nullish(z.array(rule)),
      evaluationTime: z.optional(z.number()),
      lastEvaluation: z.optional(z.string()),
    }),
  ),
})


export type PromAlert = z.infer<typeof promAlert>
export type RulesData = z.infer<typeof rulesData>
