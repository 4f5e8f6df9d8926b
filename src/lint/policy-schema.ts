// The lint policy file's schema (see policy.ts).
import * as z from 'zod/mini'

const regex = () =>
  z.string().check(
    z.refine((s) => {
      try {
        new RegExp(s, 'u')
        return true
      } catch {
        return false
      }
    }, 'not a valid regular expression'),
  )

const required = z.strictObject({
  name: z.string().check(z.minLength(1)),
  values: z.optional(z.array(z.string())), // allowed values (exact)
  value: z.optional(regex()), // or a regex the whole value must match
  required: z.optional(z.boolean()), // default true
})

const durationText = z.string().check(z.regex(/^(\d+(ms|s|m|h|d|w|y))+$/, 'a duration such as 1m'))

export const policySchema = z.strictObject({
  disable: z.optional(z.array(z.string())),
  severity: z.optional(z.record(z.string(), z.enum(['error', 'warning', 'info']))),
  checks: z.optional(
    z.strictObject({
      'rule/label': z.optional(z.strictObject({labels: z.array(required)})),
      'alerts/annotation': z.optional(z.strictObject({annotations: z.array(required), one_of: z.optional(z.array(z.string()))})),
      'rule/name': z.optional(z.strictObject({alert: z.optional(regex()), record: z.optional(regex())})),
      'alerts/for': z.optional(z.strictObject({evaluation_interval: z.optional(durationText)})),
      'metrics/name': z.optional(z.strictObject({pattern: regex()})),
    }),
  ),
})

export type LintPolicy = z.infer<typeof policySchema>
export type RequiredEntry = z.infer<typeof required>
