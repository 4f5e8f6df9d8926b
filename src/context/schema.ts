// spock's own config file: named contexts with connection settings. Strict: a typo is an error.
import * as z from 'zod/mini'

const text = () => z.string().check(z.minLength(1))

const tls = z.strictObject({
  ca_file: z.optional(z.string()),
  cert_file: z.optional(z.string()),
  key_file: z.optional(z.string()),
  insecure_skip_verify: z.optional(z.boolean()),
  server_name: z.optional(z.string()),
})

const server = z.strictObject({
  url: z.optional(text()),
  basic_auth: z.optional(z.strictObject({username: text(), password_file: z.optional(text())})),
  bearer_token_file: z.optional(text()),
  tls_config: z.optional(tls),
  headers: z.optional(z.record(z.string(), z.string())),
  tenant: z.optional(text()),
  timeout: z.optional(z.string()),
})

const alertmanager = z.extend(server, {urls: z.optional(z.array(text()).check(z.minLength(1)))})

const contextSchema = z.strictObject({
  prometheus: z.optional(server),
  alertmanager: z.optional(alertmanager),
  author: z.optional(text()),
})

export const spockConfigSchema = z.strictObject({
  'current-context': z.optional(z.string()),
  contexts: z.optional(z.record(z.string(), z.nullable(contextSchema))),
})

export type ServerConfig = z.infer<typeof server>
export type ContextConfig = z.infer<typeof contextSchema>
export type SpockConfig = z.infer<typeof spockConfigSchema>
