// Shapes of the Alertmanager API v2 (0.25 .. 0.34). Lenient: unknown fields dropped, newer ones optional.
import * as z from 'zod/mini'

/** A list the server may send as null or leave out: [] then. */
function orEmpty<T extends z.ZodMiniType>(list: T) {
  return z.pipe(z.nullish(list), z.transform((v) => v ?? ([] as z.output<T>)))
}

const versionInfo = z.object({
  version: z.string(),
  revision: z.optional(z.string()),
  branch: z.optional(z.string()),
  goVersion: z.optional(z.string()),
})

const peer = z.object({name: z.string(), address: z.string()})

export const status = z.object({
  cluster: z.object({
    name: z.optional(z.string()),
    status: z.string(), // ready | settling | disabled
    peers: orEmpty(z.array(peer)),
  }),
  versionInfo,
  config: z.object({original: z.string()}),
  uptime: z.string(),
})

export type AlertmanagerStatus = z.infer<typeof status>

/** isEqual is absent before 0.22 and defaults to true (as the server does). */
export const apiMatcher = z.object({
  isEqual: z._default(z.optional(z.boolean()), true),
  isRegex: z.boolean(),
  name: z.string(),
  value: z.string(),
})

const silenceState = z.enum(['active', 'pending', 'expired'])

export const gettableSilence = z.object({
  id: z.string(),
  status: z.object({state: silenceState}),
  updatedAt: z.string(),
  comment: z.string(),
  createdBy: z.string(),
  endsAt: z.string(),
  matchers: z.array(apiMatcher),
  startsAt: z.string(),
  annotations: z.optional(z.record(z.string(), z.string())), // 0.32+
})

export const gettableSilences = z.array(gettableSilence)

export const postSilenceResponse = z.object({silenceID: z.string()})

const gettableAlert = z.object({
  labels: z.record(z.string(), z.string()),
  annotations: z.pipe(z.nullish(z.record(z.string(), z.string())), z.transform((a) => a ?? {})),
  receivers: orEmpty(z.array(z.object({name: z.string()}))),
  fingerprint: z.string(),
  startsAt: z.string(),
  updatedAt: z.string(),
  endsAt: z.string(),
  generatorURL: z.optional(z.string()),
  status: z.object({
    state: z.enum(['unprocessed', 'active', 'suppressed']),
    silencedBy: orEmpty(z.array(z.string())),
    inhibitedBy: orEmpty(z.array(z.string())),
    mutedBy: z.optional(z.array(z.string())), // 0.27+
  }),
})

export const gettableAlerts = z.array(gettableAlert)

const alertGroup = z.object({
  labels: z.record(z.string(), z.string()),
  receiver: z.object({name: z.string()}),
  alerts: z.array(gettableAlert),
})

export const alertGroups = z.array(alertGroup)

export type SilenceState = z.infer<typeof silenceState>
export type Silence = z.infer<typeof gettableSilence>
export type Alert = z.infer<typeof gettableAlert>
export type AlertGroup = z.infer<typeof alertGroup>

/** What POST /api/v2/silences takes; `id` set means update. */
export interface PostableSilence {
  id?: string
  matchers: {name: string; value: string; isRegex: boolean; isEqual?: boolean}[]
  startsAt: string
  endsAt: string
  createdBy: string
  comment: string
  annotations?: Record<string, string>
}
