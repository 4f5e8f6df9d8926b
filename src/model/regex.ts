// Go regexp (RE2) semantics for label-matcher regexes, via re2js, with the Go 1.19 quirks that
// Prometheus 2.42 and Alertmanager 0.25 show. The one place spock compiles a user's regex.
import {createRequire} from 'node:module'
import type {RE2JS} from 're2js'

let engine: typeof RE2JS | undefined
/** re2js (~270 KB of code) is loaded on the first regex that needs compiling, not at start-up. */
export function re2(): typeof RE2JS {
  return (engine ??= (createRequire(import.meta.url)('re2js') as typeof import('re2js')).RE2JS)
}

interface Re2Options {
  /** Go ≥ 1.22 accepts `(?<name>…)`; Go 1.19 (Prometheus 2.42, Alertmanager 0.25) does not. */
  allowAngleNamedGroups?: boolean
}

// Alternations of literal chars and `.`, each optionally followed by one `*`, `+` or `?`
// (`api|web`, `5..`, `.+`, `prod-.*`): always valid RE2, so skip the costly compile.
const TRIVIAL = /^(?:[A-Za-z0-9_\-:/ ,@=.][*+?]?)*(?:\|(?:[A-Za-z0-9_\-:/ ,@=.][*+?]?)*)*$/

/** What matching needs of a compiled Go regexp (re2js's RE2JS has both). */
export interface GoRegexp {
  /** The whole input matches. */
  matches(input: string): boolean
  /** Some part of the input matches. */
  test(input: string): boolean
}

/**
 * True when JS's backtracking engine runs `pattern` (a TRIVIAL one) in linear time: anchored, every
 * alternative has at most one quantifier (`prod-.*`, `.+-api`, `a|b.*`), so a match tries at most
 * input-length splits per alternative. Two quantifiers (`.*a.*b`) already backtrack quadratically, 14 of
 * them hang; those go to re2js, whose matching is linear for every pattern.
 */
export function linearInJs(pattern: string, anchor: boolean): boolean {
  const quantifiers = pattern.split('|').map((alt) => (alt.match(/[*+?]/g) ?? []).length)
  return quantifiers.every((n) => n === 0 || (anchor && n === 1))
}

/**
 * Go's regexp for `pattern` (anchored as Prometheus and Alertmanager do when `anchor`). A TRIVIAL pattern
 * that is also linearInJs means the same as a JS RegExp once `.` becomes `[^\n]` (Go's `.` is any rune but a
 * newline), so most configs never load re2js; anything else is compiled by re2js. Throws Go's "error
 * parsing regexp" text.
 */
export function goRegexp(pattern: string, anchor: boolean, opts: Re2Options = {}): GoRegexp {
  // alertmanager.yml's match_re arrives anchored already, as Alertmanager's loader stores it.
  const inner = /^\^\(\?:([^()]*)\)\$$/.exec(pattern)?.[1]
  if (inner !== undefined && TRIVIAL.test(inner) && linearInJs(inner, true)) return goRegexp(inner, true)
  if (!TRIVIAL.test(pattern) || !linearInJs(pattern, anchor)) return compileRe2(anchor ? anchored(pattern) : pattern, opts)
  const source = pattern.replace(/\./g, '[^\\n]')
  const whole = new RegExp(`^(?:${source})$`, 'u')
  const part = anchor ? whole : new RegExp(source, 'u')
  return {matches: (input) => whole.test(input), test: (input) => part.test(input)}
}

/** Anchors a matcher value the way Prometheus and Alertmanager do before compiling it. */
export function anchored(pattern: string): string {
  return `^(?:${pattern})$`
}

/** Go's regexp.Compile as RE2; throws an Error with Go's "error parsing regexp: ..." text. */
export function compileRe2(re: string, opts: Re2Options = {}): RE2JS {
  const openers = groupOpeners(re)
  if (!opts.allowAngleNamedGroups && openers.some((i) => re.startsWith('(?<', i))) {
    throw new Error('error parsing regexp: invalid or unsupported Perl syntax: `(?<`')
  }
  try {
    return re2().compile(re)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    if (!/duplicate capture group name/.test(message)) {
      throw new Error(message.startsWith('error parsing regexp') ? message : `error parsing regexp: ${message}`)
    }
  }
  // Go allows a group name twice; re2js does not. Names do not affect matching: number them.
  let k = 0
  return re2().compile(re.replace(/\(\?P?<\w+>/g, (m, at: number) => (openers.includes(at) ? `(?P<g${k++}>` : m)))
}

/**
 * Go's compile error for a regex label matcher value, or undefined when it is valid.
 * The message quotes the anchored pattern, as Prometheus does: error parsing regexp: missing closing ): `^(?:(.*)$`
 */
export function checkRe2(pattern: string, opts: Re2Options = {}): string | undefined {
  if (TRIVIAL.test(pattern)) return undefined
  try {
    compileRe2(anchored(pattern), opts)
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}

/** True when the anchored regex matches the empty string (the pattern must be valid). */
export function re2MatchesEmpty(pattern: string): boolean {
  try {
    return goRegexp(pattern, true, {allowAngleNamedGroups: true}).matches('')
  } catch {
    return false
  }
}

/** Offsets of the `(` of every group outside escapes and character classes. */
function groupOpeners(re: string): number[] {
  const out: number[] = []
  let inClass = false
  for (let i = 0; i < re.length; i++) {
    const c = re[i]
    if (c === '\\') i++
    else if (inClass) {
      if (c === '[' && re[i + 1] === ':') {
        const end = re.indexOf(':]', i + 2)
        if (end > 0) i = end + 1
      } else if (c === ']') inClass = false
    } else if (c === '[') {
      inClass = true
      if (re[i + 1] === '^') i++
      if (re[i + 1] === ']') i++ // a leading ] is literal
    } else if (c === '(') out.push(i)
  }
  return out
}
