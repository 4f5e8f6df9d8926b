// `silences apply`: make an Alertmanager's silences match a file. The plan is pure (entries + the silences the
// server holds + now -> actions); applying runs it against the cluster's write peer.
//
// Identity: each silence apply writes carries `[spock-apply:NAME]` (or `[spock-apply:SCOPE/NAME]` when the file
// has a scope) at the end of its comment. Only silences with a marker of the file's scope are ever updated or
// expired; a silence without one is never touched, whatever its matchers.
import {UsageError} from '../errors.js'
import type {HttpClient} from '../http/client.js'
import {mapConcurrent} from '../concurrency.js'
import {formatMatchers, fromApiMatcher, MatcherError, sameMatchers, toApiMatcher, type ApiMatcher, type Matcher} from '../model/matchers.js'
import {tryParseDuration} from '../model/duration.js'
import {formatRfc3339} from '../model/time.js'
import {deleteSilence, getSilences, postSilence} from './api.js'
import {openCluster, stateParams, type PeerFailure} from './cluster.js'
import type {SilenceEntry, SilenceFile} from './silence-file.js'
import {peersMissing} from './silence-ops.js'
import {desiredWindows, scheduleWindows, type Window} from './silence-schedule.js'
import {matcherMode, matchersFromInputs} from './silences.js'
import type {PostableSilence, Silence} from './schemas.js'

const CONCURRENCY = 16
const DEFAULT_PROPAGATION_TIMEOUT_MS = 10_000
/** Times within this much are the same (the API rounds to milliseconds; clocks and runs differ by a little). */
const SAME_TIME_MS = 1000
const DAY_MS = 86_400_000
/** --horizon at most a year: a weekly window then holds 53 silences. */
const MAX_HORIZON_MS = 366 * DAY_MS

/** --horizon: a Prometheus duration up to a year. */
export function parseHorizon(text: string | undefined): number {
  if (text === undefined) return 0
  const ms = tryParseDuration(text)
  if (ms === undefined) throw new UsageError(`--horizon "${text}" is not a duration`, {hint: 'give a Prometheus duration such as 7d or 21d'})
  if (ms > MAX_HORIZON_MS) throw new UsageError(`--horizon ${text} is longer than a year`, {hint: 'give at most 366d, e.g. --horizon 21d'})
  return ms
}

type ActionKind = 'create' | 'update' | 'expire' | 'unchanged'

export interface ApplyAction {
  action: ActionKind
  name: string
  /** The silence acted on; for create, the new silence's ID once created. */
  id?: string
  /** An update the server could not make in place (e.g. new matchers): it expired this ID and issued `id`. */
  previousId?: string
  startsAt: string
  endsAt: string
  matchers: ApiMatcher[]
  reason?: string
  error?: string
}

interface ApplySummary {
  create: number
  update: number
  expire: number
  unchanged: number
  failed: number
}

export interface ApplyReport {
  actions: ApplyAction[]
  summary: ApplySummary
  dryRun: boolean
  scope?: string
  peer: string
  down: PeerFailure[]
  notPropagated: PeerFailure[]
  /** Marked silences of names the file no longer has, left alone without --prune. */
  orphans: {name: string; id: string}[]
  warnings: string[]
}

/** One step of the plan: what is reported, and what is sent. */
interface Step {
  action: ApplyAction
  post?: PostableSilence
}

const MARKER_RE = /\[spock-apply:(?:([A-Za-z0-9][A-Za-z0-9_.-]*)\/)?([A-Za-z0-9][A-Za-z0-9_.-]*)\]$/

export function marker(scope: string | undefined, name: string): string {
  return `[spock-apply:${scope === undefined ? '' : `${scope}/`}${name}]`
}

/** The marker at the end of a comment, if any. */
export function readMarker(comment: string): {scope?: string; name: string} | undefined {
  const m = MARKER_RE.exec(comment.trimEnd())
  return m ? {scope: m[1], name: m[2]!} : undefined
}

export function markedComment(comment: string, scope: string | undefined, name: string): string {
  return `${comment.trim()} ${marker(scope, name)}`
}

export interface ResolvedEntry {
  entry: SilenceEntry
  matchers: Matcher[]
}

interface PlanOptions {
  now: Date
  horizonMs: number
  prune: boolean
  /** Author of new silences whose entry names none. */
  author: string
}

interface Plan {
  steps: Step[]
  orphans: {name: string; id: string}[]
}

/**
 * The plan: per entry, the windows it wants now; existing marked silences that fit a window are kept (or
 * updated when matchers, comment or author changed), windows without one are created (or filled by updating
 * a leftover silence of the same name), leftovers are expired. With prune, marked silences of names the
 * file no longer has are expired. Actions come in file order, then pruned names in name order.
 */
export function planApply(file: Pick<SilenceFile, 'scope'>, entries: readonly ResolvedEntry[], existing: readonly Silence[], opts: PlanOptions): Plan {
  const byName = new Map<string, Silence[]>()
  for (const s of existing) {
    if (s.status.state === 'expired') continue
    const m = readMarker(s.comment)
    if (!m || m.scope !== file.scope) continue
    byName.set(m.name, [...(byName.get(m.name) ?? []), s])
  }
  for (const list of byName.values()) list.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : 1))
  const steps: Step[] = []
  for (const r of entries) steps.push(...planEntry(file.scope, r, byName.get(r.entry.name) ?? [], opts))
  const names = new Set(entries.map((r) => r.entry.name))
  const orphans: {name: string; id: string}[] = []
  for (const name of [...byName.keys()].filter((n) => !names.has(n)).sort()) {
    for (const s of byName.get(name)!) {
      if (opts.prune) steps.push({action: described('expire', name, s, 'its name is no longer in the file')})
      else orphans.push({name, id: s.id})
    }
  }
  return {steps, orphans}
}

function described(action: ActionKind, name: string, s: Silence, reason?: string): ApplyAction {
  return {action, name, id: s.id, startsAt: formatRfc3339(new Date(s.startsAt)), endsAt: formatRfc3339(new Date(s.endsAt)), matchers: s.matchers.map(apiShape), ...(reason ? {reason} : {})}
}

const apiShape = (m: ApiMatcher): ApiMatcher => ({name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual ?? true})
const near = (a: number, b: number) => Math.abs(a - b) < SAME_TIME_MS
const iso = (ms: number) => formatRfc3339(new Date(ms))

function planEntry(scope: string | undefined, r: ResolvedEntry, mine: readonly Silence[], opts: PlanOptions): Step[] {
  const {entry} = r
  const now = opts.now.getTime()
  const comment = markedComment(entry.comment, scope, entry.name)
  const matchers = r.matchers.map(toApiMatcher)
  const spec = entry.window
  const windows = wanted(entry, opts)
  const slack = spec.kind === 'duration' ? durationSlack(spec.ms) : 0

  /** Whether the existing silence already holds the window. */
  const fits = (s: Silence, w: Window): boolean => {
    const [start, end, active] = [Date.parse(s.startsAt), Date.parse(s.endsAt), s.status.state === 'active']
    if (spec.kind === 'duration') return active && end >= w.end.getTime() - slack
    if (!near(end, w.end.getTime())) return false
    // An active silence started when it was created (the server moves a past start to now).
    if (active) return spec.kind === 'fixed' ? w.start.getTime() <= now + SAME_TIME_MS : start >= w.start.getTime() - SAME_TIME_MS && start < w.end.getTime()
    return near(start, Math.max(w.start.getTime(), now))
  }
  const contentChanges = (s: Silence): string[] => {
    const out: string[] = []
    if (!sameMatchers(s.matchers.map(fromApiMatcher), r.matchers)) out.push(`matchers ${formatMatchers(s.matchers.map(fromApiMatcher))} -> ${formatMatchers(r.matchers)}`)
    if (s.comment !== comment) out.push('comment changed')
    if (entry.author !== undefined && s.createdBy !== entry.author) out.push(`author ${s.createdBy} -> ${entry.author}`)
    return out
  }
  const post = (w: Window, s?: Silence): PostableSilence => {
    const keepStart = s && s.status.state === 'active' && w.start.getTime() <= now
    return {
      ...(s ? {id: s.id} : {}),
      matchers,
      startsAt: keepStart ? iso(Date.parse(s.startsAt)) : iso(Math.max(w.start.getTime(), now)),
      endsAt: iso(w.end.getTime()),
      createdBy: entry.author ?? s?.createdBy ?? opts.author,
      comment,
    }
  }
  const update = (s: Silence, w: Window, changes: string[]): Step => {
    const p = post(w, s)
    return {action: {action: 'update', name: entry.name, id: s.id, startsAt: p.startsAt, endsAt: p.endsAt, matchers, reason: changes.join('; ')}, post: p}
  }

  /** A silence that holds a wanted window: unchanged, or updated in its own window when its content changed. */
  const keep = (s: Silence): Step => {
    const changes = contentChanges(s)
    if (changes.length === 0) return {action: described('unchanged', entry.name, s)}
    return update(s, {start: new Date(Date.parse(s.startsAt)), end: new Date(Date.parse(s.endsAt))}, changes)
  }

  const steps: Step[] = []
  const used = new Set<Silence>()
  const open: Window[] = []
  for (const w of windows) {
    const s = mine.find((x) => !used.has(x) && fits(x, w))
    if (!s) {
      open.push(w)
      continue
    }
    used.add(s)
    steps.push(keep(s))
  }
  // Later windows of a schedule than --horizon asks for (an earlier run with a longer horizon) stay.
  if (spec.kind === 'schedule') {
    const rest = mine.filter((x) => !used.has(x))
    const latest = Math.max(now, ...rest.map((x) => Date.parse(x.startsAt)))
    const all = rest.length > 0 ? scheduleWindows(spec.schedule, opts.now, new Date(latest + DAY_MS)) : []
    for (const s of rest) {
      const w = all.find((x) => fits(s, x))
      if (!w) continue
      used.add(s)
      steps.push(keep(s))
    }
  }
  const leftovers = mine.filter((x) => !used.has(x))
  for (const w of open) {
    const s = leftovers.shift()
    if (s) {
      const changes = [...windowChange(s, w, post(w, s)), ...contentChanges(s)]
      steps.push(update(s, w, changes))
      continue
    }
    const p = post(w)
    steps.push({action: {action: 'create', name: entry.name, startsAt: p.startsAt, endsAt: p.endsAt, matchers}, post: p})
  }
  for (const s of leftovers) {
    const why = windows.length === 0 ? 'the file\'s window has ended' : spec.kind === 'schedule' ? 'not a window of the schedule any more' : 'another silence already holds this entry\'s window'
    steps.push({action: described('expire', entry.name, s, why)})
  }
  return steps
}

function windowChange(s: Silence, w: Window, p: PostableSilence): string[] {
  const out: string[] = []
  if (!near(Date.parse(s.startsAt), Date.parse(p.startsAt))) out.push(`start ${formatRfc3339(new Date(s.startsAt))} -> ${p.startsAt}`)
  if (!near(Date.parse(s.endsAt), w.end.getTime())) out.push(`end ${formatRfc3339(new Date(s.endsAt))} -> ${p.endsAt}`)
  return out
}

/**
 * A `duration` entry holds "at least this long from now": a run leaves an active silence alone while it
 * still lasts until now + duration - slack, where slack is a tenth of the duration, at least a minute;
 * otherwise it extends that silence to now + duration. It never shortens one.
 */
export function durationSlack(ms: number): number {
  return Math.max(60_000, Math.floor(ms / 10))
}

/** The windows an entry wants now. */
function wanted(entry: SilenceEntry, opts: Pick<PlanOptions, 'now' | 'horizonMs'>): Window[] {
  const now = opts.now.getTime()
  const spec = entry.window
  if (spec.kind === 'duration') return [{start: opts.now, end: new Date(now + spec.ms)}]
  if (spec.kind === 'fixed') return spec.ends.getTime() > now ? [{start: spec.starts ?? opts.now, end: spec.ends}] : []
  return desiredWindows(spec.schedule, opts.now, opts.horizonMs)
}

export function summarize(actions: readonly ApplyAction[]): ApplySummary {
  const count = (k: ActionKind) => actions.filter((a) => a.action === k).length
  return {create: count('create'), update: count('update'), expire: count('expire'), unchanged: count('unchanged'), failed: actions.filter((a) => a.error !== undefined).length}
}

interface ApplyOptions {
  dryRun?: boolean
  prune?: boolean
  horizonMs?: number
  author: string
  propagationTimeoutMs?: number
  now?: Date
}

/** Read the live silences from the first healthy peer, plan, and (unless dry run) write the plan there. */
export async function applySilences(peers: readonly HttpClient[], file: SilenceFile, opts: ApplyOptions): Promise<ApplyReport> {
  const horizonMs = opts.horizonMs ?? 0
  if (horizonMs < 0 || horizonMs > MAX_HORIZON_MS) throw new UsageError('--horizon is longer than a year', {hint: 'give at most 366d, e.g. --horizon 21d'})
  const cluster = await openCluster(peers)
  const {resolved, warnings} = resolveEntries(file, matcherMode(cluster.version))
  const existing = await getSilences(cluster.primary, {serverStates: stateParams(cluster, ['active', 'pending']), keep: ['active', 'pending']})
  const now = opts.now ?? new Date()
  for (const {name, window: w} of file.entries) {
    if (w.kind === 'fixed' && w.ends.getTime() <= now.getTime()) warnings.push(`${name}: its window ended at ${formatRfc3339(w.ends)}, so it holds no silence; remove the entry`)
  }
  const plan = planApply(file, resolved, existing, {now, horizonMs, prune: opts.prune ?? false, author: opts.author})
  const base = {dryRun: Boolean(opts.dryRun), ...(file.scope === undefined ? {} : {scope: file.scope}), peer: cluster.primary.displayUrl, down: cluster.down, orphans: plan.orphans, warnings}
  if (opts.dryRun) {
    const actions = plan.steps.map((s) => s.action)
    return {actions, summary: summarize(actions), notPropagated: [], ...base}
  }
  const http = cluster.primary
  const actions = await mapConcurrent(plan.steps, CONCURRENCY, async (step): Promise<ApplyAction> => {
    const a = step.action
    try {
      if (a.action === 'expire') {
        await deleteSilence(http, a.id!)
      } else if (step.post) {
        const id = await postSilence(http, step.post)
        if (a.id !== undefined && id !== a.id) return {...a, id, previousId: a.id}
        return {...a, id}
      }
      return a
    } catch (err) {
      return {...a, error: (err as Error).message}
    }
  })
  const written = new Map<string, number>()
  actions.forEach((a, i) => {
    const post = plan.steps[i]!.post
    if (post && a.error === undefined && a.id) written.set(a.id, Date.parse(post.endsAt))
  })
  const notPropagated = await peersMissing(cluster.others, written, opts.propagationTimeoutMs ?? DEFAULT_PROPAGATION_TIMEOUT_MS)
  return {actions, summary: summarize(actions), notPropagated, ...base}
}

/** Entries' matchers for this server's parser; a matcher only this server refuses is a file problem (nothing sent). */
function resolveEntries(file: SilenceFile, mode: ReturnType<typeof matcherMode>): {resolved: ResolvedEntry[]; warnings: string[]} {
  const problems: string[] = []
  const warnings: string[] = []
  const resolved = file.entries.map((entry) => {
    try {
      const r = matchersFromInputs({matcher: entry.matchers}, mode)
      warnings.push(...r.warnings.map((w) => `${entry.name}: ${w}`))
      return {entry, matchers: r.matchers}
    } catch (err) {
      if (!(err instanceof MatcherError)) throw err
      problems.push(`silence "${entry.name}" (line ${entry.line}): ${err.message}`)
      return {entry, matchers: []}
    }
  })
  if (problems.length > 0) {
    throw new UsageError(`this Alertmanager's matcher parser refuses ${problems.length === 1 ? 'a matcher' : `${problems.length} matchers`}; nothing was sent:\n${problems.map((p) => `  ${p}`).join('\n')}`, {
      hint: 'Alertmanager 0.25 and 0.26 use the classic matcher syntax: see "Matchers" in the README',
    })
  }
  return {resolved, warnings}
}
