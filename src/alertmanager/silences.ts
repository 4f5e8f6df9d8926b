// Silences, pure: build and validate what is posted, filter lists, find an equivalent silence, import/export shapes.
import * as z from 'zod/mini'
import {explain} from '../zod-messages.js'
import {UsageError} from '../errors.js'
import {parseDuration} from '../model/duration.js'
import {formatRfc3339, parseTime} from '../model/time.js'
import {versionAtLeast} from './cluster.js'
import {
  formatMatcher,
  formatMatchers,
  fromApiMatcher,
  MatcherError,
  matchesEmpty,
  matcherMatches,
  parseMatcher,
  parseMatcherArgs,
  sameMatchers,
  toApiMatcher,
  validateMatcher,
  type Matcher,
  type MatcherMode,
  type ParsedMatchers,
} from '../model/matchers.js'
import {apiMatcher, type PostableSilence, type Silence, type SilenceState} from './schemas.js'

type HasMatchers = Pick<PostableSilence, 'matchers'>

const DEFAULT_DURATION = '1h'
/** A reused silence may end this much before the requested end (two CI runs are seconds apart). */
const REUSE_TOLERANCE_MS = 60_000

export interface SilenceInput {
  matchers: Matcher[]
  duration?: string
  start?: string
  end?: string
  comment?: string
  requireComment: boolean
  author: string
  annotations?: string[] // k=v
  /** Allow matchers that all match alerts lacking their labels (x!="y" alone); Alertmanager's own refusals stay. */
  force?: boolean
}

/** Validate the user's input as Alertmanager would, before anything is sent. */
export function buildSilence(input: SilenceInput, now: Date, mode: MatcherMode = 'fallback'): PostableSilence {
  const {start, end, comment} = checkSilenceFields(input, now)
  checkMatchers(input.matchers, mode)
  if (!input.force) checkMutesAll(input.matchers)
  return {
    matchers: input.matchers.map(toApiMatcher),
    startsAt: formatRfc3339(start),
    endsAt: formatRfc3339(end),
    createdBy: input.author,
    comment,
    ...(input.annotations?.length ? {annotations: parseAnnotations(input.annotations)} : {}),
  }
}

/** Everything but the matchers: comment, start, end or duration, annotations. Needs no server. */
export function checkSilenceFields(input: Omit<SilenceInput, 'matchers'>, now: Date): {start: Date; end: Date; comment: string} {
  const comment = input.comment ?? ''
  if (input.requireComment && comment.trim() === '') {
    throw new UsageError('a comment is required for a new silence', {
      hint: 'say why with --comment "deploy of api v2" (or pass --no-require-comment)',
    })
  }
  const start = input.start === undefined ? now : parseTime(input.start, now)
  const end = input.end === undefined ? addDuration(start, input.duration ?? DEFAULT_DURATION) : parseTime(input.end, now)
  checkTimes(start, end, now)
  if (input.annotations) parseAnnotations(input.annotations)
  return {start, end, comment}
}

/** What Alertmanager's silence validation rejects: no matchers, a bad name/regex, only matchers that match "". */
export function checkMatchers(matchers: readonly Matcher[], mode: MatcherMode = 'fallback'): void {
  if (matchers.length === 0) {
    throw new UsageError('no matchers given: a silence needs at least one', {
      hint: 'add one, e.g. alertname="HighLatency" or --alertname HighLatency or --matcher instance=~"db-.*"',
    })
  }
  for (const m of matchers) {
    const problem = validateMatcher(m, {mode})
    if (problem) {
      throw new MatcherError(`invalid matcher ${formatMatcher(m)}: ${problem}`, {
        hint: 'write name="value", name=~"regex" (RE2 syntax, anchored), name!="value" or name!~"regex"',
      })
    }
  }
  if (matchers.every((m) => matchesEmpty(m))) {
    throw new UsageError(`every matcher in ${formatMatchers(matchers)} matches the empty string, so the silence would mute every alert`, {
      hint: 'add a matcher that needs a value, e.g. alertname="X", or use =~".+" instead of =~".*"',
    })
  }
}

/**
 * spock's own refusal (README): matchers that all accept the empty string also match every alert without
 * their labels, e.g. x!="y" alone mutes almost everything. Alertmanager takes them; --force does too.
 */
export function checkMutesAll(matchers: readonly Matcher[]): void {
  if (matchers.length === 0 || !matchers.every((m) => matcherMatches(m, ''))) return
  throw new UsageError(`every matcher in ${formatMatchers(matchers)} also matches alerts that lack its label, so the silence would mute almost every alert`, {
    hint: 'add a matcher that needs a value, e.g. alertname="X"; or pass --force if you mean it',
  })
}

function addDuration(start: Date, text: string): Date {
  const ms = parseDuration(text)
  if (ms <= 0) {
    throw new UsageError(`duration "${text}" is zero: the silence would end when it starts`, {hint: 'give a positive duration, e.g. --duration 2h'})
  }
  return new Date(start.getTime() + ms)
}

export function checkTimes(start: Date, end: Date, now: Date): void {
  if (end.getTime() <= now.getTime()) {
    throw new UsageError(`end ${formatRfc3339(end)} is in the past`, {hint: 'pass a future --end, or --duration 2h'})
  }
  if (start.getTime() >= end.getTime()) {
    throw new UsageError(`start ${formatRfc3339(start)} is not before end ${formatRfc3339(end)}`, {
      hint: 'pass an --end after --start, or a positive --duration',
    })
  }
}

function parseAnnotations(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new UsageError(`annotation "${pair}" is not key=value`, {hint: 'write it as --annotation ticket=OPS-123'})
    out[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return out
}

export interface SilenceFilter {
  states: readonly SilenceState[]
  matchers?: readonly Matcher[]
  createdBy?: string
  /** Exact ID or a prefix of one. */
  ids?: readonly string[]
  /** Ending within this many ms from now (expired: ended within the last ms), as amtool --within. */
  withinMs?: number
}

export function filterSilences(list: readonly Silence[], f: SilenceFilter, now: Date): Silence[] {
  return list.filter((s) => {
    if (!f.states.includes(s.status.state)) return false
    if (f.createdBy !== undefined && s.createdBy !== f.createdBy) return false
    if (f.ids?.length && !f.ids.some((id) => s.id.startsWith(id))) return false
    if (f.withinMs !== undefined) {
      const end = Date.parse(s.endsAt)
      if (s.status.state === 'expired' ? end < now.getTime() - f.withinMs : end > now.getTime() + f.withinMs) return false
    }
    return !f.matchers?.length || containsMatchers(s, f.matchers)
  })
}

function silenceMatchers(s: HasMatchers): Matcher[] {
  return s.matchers.map(fromApiMatcher)
}

const key = (m: Matcher) => `${m.name}\u0000${m.type}\u0000${m.value}`

/** Every given matcher appears (same name, type and value) among the silence's matchers: the API's `filter` semantics. */
export function containsMatchers(s: HasMatchers, given: readonly Matcher[]): boolean {
  const own = new Set(silenceMatchers(s).map(key))
  return given.every((m) => own.has(key(m)))
}

/** An active silence with the same matchers that already lasts until `end` (within REUSE_TOLERANCE_MS). */
export function findEquivalent(list: readonly Silence[], matchers: readonly Matcher[], end: Date): Silence | undefined {
  const candidates = list.filter(
    (s) =>
      s.status.state === 'active' &&
      Date.parse(s.endsAt) >= end.getTime() - REUSE_TOLERANCE_MS &&
      sameMatchers(silenceMatchers(s), matchers),
  )
  return candidates.sort((a, b) => Date.parse(b.endsAt) - Date.parse(a.endsAt))[0]
}

/** Identical silences created this long before a run started count as its race (clocks and slow lists). */
const RACE_WINDOW_MS = 60_000

/**
 * After creating silence `ownId`: Alertmanager has no conditional create, so concurrent runs with the same
 * matchers may each have created one. Among the live silences identical to ours (same matchers, ending no
 * earlier than `end` minus the reuse slack, last updated within the race window) the oldest wins, by
 * updatedAt (the server's clock at creation, so it follows the order of the writes), then startsAt, then ID.
 * Every run computes the same winner and expires only its own silence.
 */
export function raceWinner(list: readonly Silence[], ownId: string, matchers: readonly Matcher[], end: Date, runStart: Date): Silence | undefined {
  const candidates = list.filter(
    (s) =>
      (s.status.state === 'active' || s.status.state === 'pending') &&
      (s.id === ownId ||
        (Date.parse(s.endsAt) >= end.getTime() - REUSE_TOLERANCE_MS &&
          Date.parse(s.updatedAt) >= runStart.getTime() - RACE_WINDOW_MS &&
          sameMatchers(silenceMatchers(s), matchers))),
  )
  const key = (s: Silence): [number, number, string] => [Date.parse(s.updatedAt), Date.parse(s.startsAt), s.id]
  const older = (a: Silence, b: Silence): number => {
    const [ka, kb] = [key(a), key(b)]
    return ka[0] - kb[0] || ka[1] - kb[1] || (ka[2] < kb[2] ? -1 : ka[2] > kb[2] ? 1 : 0)
  }
  return [...candidates].sort(older)[0]
}

/** What to POST to re-create or update a listed silence; keepId=false makes the server issue a new ID. */
export function toPostable(s: ImportedSilence | Silence, keepId: boolean): PostableSilence {
  return {
    ...(keepId && s.id ? {id: s.id} : {}),
    matchers: s.matchers.map((m) => ({name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual ?? true})),
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    createdBy: s.createdBy,
    comment: s.comment,
    ...(s.annotations && Object.keys(s.annotations).length > 0 ? {annotations: s.annotations} : {}),
  }
}

/** One entry of an amtool `silence query -o json` file, as `amtool silence import` reads it. */
export const importedSilence = z.object({
  id: z.optional(z.string()),
  matchers: z.array(apiMatcher).check(z.minLength(1, 'needs at least one matcher')),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z._default(z.string(), ''),
  comment: z._default(z.string(), ''),
  annotations: z.optional(z.record(z.string(), z.string())),
})
type ImportedSilence = z.infer<typeof importedSilence>

export type ImportEntry = {index: number; silence: ImportedSilence} | {index: number; id?: string; error: string}

/**
 * What importedSilence makes of an entry in the usual shape (strings, a list of plain matchers, no
 * annotations), without running the schema: cold, zod took ~40 ms of CPU for 1,000 entries. Anything else
 * gives undefined and goes through the schema, which also words the errors.
 */
function plainImported(item: unknown): ImportedSilence | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined
  const o = item as Record<string, unknown>
  const {id, startsAt, endsAt, createdBy, comment} = o
  if ((id !== undefined && typeof id !== 'string') || typeof startsAt !== 'string' || typeof endsAt !== 'string') return undefined
  if ((createdBy !== undefined && typeof createdBy !== 'string') || (comment !== undefined && typeof comment !== 'string')) return undefined
  if (o.annotations !== undefined || !Array.isArray(o.matchers) || o.matchers.length === 0) return undefined
  const matchers: ImportedSilence['matchers'] = []
  for (const m of o.matchers as unknown[]) {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) return undefined
    const {isEqual, isRegex, name, value} = m as Record<string, unknown>
    if ((isEqual !== undefined && typeof isEqual !== 'boolean') || typeof isRegex !== 'boolean' || typeof name !== 'string' || typeof value !== 'string') return undefined
    matchers.push({isEqual: isEqual ?? true, isRegex, name, value})
  }
  const out: ImportedSilence = {matchers, startsAt, endsAt, createdBy: createdBy ?? '', comment: comment ?? ''}
  return id === undefined ? out : {id, ...out}
}

/** Parse an export file: a JSON array; a bad entry is reported by index, the others still import. */
export function parseImportFile(text: string, source: string): ImportEntry[] {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (err) {
    throw new UsageError(`${source} is not JSON: ${(err as Error).message}`, {
      hint: 'give a file written by "spock silences export" or "amtool silence query -o json"',
    })
  }
  if (!Array.isArray(body)) {
    throw new UsageError(`${source} is not a JSON array of silences`, {hint: 'export with "spock silences export" or "amtool silence query -o json"'})
  }
  return body.map((item, index): ImportEntry => {
    const plain = plainImported(item)
    if (plain) return {index, silence: plain}
    const parsed = importedSilence.safeParse(item)
    if (parsed.success) return {index, silence: parsed.data}
    const issue = explain(importedSilence, item)[0]
    const id = typeof (item as {id?: unknown})?.id === 'string' ? (item as {id: string}).id : undefined
    return {index, id, error: `${issue?.path.join('.') || 'entry'}: ${issue?.message}`}
  })
}

/** Human summary of a silence's matchers, e.g. {alertname="X", env=~"prod|stage"}. */
export function describeMatchers(s: HasMatchers): string {
  return formatMatchers(silenceMatchers(s))
}

export interface MatcherInputs {
  /** Positional words, amtool style: a first word without an operator is an alert name. */
  args?: readonly string[]
  /** --matcher values, one matcher each. */
  matcher?: readonly string[]
  alertname?: string
}

/** All matchers the user gave, in order: --alertname, then positionals, then --matcher. */
export function matchersFromInputs(i: MatcherInputs, mode: MatcherMode = 'fallback'): ParsedMatchers {
  const out: ParsedMatchers = {matchers: [], warnings: []}
  if (i.alertname !== undefined) out.matchers.push({name: 'alertname', type: '=', value: i.alertname})
  if (i.args?.length) {
    const r = parseArgs(i.args, mode)
    out.matchers.push(...r.matchers)
    out.warnings.push(...r.warnings)
  }
  for (const text of i.matcher ?? []) {
    const r = parseMatcher(text, {mode})
    out.matchers.push(r.matcher)
    out.warnings.push(...r.warnings)
  }
  return out
}

/**
 * Input checks before the server version is known: fail only when no server would take the matchers.
 * `c={x}` is one matcher to amtool 0.25 (the classic parser) but a brace error for >= 0.27.
 */
export function precheckMatchers(i: MatcherInputs): void {
  try {
    matchersFromInputs(i, 'fallback')
  } catch (err) {
    if (!(err instanceof MatcherError)) throw err
    try {
      matchersFromInputs(i, 'classic')
    } catch {
      throw err
    }
  }
}

/**
 * amtool's rule (a first word that is no matcher is an alert name), but when that word has an operator
 * the user meant a matcher: report its own error, not the one for alertname=<word>.
 */
function parseArgs(args: readonly string[], mode: MatcherMode): ParsedMatchers {
  try {
    return parseMatcherArgs(args, {mode})
  } catch (err) {
    if (err instanceof MatcherError && /[=~]/.test(args[0]!)) parseMatcher(args[0]!, {mode})
    throw err
  }
}

/** Alertmanager before 0.27 (and amtool 0.25) parse matchers with the classic parser only. */
export function matcherMode(version: string): MatcherMode {
  return versionAtLeast(version, 0, 27) ? 'fallback' : 'classic'
}
