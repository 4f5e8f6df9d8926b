// --annotation k=v (repeatable), --summary and --description: the test alert's annotations.
import {UsageError} from '../errors.js'

export function annotationArgs(args: readonly string[], summary?: string, description?: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const arg of args) {
    const eq = arg.indexOf('=')
    if (eq <= 0) throw new UsageError(`--annotation "${arg}" is not NAME=VALUE`, {hint: 'e.g. --annotation runbook_url=https://runbooks.example/test'})
    out[arg.slice(0, eq)] = arg.slice(eq + 1)
  }
  if (summary !== undefined) out.summary = summary
  if (description !== undefined) out.description = description
  return out
}
