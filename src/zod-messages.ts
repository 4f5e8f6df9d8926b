// zod/mini ships without messages (it is 32 KB bundled, zod 755 KB). Load English ones only when a
// validation failed and its message is about to be shown, then validate again to get them.
import en from 'zod/v4/locales/en.js'
import * as z from 'zod/mini'

export function explain<T extends z.ZodMiniType>(schema: T, data: unknown): z.core.$ZodIssue[] {
  z.config(en())
  const result = schema.safeParse(data)
  return result.success ? [] : result.error.issues
}
