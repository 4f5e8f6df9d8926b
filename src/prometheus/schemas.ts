// Shapes of the Prometheus HTTP API (v1). Lenient: unknown fields are dropped, newer fields optional.
import {z} from 'zod'

export const envelope = <T extends z.ZodType>(data: T) =>
  z.object({status: z.literal('success'), data, warnings: z.array(z.string()).optional()})

export const buildInfo = z.object({
  version: z.string(),
  revision: z.string().optional(),
  branch: z.string().optional(),
  goVersion: z.string().optional(),
})

export const runtimeInfo = z.object({
  startTime: z.string(),
  reloadConfigSuccess: z.boolean().optional(),
  lastConfigTime: z.string().optional(),
  storageRetention: z.string().optional(),
})

export type BuildInfo = z.infer<typeof buildInfo>
export type RuntimeInfo = z.infer<typeof runtimeInfo>

// /api/v1/targets. 2.42 sends every field below except droppedTargetCounts (3.x) and a dropped target's
// scrapePool (2.42 has only discoveredLabels, whose "job" is the pool name).
const labelSet = z.record(z.string(), z.string())

export const activeTarget = z.object({
  discoveredLabels: labelSet.optional(),
  labels: labelSet,
  scrapePool: z.string(),
  scrapeUrl: z.string(),
  globalUrl: z.string().optional(),
  lastError: z.string().optional(),
  lastScrape: z.string(),
  lastScrapeDuration: z.number(),
  health: z.string(), // up | down | unknown
  scrapeInterval: z.string().optional(),
  scrapeTimeout: z.string().optional(),
})

export const droppedTarget = z.object({
  discoveredLabels: labelSet,
  scrapePool: z.string().optional(),
})

export const targetsData = z.object({
  activeTargets: z.array(activeTarget),
  droppedTargets: z.array(droppedTarget).nullish(),
  droppedTargetCounts: z.record(z.string(), z.number()).nullish(),
})

export const scrapePools = z.object({scrapePools: z.array(z.string())})

// /api/v1/status/tsdb. An empty head reports minTime = MaxInt64 and maxTime = MinInt64.
const stat = z.object({name: z.string(), value: z.number()})

export const tsdbStatus = z.object({
  headStats: z.object({
    numSeries: z.number(),
    numLabelPairs: z.number().optional(),
    chunkCount: z.number(),
    minTime: z.number(),
    maxTime: z.number(),
  }),
  seriesCountByMetricName: z.array(stat).nullish(),
  labelValueCountByLabelName: z.array(stat).nullish(),
  memoryInBytesByLabelName: z.array(stat).nullish(),
  seriesCountByLabelValuePair: z.array(stat).nullish(),
})

export type ActiveTarget = z.infer<typeof activeTarget>
export type DroppedTarget = z.infer<typeof droppedTarget>
export type TargetsData = z.infer<typeof targetsData>
export type TsdbStat = z.infer<typeof stat>
export type TsdbStatus = z.infer<typeof tsdbStatus>
