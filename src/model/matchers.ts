// Alertmanager label matchers: parse (classic, UTF-8 and fallback modes, as Alertmanager and amtool),
// print, convert to and from the v2 API shape, validate and match. Regexes use RE2 (re2js).
import {goRegexp, type GoRegexp} from './regex.js'
import {UsageError} from '../errors.js'
import {isValidClassicLabelName, isValidUtf8LabelName, isWellFormedUtf8} from './labels.js'
import {Utf8ParseError, goQuote, goTrimSpace, isReserved, parseUtf8Matchers} from './matcher-lexer.js'

export type MatchType = '=' | '!=' | '=~' | '!~'
export interface Matcher {
  name: string
  type: MatchType
  value: string
}
/** Alertmanager v2 API shape; isEqual absent means true. */
export interface ApiMatcher {
  name: string
  value: string
  isRegex: boolean
  isEqual?: boolean
}
/** 'fallback' (default, Alertmanager >= 0.27), 'utf8' (strict) or 'classic' (Alertmanager 0.25 and amtool 0.25). */
export type MatcherMode = 'fallback' | 'utf8' | 'classic'
export interface ParsedMatchers {
  matchers: Matcher[]
  warnings: string[]
}
interface ModeOpts {
  mode?: MatcherMode
}

const SYNTAX_HINT =
  'write name="value", name!="value", name=~"regex" or name!~"regex", comma-separated; ' +
  'double-quote values with spaces, commas or special characters and escape \\ and " inside quotes'

export class MatcherError extends UsageError {}

function fail(input: string, why: string): MatcherError {
  return new MatcherError(`invalid matcher ${JSON.stringify(input)}: ${why}`, {hint: SYNTAX_HINT})
}

// The one piece of module state: compiled regexes by pattern (matching a silence list against many
// alerts reuses a few patterns). Bounded; invisible to callers.
const compiled = new Map<string, GoRegexp | Error>()
const MAX_COMPILED = 1000

/** Go's regexp.Compile (see goRegexp); anchored as Alertmanager does (^(?:re)$) when `anchor`. Throws Go's text. */
function compileGo(re: string, anchor = false): GoRegexp {
  const key = `${anchor ? 'a' : 'b'}${re}`
  let hit = compiled.get(key)
  if (hit === undefined) {
    try {
      hit = goRegexp(re, anchor)
    } catch (e) {
      hit = e instanceof Error ? e : new Error(String(e))
    }
    if (compiled.size >= MAX_COMPILED) compiled.clear()
    compiled.set(key, hit)
  }
  if (hit instanceof Error) throw hit
  return hit
}

function compileAnchored(re: string): GoRegexp {
  return compileGo(re, true)
}

// labels.NewMatcher: regex matchers must compile once anchored.
function newMatcher(type: MatchType, name: string, value: string): Matcher {
  if (type === '=~' || type === '!~') compileAnchored(value)
  return {name, type, value}
}

// --- classic parser (pkg/labels/parse.go) ---
// Go's \s is [\t\n\f\r ]. Go's pattern ends in a lazy value and `\s*$`, which drops trailing whitespace;
// a backtracking engine makes that quadratic in the spaces of a value, so trailing whitespace is cut first.
const CLASSIC_RE = /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([\s\S]*)$/

function trimGoSpaceEnd(s: string): string {
  let end = s.length
  while (end > 0 && '\t\n\f\r '.includes(s[end - 1]!)) end--
  return s.slice(0, end)
}

function classicMatcher(s: string): Matcher {
  const m = CLASSIC_RE.exec(trimGoSpaceEnd(s))
  if (!m) throw new Error(`bad matcher format: ${s}`)
  const raw = m[3]!
  if (!isWellFormedUtf8(raw)) throw new Error(`matcher value not valid UTF-8: ${raw}`)
  // Code units are enough: only the ASCII runes \ " and n are special. Plain runs are copied as slices.
  let expectTrailingQuote = raw.startsWith('"')
  const from = expectTrailingQuote ? 1 : 0
  let value = ''
  let run = from
  for (let i = from; i < raw.length; i++) {
    const r = raw[i]!
    if (r !== '\\' && r !== '"') continue
    value += raw.slice(run, i)
    const last = i === raw.length - 1
    if (r === '"') {
      if (!expectTrailingQuote || !last) throw new Error(`matcher value contains unescaped double quote: ${raw}`)
      expectTrailingQuote = false
      run = i + 1
    } else if (last) {
      value += '\\'
      run = i + 1
    } else {
      const e = raw[++i]!
      value += e === 'n' ? '\n' : e === '"' || e === '\\' ? e : `\\${e}`
      run = i + 1
    }
  }
  value += raw.slice(run)
  if (expectTrailingQuote) throw new Error(`matcher value contains unescaped double quote: ${raw}`)
  return newMatcher(m[2] as MatchType, m[1]!, value)
}

function classicMatchers(input: string): Matcher[] {
  let s = input.startsWith('{') ? input.slice(1) : input
  if (s.endsWith('}')) s = s.slice(0, -1)
  const tokens: string[] = []
  let tokenStart = 0
  let insideQuotes = false
  let escaped = false
  for (let i = 0; i < s.length; i++) {
    const r = s[i]!
    if (r === ',' && !insideQuotes) {
      tokens.push(s.slice(tokenStart, i)) // note: neither trimmed nor skipped when empty, and `escaped` is kept
      tokenStart = i + 1
      continue
    }
    if (r === '"') {
      if (!escaped) insideQuotes = !insideQuotes
      else escaped = false
    } else if (r === '\\') {
      escaped = !escaped
    } else if (r !== ',') {
      escaped = false
    }
  }
  const token = s.slice(tokenStart)
  const last = goTrimSpace(token)
  if (last !== '') tokens.push(last)
  return tokens.map(classicMatcher)
}

// --- mode handling (matcher/compat/parse.go) ---

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

function attempt<T>(fn: () => T): {ok: true; value: T} | {ok: false; error: string} {
  try {
    return {ok: true, value: fn()}
  } catch (e) {
    if (e instanceof Utf8ParseError || e instanceof Error) return {ok: false, error: errorText(e)}
    throw e
  }
}

function sameInOrder(a: readonly Matcher[], b: readonly Matcher[]): boolean {
  return a.length === b.length && a.every((m, i) => m.name === b[i]!.name && m.type === b[i]!.type && m.value === b[i]!.value)
}

function withMode(input: string, mode: MatcherMode, utf8: () => Matcher[], classic: () => Matcher[]): ParsedMatchers {
  if (mode === 'classic') {
    const c = attempt(classic)
    if (!c.ok) throw fail(input, c.error)
    return {matchers: c.value, warnings: []}
  }
  const n = attempt(utf8)
  if (mode === 'utf8') {
    if (!n.ok) throw fail(input, n.error)
    return {matchers: n.value, warnings: []}
  }
  const c = attempt(classic)
  if (!n.ok) {
    if (!c.ok) throw fail(input, c.error) // Alertmanager reports the classic parser's error
    const suggestion = c.value.map(formatMatcher).join(',')
    return {
      matchers: c.value,
      warnings: [
        `${JSON.stringify(input)} is not valid for the UTF-8 matcher parser of Alertmanager >= 0.27 (${n.error}); ` +
          `parsed with the classic parser instead; write ${suggestion} to be compatible with both`,
      ],
    }
  }
  if (c.ok && !sameInOrder(n.value, c.value)) {
    return {
      matchers: c.value,
      warnings: [
        `${JSON.stringify(input)} means ${formatMatchers(n.value)} to the UTF-8 parser but ${formatMatchers(c.value)} ` +
          'to the classic parser; Alertmanager uses the classic result',
      ],
    }
  }
  return {matchers: n.value, warnings: []}
}

/** One string with zero or more matchers, optional braces (alertmanager.yml `matchers:`, API filters). */
export function parseMatchers(input: string, opts: ModeOpts = {}): ParsedMatchers {
  return withMode(input, opts.mode ?? 'fallback', () => parseUtf8Matchers(input, newMatcher), () => classicMatchers(input))
}

/** Exactly one matcher (an amtool argument). */
export function parseMatcher(input: string, opts: ModeOpts = {}): {matcher: Matcher; warnings: string[]} {
  const mode = opts.mode ?? 'fallback'
  if (mode !== 'classic' && (input.startsWith('{') || input.endsWith('}'))) {
    throw fail(input, `unexpected open or close brace: ${input}`)
  }
  const single = (): Matcher[] => {
    const ms = parseUtf8Matchers(input, newMatcher)
    if (ms.length === 0) throw new Error('no matchers')
    if (ms.length > 1) throw new Error(`expected 1 matcher, found ${ms.length}`)
    return ms
  }
  const r = withMode(input, mode, single, () => [classicMatcher(input)])
  return {matcher: r.matchers[0]!, warnings: r.warnings}
}

/**
 * amtool's CLI arguments: one matcher per argument; a first argument that does not parse becomes
 * alertname=<arg> (quoted with Go's strconv.Quote since Alertmanager 0.27; verbatim in classic mode, as 0.25).
 */
export function parseMatcherArgs(args: readonly string[], opts: ModeOpts = {}): ParsedMatchers {
  const mode = opts.mode ?? 'fallback'
  const list = [...args]
  if (list.length > 0) {
    try {
      parseMatcher(list[0]!, {mode})
    } catch (e) {
      if (!(e instanceof MatcherError)) throw e
      list[0] = `alertname=${mode === 'classic' ? list[0] : goQuote(list[0]!)}`
    }
  }
  const out: ParsedMatchers = {matchers: [], warnings: []}
  for (const arg of list) {
    const r = parseMatcher(arg, {mode})
    out.matchers.push(r.matcher)
    out.warnings.push(...r.warnings)
  }
  return out
}

function openMetricsEscape(s: string): string {
  return s.replace(/[\\\n"]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
}

/** As Alertmanager's Matcher.String(): name op "value"; names with reserved runes quoted (>= 0.27). */
export function formatMatcher(m: Matcher): string {
  if (Array.from(m.name).some(isReserved)) return `${goQuote(m.name)}${m.type}${goQuote(m.value)}`
  return `${m.name}${m.type}"${openMetricsEscape(m.value)}"`
}

/** As Alertmanager's Matchers.String(): {a="b",c=~"d"} (comma, no space). */
export function formatMatchers(ms: readonly Matcher[]): string {
  return `{${ms.map(formatMatcher).join(',')}}`
}

export function toApiMatcher(m: Matcher): ApiMatcher {
  return {name: m.name, value: m.value, isRegex: m.type === '=~' || m.type === '!~', isEqual: m.type === '=' || m.type === '=~'}
}

export function fromApiMatcher(m: ApiMatcher): Matcher {
  const equal = m.isEqual ?? true
  const type: MatchType = m.isRegex ? (equal ? '=~' : '!~') : equal ? '=' : '!='
  return {name: m.name, type, value: m.value}
}

/** A predicate for one matcher; compile once, test many values. Throws if the regex is not RE2. */
export function compileMatcher(m: Matcher): (value: string) => boolean {
  switch (m.type) {
    case '=':
      return (v) => v === m.value
    case '!=':
      return (v) => v !== m.value
    case '=~': {
      const re = compileAnchored(m.value)
      return (v) => re.matches(v)
    }
    case '!~': {
      const re = compileAnchored(m.value)
      return (v) => !re.matches(v)
    }
  }
}

/** A predicate for a label set; a missing label counts as "". */
export function compileMatchers(ms: readonly Matcher[]): (labels: Record<string, string>) => boolean {
  const tests = ms.map((m) => [m.name, compileMatcher(m)] as const)
  return (labels) => tests.every(([name, test]) => test(Object.hasOwn(labels, name) ? labels[name]! : ''))
}

export function matcherMatches(m: Matcher, value: string): boolean {
  return compileMatcher(m)(value)
}

export function matchersMatch(ms: readonly Matcher[], labels: Record<string, string>): boolean {
  return compileMatchers(ms)(labels)
}

/**
 * Alertmanager's silence check (silence.go matchesEmpty): `=` with "" and `=~` whose regex matches "";
 * `!=` and `!~` never count. A silence needs at least one matcher for which this is false.
 */
export function matchesEmpty(m: Matcher): boolean {
  if (m.type === '=') return m.value === ''
  if (m.type !== '=~') return false
  try {
    return compileGo(m.value).test('')
  } catch {
    return false
  }
}

/** What Alertmanager rejects in a silence matcher (name, value, RE2 regex), or undefined if fine. */
export function validateMatcher(m: Matcher, opts: ModeOpts = {}): string | undefined {
  const classic = opts.mode === 'classic'
  if (classic ? !isValidClassicLabelName(m.name) : !isValidUtf8LabelName(m.name)) {
    return `invalid label name ${JSON.stringify(m.name)}` + (classic ? ': use [a-zA-Z_][a-zA-Z0-9_]*' : ': must be non-empty UTF-8')
  }
  if (m.type === '=' || m.type === '!=') {
    return isWellFormedUtf8(m.value) ? undefined : `invalid label value ${JSON.stringify(m.value)}`
  }
  if (m.type !== '=~' && m.type !== '!~') return `unknown match type ${JSON.stringify(m.type)}`
  try {
    compileGo(m.value) // the silence API compiles the bare pattern...
    compileAnchored(m.value) // ...and matching uses the anchored one
  } catch (e) {
    return `invalid regular expression ${JSON.stringify(m.value)}: ${errorText(e)}`
  }
  return undefined
}

/** Same matchers in any order (duplicates counted). */
export function sameMatchers(a: readonly Matcher[], b: readonly Matcher[]): boolean {
  if (a.length !== b.length) return false
  const key = (m: Matcher): string => JSON.stringify([m.name, m.type, m.value])
  const counts = new Map<string, number>()
  for (const m of a) counts.set(key(m), (counts.get(key(m)) ?? 0) + 1)
  for (const m of b) {
    const n = counts.get(key(m)) ?? 0
    if (n === 0) return false
    counts.set(key(m), n - 1)
  }
  return true
}
