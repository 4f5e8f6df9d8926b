// Check a decoded API body against its zod schema; a mismatch means the server is not what we expected.
import type {z} from 'zod'
import {ApiError} from '../errors.js'

export function parseResponse<T extends z.ZodType>(schema: T, body: unknown, where: string, hint?: string): z.infer<T> {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new ApiError(`unexpected response from ${where}: ${issue?.path.join('.') || 'body'}: ${issue?.message}`, {
    hint: hint ?? 'is this the right kind of server, and is the URL prefix right?',
  })
}
