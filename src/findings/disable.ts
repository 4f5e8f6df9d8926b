// Turning checks off by id: the --disable flag (the comment form is in src/lint/suppress.ts).
import type {Problem} from './problem.js'
import type {CheckInfo} from './registry.js'

interface DisableResult {
  disabled: Set<string>
  unknown: string[] // ids not among the known checks, in the order given
}

/** Repeatable --disable values, each one id or a comma-separated list, against the checks a command knows. */
export function parseDisable(values: readonly string[] | undefined, known: readonly CheckInfo[]): DisableResult {
  const ids = new Set(known.map((c) => c.id))
  const disabled = new Set<string>()
  const unknown: string[] = []
  for (const value of values ?? []) {
    for (const id of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (ids.has(id)) disabled.add(id)
      else if (!unknown.includes(id)) unknown.push(id)
    }
  }
  return {disabled, unknown}
}

/** One line for a usage error: what was wrong and the ids that would have been right. */
export function unknownChecksMessage(unknown: readonly string[], known: readonly CheckInfo[]): string {
  const what = unknown.length === 1 ? `unknown check "${unknown[0]}"` : `unknown checks ${unknown.map((u) => `"${u}"`).join(', ')}`
  return `${what} in --disable; known checks: ${known.map((c) => c.id).join(', ')}`
}

export function withoutDisabled(problems: readonly Problem[], disabled: ReadonlySet<string> | undefined): Problem[] {
  if (!disabled || disabled.size === 0) return [...problems]
  return problems.filter((p) => !disabled.has(p.check))
}
