// Reading server answers: check a decoded body against its zod schema (a mismatch means the server is not
// what we expected), and pull the server's own error text out of an error body.
import type * as z from 'zod/mini'
import {ApiError} from '../errors.js'
import {explain} from '../zod-messages.js'

export function parseResponse<T extends z.ZodMiniType>(schema: T, body: unknown, where: string, hint?: string): z.infer<T> {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = explain(schema, body)[0]
  throw new ApiError(`unexpected response from ${where}: ${issue?.path.join('.') || 'body'}: ${issue?.message}`, {
    hint: hint ?? 'is this the right kind of server, and is the URL prefix right?',
  })
}

/** The server's own error text: Prometheus envelope, Alertmanager JSON string or {message}, or plain text. */
export function serverMessage(res: {text: string}): string {
  const text = res.text.trim()
  try {
    const body = JSON.parse(text) as unknown
    if (typeof body === 'string') return body.trim()
    if (body && typeof body === 'object') {
      const o = body as Record<string, unknown>
      if (typeof o.error === 'string') return o.errorType ? `${o.errorType}: ${o.error}` : o.error
      if (typeof o.message === 'string') return o.message
    }
  } catch {
    // not JSON
  }
  return text.split('\n')[0]!.slice(0, 300)
}
