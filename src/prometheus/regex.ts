// RE2 (Go regexp) validation for label matchers, via re2js.
import {RE2JS} from 're2js'

export interface Re2Options {
  /** Go ≥ 1.22 accepts `(?<name>…)`; Go 1.19 (Prometheus 2.42, Alertmanager 0.25) does not. */
  allowAngleNamedGroups?: boolean
}

// Alternations of literal chars and `.`, each optionally followed by one `*`, `+` or `?`
// (`api|web`, `5..`, `.+`, `prod-.*`): always valid RE2, so skip the costly compile.
const TRIVIAL = /^(?:[A-Za-z0-9_\-:/ ,@=.][*+?]?)*(?:\|(?:[A-Za-z0-9_\-:/ ,@=.][*+?]?)*)*$/

/** Anchors a matcher value the way Prometheus and Alertmanager do before compiling it. */
function anchored(pattern: string): string {
  return `^(?:${pattern})$`
}

/**
 * Returns Go's compile error for a regex label matcher value, or undefined when it is valid.
 * The message quotes the anchored pattern, as Prometheus does: error parsing regexp: missing closing ): `^(?:(.*)$`
 */
export function checkRe2(pattern: string, opts: Re2Options = {}): string | undefined {
  if (TRIVIAL.test(pattern)) return undefined
  if (!opts.allowAngleNamedGroups && pattern.includes('(?<')) {
    // Only a real group opener counts: an escaped `\(` is a literal.
    const at = findUnescaped(pattern, '(?<')
    if (at >= 0) return 'error parsing regexp: invalid or unsupported Perl syntax: `(?<`'
  }
  try {
    RE2JS.compile(anchored(pattern))
    return undefined
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return message.startsWith('error parsing regexp') ? message : `error parsing regexp: ${message}`
  }
}

/** True when the anchored regex matches the empty string (the pattern must be valid). */
export function re2MatchesEmpty(pattern: string): boolean {
  try {
    return RE2JS.compile(anchored(pattern)).matches('')
  } catch {
    return false
  }
}

function findUnescaped(s: string, needle: string): number {
  let inClass = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === '\\') {
      i++
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      continue
    }
    if (c === '[') {
      inClass = true
      if (s[i + 1] === '^') i++
      if (s[i + 1] === ']') i++
      continue
    }
    if (s.startsWith(needle, i)) return i
  }
  return -1
}
