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
