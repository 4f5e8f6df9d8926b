// spock's own config file: named contexts with connection settings. Strict: a typo is an error.
import {z} from 'zod'

const tls = z.strictObject({
  ca_file: z.string().optional(),
  cert_file: z.string().optional(),
  key_file: z.string().optional(),
  insecure_skip_verify: z.boolean().optional(),
  server_name: z.string().optional(),
})

const server = z.strictObject({
  url: z.string().min(1).optional(),
  basic_auth: z.strictObject({username: z.string().min(1), password_file: z.string().min(1).optional()}).optional(),
  bearer_token_file: z.string().min(1).optional(),
  tls_config: tls.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  tenant: z.string().min(1).optional(),
  timeout: z.string().optional(),
})

const alertmanager = server.extend({urls: z.array(z.string().min(1)).min(1).optional()})

export const contextSchema = z.strictObject({
  prometheus: server.optional(),
  alertmanager: alertmanager.optional(),
  author: z.string().min(1).optional(),
})

export const spockConfigSchema = z.strictObject({
  'current-context': z.string().optional(),
  contexts: z.record(z.string(), contextSchema.nullable()).optional(),
})

export type ServerConfig = z.infer<typeof server>
export type AlertmanagerConfig = z.infer<typeof alertmanager>
export type ContextConfig = z.infer<typeof contextSchema>
export type SpockConfig = z.infer<typeof spockConfigSchema>
