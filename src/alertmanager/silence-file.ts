// The silences file of `silences apply`: decode and check it whole, so that a bad file reports every problem
// at once (file:line:column each) and nothing is sent.
//
//   scope: team-db                 # optional: apply and --prune touch only silences of this scope
//   silences:                      # or the list alone at the top
//     - name: weekly-db-maintenance            # required, unique: the silence's identity
//       matchers: ['service="db"', 'env=~"prod|stage"']
//       comment: patching window
//       author: ops                            # default: $USER, else "spock"
//       schedule:                              # or starts/ends (RFC 3339), or duration (from now)
//         weekdays: [saturday]                 # or ranges: ["monday:friday"]
//         times: [{start_time: "02:00", end_time: "06:00"}]
//         location: Asia/Seoul                 # IANA zone, default UTC
import {UsageError} from '../errors.js'
import {readFileSafe, readStreamSafe} from '../files/read.js'
import {durationError, parseDuration} from '../model/duration.js'
import {MatcherError, type Matcher} from '../model/matchers.js'
import {parseTime} from '../model/time.js'
import {Decoder, isNullNode, list, object, str, type Kind} from '../yaml/decode.js'
import {parseGoYaml} from '../yaml/go-yaml.js'
import {checkZone, coversWholeWeek, parseClock, parseWeekdays, type Schedule, type TimeRange} from './silence-schedule.js'
import {checkMatchers, checkMutesAll, matchersFromInputs} from './silences.js'

type WindowSpec =
  | {kind: 'fixed'; starts?: Date; ends: Date}
  | {kind: 'duration'; ms: number}
  | {kind: 'schedule'; schedule: Schedule}

export interface SilenceEntry {
  name: string
  line: number
  /** As written (amtool syntax); parsed again for the server's matcher mode once it is known. */
  matchers: string[]
  comment: string
  /** Only when the file gives one (then a different stored author is a change). */
  author?: string
  window: WindowSpec
}

export interface SilenceFile {
  scope?: string
  entries: SilenceEntry[]
}

/** Names and scopes end up in a comment marker: keep them to characters that never need quoting. */
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/
const NAME_RULE = 'letters, digits, "_", "." and "-", starting with a letter or digit, at most 100 characters'
const RFC3339_SHAPE = /^\d{4}-\d{2}-\d{2}T/

/** One matcher, checked where it is written: parsed as a server of any version would (UTF-8 parser, else classic). */
const matcherText: Kind = (node, d, label) => {
  if (isNullNode(node)) return void d.report(node, `${label} is empty: write a matcher such as alertname="Foo"`)
  const text = str(node, d, label) as string | undefined
  if (text === undefined) return undefined
  const problem = parseProblem(text)
  if (problem) return void d.report(node, problem)
  return text
}

const times = object({name: 'time range', fields: {start_time: str, end_time: str}})
const schedule = object({name: 'schedule', fields: {weekdays: list(str), times: list(times), location: str}})
const entrySchema = object({
  name: 'silence',
  fields: {name: str, matchers: list(matcherText), comment: str, author: str, starts: str, ends: str, duration: str, schedule},
})
const fileSchema = object({name: 'silences file', fields: {scope: str, silences: list(entrySchema)}})

type Obj = Record<string, unknown>

const FILE_HINT = 'see docs/silences-file.md: each entry needs name, matchers, comment and one of starts/ends, duration or schedule'

/** Decode and check a silences file; throws one UsageError listing every problem, one per line. */
export function parseSilenceFile(text: string, file: string, opts: {force?: boolean; now?: Date} = {}): SilenceFile {
  const parsed = parseGoYaml(text)
  if (parsed.errors.length > 0) throw fileProblems(file, parsed.errors.map((e) => ({line: e.line, column: e.column, message: e.message})))
  if (!parsed.root) throw fileProblems(file, [{line: 1, column: 1, message: 'the file is empty: write a list of silences, or "silences: []" to have none'}])
  const d = new Decoder('latest')
  let scope: string | undefined
  let items: unknown[] | undefined
  if (parsed.root.kind === 'seq') items = list(entrySchema)(parsed.root, d, 'silences') as unknown[] | undefined
  else {
    const root = fileSchema(parsed.root, d, 'the file') as Obj | undefined
    if (root && !d.has(root, 'silences')) d.report(d.at(root), 'the file has no "silences:" list (write "silences: []" to have none)')
    else if (root && root.silences === undefined && !d.isInvalid(root, 'silences')) d.report(d.keyAt(root, 'silences'), '"silences:" is empty (write "silences: []" to have none)')
    scope = root?.scope as string | undefined
    if (root && scope !== undefined && !NAME_RE.test(scope)) d.report(d.at(root, 'scope'), `scope "${scope}" is not a valid scope: use ${NAME_RULE}`)
    items = root?.silences as unknown[] | undefined
  }
  const entries: SilenceEntry[] = []
  const seen = new Map<string, number>()
  for (const item of items ?? []) {
    if (!item) continue
    const entry = checkEntry(item as Obj, d, opts)
    if (!entry) continue
    const first = seen.get(entry.name)
    if (first !== undefined) d.report(d.at(item as object, 'name'), `name "${entry.name}" is used twice (first at line ${first}): names must be unique in the file`)
    else seen.set(entry.name, entry.line)
    entries.push(entry)
  }
  if (d.issues.length > 0) throw fileProblems(file, d.issues)
  return {scope, entries}
}

function fileProblems(file: string, issues: readonly {line: number; column: number; message: string}[]): UsageError {
  const sorted = [...issues].sort((a, b) => a.line - b.line || a.column - b.column)
  const lines = sorted.map((i) => `${file}:${i.line}:${i.column}: ${i.message}`)
  const head = sorted.length === 1 ? `${file} has a problem; nothing was sent:` : `${file} has ${sorted.length} problems; nothing was sent:`
  return new UsageError(`${head}\n${lines.map((l) => `  ${l}`).join('\n')}`, {hint: FILE_HINT})
}

/** One entry's checks, each reported at its field; undefined when the entry cannot be used. */
function checkEntry(e: Obj, d: Decoder, opts: {force?: boolean; now?: Date}): SilenceEntry | undefined {
  const before = d.issues.length
  const line = d.at(e).line
  const given = (f: string) => d.has(e, f) && !d.isInvalid(e, f) && e[f] !== undefined
  const name = typeof e.name === 'string' ? e.name : ''
  if (!given('name')) {
    if (!d.isInvalid(e, 'name')) d.report(d.at(e), 'a silence needs a "name" (unique in the file: it is how apply finds the silence again)')
  } else if (!NAME_RE.test(name)) d.report(d.at(e, 'name'), `name "${name}" is not a valid name: use ${NAME_RULE}`)

  const texts = ((e.matchers as unknown[] | undefined) ?? []).filter((m): m is string => typeof m === 'string')
  if (!given('matchers') || texts.length === 0) {
    if (!d.isInvalid(e, 'matchers')) d.report(d.has(e, 'matchers') ? d.at(e, 'matchers') : d.at(e), 'a silence needs "matchers": a list like [\'alertname="Foo"\', \'env=~"prod|stage"\']')
  } else {
    const problem = matcherProblem(texts, opts.force ?? false)
    if (problem) d.report(d.at(e, 'matchers'), problem)
  }

  const comment = typeof e.comment === 'string' ? e.comment : ''
  if (comment.trim() === '' && !d.isInvalid(e, 'comment')) d.report(d.has(e, 'comment') ? d.at(e, 'comment') : d.at(e), 'a silence needs a "comment" saying why it exists')

  const window = checkWindow(e, d, opts.now ?? new Date())
  if (d.issues.length > before || !window) return undefined
  const author = given('author') && (e.author as string) !== '' ? (e.author as string) : undefined
  return {name, line, matchers: texts, comment, author, window}
}

function parseMatchers(texts: readonly string[]): Matcher[] {
  try {
    return matchersFromInputs({matcher: texts}, 'fallback').matchers
  } catch (err) {
    if (!(err instanceof MatcherError)) throw err
    try {
      return matchersFromInputs({matcher: texts}, 'classic').matchers
    } catch {
      throw err
    }
  }
}

function parseProblem(text: string): string | undefined {
  try {
    parseMatchers([text])
    return undefined
  } catch (err) {
    if (err instanceof MatcherError) return err.message
    throw err
  }
}

/** Alertmanager's checks on the whole list (each matcher already parses): some matcher must need a value. */
function matcherProblem(texts: readonly string[], force: boolean): string | undefined {
  const matchers = parseMatchers(texts)
  try {
    checkMatchers(matchers)
    if (!force) checkMutesAll(matchers)
  } catch (err) {
    if (err instanceof UsageError) return err.message + (/--force/.test(err.hint ?? '') ? ' (pass --force if you mean it)' : '')
    throw err
  }
  return undefined
}

function checkWindow(e: Obj, d: Decoder, now: Date): WindowSpec | undefined {
  const kinds = ['ends', 'duration', 'schedule'].filter((f) => d.has(e, f))
  if (kinds.length === 0) {
    const why = d.has(e, 'starts') ? '"starts" needs an "ends"' : 'a silence needs a window'
    d.report(d.at(e), `${why}: give one of "ends" (with an optional "starts"), "duration" or "schedule"`)
    return undefined
  }
  if (kinds.length > 1 || (d.has(e, 'starts') && kinds[0] !== 'ends')) {
    const all = (d.has(e, 'starts') ? ['starts', ...kinds] : kinds).sort((a, b) => d.keyAt(e, a).line - d.keyAt(e, b).line)
    d.report(d.keyAt(e, all[all.length - 1]!), `give only one window: ${all.map((k) => `"${k}"`).join(', ')} cannot be combined (starts/ends, duration or schedule)`)
    return undefined
  }
  if (d.isInvalid(e, kinds[0]!) || d.isInvalid(e, 'starts')) return undefined
  if (kinds[0] === 'duration') {
    const text = String(e.duration ?? '')
    const err = durationError(text)
    if (err) return void d.report(d.at(e, 'duration'), `duration: ${err} (write 2h, 1h30m or 3d)`)
    const ms = parseDuration(text)
    if (ms <= 0) return void d.report(d.at(e, 'duration'), 'duration is zero: give a positive one such as 2h')
    return {kind: 'duration', ms}
  }
  if (kinds[0] === 'ends') {
    const ends = rfc3339(e, 'ends', d, now)
    const starts = d.has(e, 'starts') ? rfc3339(e, 'starts', d, now) : undefined
    if (!ends || (d.has(e, 'starts') && !starts)) return undefined
    if (starts && starts.getTime() >= ends.getTime()) return void d.report(d.at(e, 'ends'), `ends ${String(e.ends)} is not after starts ${String(e.starts)}`)
    return {kind: 'fixed', starts, ends}
  }
  const s = checkSchedule(e.schedule as Obj | undefined, d, d.at(e, 'schedule'))
  return s && {kind: 'schedule', schedule: s}
}

function rfc3339(e: Obj, field: string, d: Decoder, now: Date): Date | undefined {
  const text = String(e[field] ?? '')
  if (!RFC3339_SHAPE.test(text)) return void d.report(d.at(e, field), `${field} "${text}" is not an RFC 3339 time such as 2026-12-24T18:00:00Z or 2026-12-24T18:00:00+09:00`)
  try {
    return parseTime(text, now)
  } catch (err) {
    return void d.report(d.at(e, field), `${field}: ${(err as Error).message}`)
  }
}

function checkSchedule(s: Obj | undefined, d: Decoder, at: {line: number; column: number}): Schedule | undefined {
  if (!s) return void d.report(at, 'schedule is empty: give weekdays, times (and a location)')
  const before = d.issues.length
  const weekdays = new Set<number>()
  const dayTexts = (s.weekdays as unknown[] | undefined) ?? []
  dayTexts.forEach((text) => {
    if (typeof text !== 'string') return
    const r = parseWeekdays(text)
    if (typeof r === 'string') d.report(d.at(s, 'weekdays'), `schedule.weekdays: ${r}`)
    else for (const day of r) weekdays.add(day)
  })
  if (!d.has(s, 'weekdays') || dayTexts.length === 0) for (let k = 0; k < 7; k++) weekdays.add(k)
  const ranges: TimeRange[] = []
  const rangeItems = ((s.times as unknown[] | undefined) ?? []).filter((t): t is Obj => Boolean(t))
  for (const t of rangeItems) {
    if (!d.has(t, 'start_time') || !d.has(t, 'end_time')) {
      d.report(d.at(t), 'a time range needs start_time and end_time, e.g. {start_time: "02:00", end_time: "06:00"}')
      continue
    }
    const start = parseClock(String(t.start_time), false)
    const end = parseClock(String(t.end_time), true)
    if (typeof start === 'string') d.report(d.at(t, 'start_time'), `start_time: ${start}`)
    if (typeof end === 'string') d.report(d.at(t, 'end_time'), `end_time: ${end}`)
    if (typeof start !== 'number' || typeof end !== 'number') continue
    if (start === end) d.report(d.at(t, 'end_time'), `end_time ${String(t.end_time)} equals start_time: the window would be empty`)
    else ranges.push({start, end})
  }
  if (!d.has(s, 'times') || rangeItems.length === 0) {
    if (!d.has(s, 'weekdays') || dayTexts.length === 0) d.report(at, 'schedule needs "weekdays", "times" or both')
    ranges.push({start: 0, end: 1440})
  }
  const location = typeof s.location === 'string' && s.location !== '' ? s.location : 'UTC'
  const zoneProblem = checkZone(location)
  if (zoneProblem) d.report(d.at(s, 'location'), `schedule.location: ${zoneProblem}`)
  if (d.issues.length > before) return undefined
  if (coversWholeWeek({weekdays, times: ranges})) return void d.report(at, 'schedule covers the whole week, so its silence would never end: use "duration" or "ends" instead')
  return {weekdays, times: ranges, location}
}

/** Read a silences file, or stdin for "-", and check it. */
export async function readSilenceFile(path: string, stdin: AsyncIterable<Buffer | string>, opts: {force?: boolean} = {}): Promise<SilenceFile> {
  const bytes = path === '-' ? await readStreamSafe(stdin, 'stdin') : await readFileSafe(path)
  return parseSilenceFile(bytes.toString('utf8'), path === '-' ? 'stdin' : path, opts)
}
