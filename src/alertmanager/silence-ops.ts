// Silence use cases on an Alertmanager cluster: create (idempotent), list, expire, update, import, export.
import {userInfo} from 'node:os'
import {NotFoundError, UsageError} from '../errors.js'
import {readFileSafe, readStreamSafe} from '../files/read.js'
import type {HttpClient} from '../http/client.js'
import {parseDuration} from '../model/duration.js'
import {formatRfc3339, parseTime} from '../model/time.js'
import {deleteSilence, getAlerts, getSilence, getSilences, postSilence, postSilenceIfKnown} from './api.js'
import {mapConcurrent} from '../concurrency.js'
import {openCluster, peersLacking, stateParams, supportsSilenceAnnotations, type Cluster, type PeerFailure} from './cluster.js'
import {buildSilence, checkSilenceFields, checkTimes, containsMatchers, filterSilences, findEquivalent, raceWinner, toPostable} from './silences.js'
import {matcherMode, matchersFromInputs, parseImportFile, precheckMatchers} from './silences.js'
import type {ImportEntry, MatcherInputs, SilenceFilter, SilenceInput} from './silences.js'
import {matchersMatch, type Matcher} from '../model/matchers.js'
import type {Alert, PostableSilence, Silence} from './schemas.js'

/** Requests in flight per command; the HTTP client keeps 16 keep-alive connections per peer. */
const CONCURRENCY = 16
const DEFAULT_PROPAGATION_TIMEOUT_MS = 10_000

interface CreateOptions {
  alwaysNew?: boolean
  dryRun?: boolean
  propagationTimeoutMs?: number
}

export interface CreateResult {
  action: 'created' | 'reused' | 'dry-run'
  id?: string
  silence: PostableSilence
  /** Peer that took the write (or answered the dry run). */
  peer: string
  /** Alerts the silence matches now (dry run only). */
  matchingAlerts?: Alert[]
  /** --annotation was given but the server is older than 0.32. */
  annotationsDropped: boolean
  /** Healthy peers that did not show the new silence within the propagation timeout. */
  notPropagated: PeerFailure[]
  down: PeerFailure[]
  /** Matcher parser warnings (classic vs UTF-8 disagreement). */
  warnings: string[]
  /** Another run created an identical silence at the same time: its ID is kept, ours was expired. */
  raced?: {expired: string; expireError?: string}
}

type CreateInput = Omit<SilenceInput, 'matchers'> & {matchers: MatcherInputs}

export async function createSilence(peers: readonly HttpClient[], input: CreateInput, opts: CreateOptions = {}): Promise<CreateResult> {
  const now = new Date()
  checkSilenceFields(input, now) // input checks that need no server come first
  precheckMatchers(input.matchers) // invalid for every server: fail before connecting
  const cluster = await openCluster(peers)
  const mode = matcherMode(cluster.version)
  const {matchers, warnings} = matchersFromInputs(input.matchers, mode)
  const built = buildSilence({...input, matchers}, now, mode)
  const annotationsDropped = built.annotations !== undefined && !supportsSilenceAnnotations(cluster)
  const silence: PostableSilence = annotationsDropped ? {...built, annotations: undefined} : built
  const base = {silence, peer: cluster.primary.displayUrl, annotationsDropped, notPropagated: [], down: cluster.down, warnings}
  if (opts.dryRun) {
    const alerts = await getAlerts(cluster.primary, {active: true, silenced: true, inhibited: true, unprocessed: true})
    return {action: 'dry-run', ...base, matchingAlerts: alerts.filter((a) => matchersMatch(matchers, a.labels))}
  }
  const end = new Date(silence.endsAt)
  if (!opts.alwaysNew) {
    const active = await getSilences(cluster.primary, {serverStates: stateParams(cluster, ['active']), keep: ['active'], filter: equalityFilter(matchers)})
    const same = findEquivalent(active, matchers, end)
    if (same) return {action: 'reused', id: same.id, ...base, silence: stored(same)}
  }
  const created = await postSilence(cluster.primary, silence)
  const raced = opts.alwaysNew ? undefined : await settleRace(cluster.primary, created, matchers, end, now, cluster)
  const id = raced?.keep ?? created
  const notPropagated = await peersLacking(cluster.others, async (http) => (await getSilence(http, id)) !== undefined, {
    timeoutMs: opts.propagationTimeoutMs ?? DEFAULT_PROPAGATION_TIMEOUT_MS,
  })
  if (raced) return {action: 'reused', id, ...base, silence: stored(raced.winner), notPropagated, raced: {expired: created, expireError: raced.expireError}}
  return {action: 'created', id, ...base, notPropagated}
}

/** A reused silence is reported as the server stores it (its comment, author and times), not as requested. */
function stored(s: Silence): PostableSilence {
  return toPostable(s, false)
}

/**
 * Check-then-act is racy: re-read the live silences with our matchers; when an older identical one exists
 * (another run created it meanwhile), expire ours and keep that one. See raceWinner.
 */
async function settleRace(
  http: HttpClient,
  ownId: string,
  matchers: readonly Matcher[],
  end: Date,
  runStart: Date,
  cluster: Parameters<typeof stateParams>[0],
): Promise<{keep: string; winner: Silence; expireError?: string} | undefined> {
  const live = await getSilences(http, {serverStates: stateParams(cluster, ['active', 'pending']), keep: ['active', 'pending'], filter: equalityFilter(matchers)})
  const winner = raceWinner(live, ownId, matchers, end, runStart)
  if (!winner || winner.id === ownId) return undefined
  try {
    await deleteSilence(http, ownId)
    return {keep: winner.id, winner}
  } catch (err) {
    return {keep: winner.id, winner, expireError: (err as Error).message}
  }
}

/**
 * The API's `filter` for the idempotency check: the plain `name="value"` matchers, so that a busy
 * Alertmanager sends back a few candidates instead of every silence it holds. The server's filter can
 * miss a silence that repeats a label name; here that costs a new silence instead of a reused one.
 */
export function equalityFilter(matchers: readonly Matcher[]): string[] {
  return matchers.filter((m) => m.type === '=' && /^[A-Za-z_]\w*$/.test(m.name) && !/["\\\p{Cc}]/u.test(m.value)).map((m) => `${m.name}="${m.value}"`)
}

interface SilenceList {
  silences: Silence[]
  peer: string
  down: PeerFailure[]
  warnings: string[]
}

type ListFilter = Omit<SilenceFilter, 'matchers'> & {matchers?: MatcherInputs}

export async function listSilences(peers: readonly HttpClient[], filter: ListFilter): Promise<SilenceList> {
  precheckMatchers(filter.matchers ?? {}) // invalid for every server: fail before connecting
  const cluster = await openCluster(peers)
  const {matchers, warnings} = matchersFromInputs(filter.matchers ?? {}, matcherMode(cluster.version))
  const all = await getSilences(cluster.primary, {serverStates: stateParams(cluster, filter.states), keep: filter.states})
  const silences = filterSilences(all, {...filter, matchers}, new Date())
  return {silences, peer: cluster.primary.displayUrl, down: cluster.down, warnings}
}

export interface ExpireOutcome {
  id: string
  outcome: 'expired' | 'not-found' | 'failed'
  error?: string
}

export interface ExpireReport {
  results: ExpireOutcome[]
  /** For --matcher: the silences selected (expired only with --yes). */
  matched?: Silence[]
  dryRun: boolean
  peer: string
  down: PeerFailure[]
}

/** Expire silences by ID, concurrently; expiring an expired silence succeeds, an unknown ID is "not-found". */
export async function expireSilences(peers: readonly HttpClient[], ids: readonly string[]): Promise<ExpireReport> {
  if (ids.length === 0) throw new UsageError('no silence IDs given', {hint: 'pass IDs, or --matcher alertname="X" --yes to expire by matchers'})
  const cluster = await openCluster(peers)
  const full = await resolveIdPrefixes(cluster, ids)
  const results = await expireAll(cluster.primary, [...new Set(full)])
  return {results, dryRun: false, peer: cluster.primary.displayUrl, down: cluster.down}
}

const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Full IDs as given; a shorter one is a prefix that must name exactly one silence (any state), else a usage
 * error before anything is expired. Alertmanager itself answers a prefix with HTTP 422.
 */
async function resolveIdPrefixes(cluster: Cluster, ids: readonly string[]): Promise<string[]> {
  const prefixes = ids.filter((id) => !FULL_ID.test(id))
  if (prefixes.length === 0) return [...ids]
  const all = await getSilences(cluster.primary, {serverStates: stateParams(cluster, ['active', 'pending', 'expired'])})
  const problems: string[] = []
  const resolved = ids.map((id) => {
    if (FULL_ID.test(id)) return id
    const hits = all.filter((s) => s.id.toLowerCase().startsWith(id.toLowerCase()))
    if (hits.length === 1) return hits[0]!.id
    if (hits.length === 0) problems.push(`no silence with ID prefix ${id}`)
    else problems.push(`ID prefix ${id} is ambiguous: matches ${hits.length} silences (${hits.map((s) => `${s.id} ${s.status.state}`).join(', ')})`)
    return id
  })
  if (problems.length > 0) {
    throw new UsageError(problems.join('; '), {hint: 'give more characters of the ID, or the full ID; list IDs with "spock silences list --all"'})
  }
  return resolved
}

/** Every active or pending silence whose matchers include all the given ones; expired only when `yes`. */
export async function expireMatching(peers: readonly HttpClient[], inputs: MatcherInputs, yes: boolean): Promise<ExpireReport> {
  precheckMatchers(inputs) // invalid for every server: fail before connecting
  const cluster = await openCluster(peers)
  const {matchers} = matchersFromInputs(inputs, matcherMode(cluster.version))
  if (matchers.length === 0) throw new UsageError('no matchers given', {hint: 'pass --matcher alertname="X" (repeatable), or silence IDs'})
  const live = await getSilences(cluster.primary, {serverStates: stateParams(cluster, ['active', 'pending']), keep: ['active', 'pending']})
  const matched = live.filter((s) => s.status.state !== 'expired' && containsMatchers(s, matchers))
  const results = yes ? await expireAll(cluster.primary, matched.map((s) => s.id)) : []
  return {results, matched, dryRun: !yes, peer: cluster.primary.displayUrl, down: cluster.down}
}

async function expireAll(http: HttpClient, ids: readonly string[]): Promise<ExpireOutcome[]> {
  return mapConcurrent(ids, CONCURRENCY, async (id): Promise<ExpireOutcome> => {
    try {
      return {id, outcome: await deleteSilence(http, id)}
    } catch (err) {
      return {id, outcome: 'failed', error: (err as Error).message}
    }
  })
}

interface UpdateInput {
  id: string
  duration?: string
  end?: string
  comment?: string
}

export interface UpdateResult {
  previousId: string
  id: string
  /** The server could not update in place (start changed or silence expired) and issued a new ID. */
  newId: boolean
  silence: PostableSilence
  peer: string
  down: PeerFailure[]
}

/** As amtool: the new end is --end, or the silence's own start plus --duration. */
export async function updateSilence(peers: readonly HttpClient[], input: UpdateInput): Promise<UpdateResult> {
  if (input.duration === undefined && input.end === undefined && input.comment === undefined) {
    throw new UsageError('nothing to update', {hint: 'pass --duration, --end or --comment'})
  }
  const now = new Date()
  const end = input.end === undefined ? undefined : parseTime(input.end, now)
  const durationMs = input.duration === undefined ? undefined : parseDuration(input.duration)
  if (durationMs !== undefined && durationMs <= 0) {
    throw new UsageError(`duration "${input.duration}" is zero`, {hint: 'give a positive duration, e.g. --duration 2h'})
  }
  const cluster = await openCluster(peers)
  const current = await getSilence(cluster.primary, input.id)
  if (!current) throw new NotFoundError(`silence ${input.id} not found on ${cluster.primary.displayUrl}`, {hint: 'list IDs with "spock silences list --all"'})
  const start = new Date(current.startsAt)
  const newEnd = end ?? (durationMs === undefined ? new Date(current.endsAt) : new Date(start.getTime() + durationMs))
  checkTimes(start, newEnd, now)
  const silence: PostableSilence = {
    ...toPostable(current, true),
    endsAt: formatRfc3339(newEnd),
    ...(input.comment === undefined ? {} : {comment: input.comment}),
  }
  const id = await postSilence(cluster.primary, silence)
  return {previousId: current.id, id, newId: id !== current.id, silence, peer: cluster.primary.displayUrl, down: cluster.down}
}

interface ExportOptions {
  all?: boolean
  expired?: boolean
  matchers?: MatcherInputs
}

/** The same JSON array `amtool silence query -o json` prints (active and pending unless asked otherwise). */
export async function exportSilences(peers: readonly HttpClient[], opts: ExportOptions = {}): Promise<SilenceList> {
  const states = opts.all ? (['active', 'pending', 'expired'] as const) : opts.expired ? (['expired'] as const) : (['active', 'pending'] as const)
  return listSilences(peers, {states, matchers: opts.matchers})
}

export interface ImportOutcome {
  /** 1-based position of the silence in the imported file. */
  index: number
  previousId?: string
  id?: string
  /** created: new silence; updated: same ID kept; recreated: ID unknown here, new ID; skipped: already ended. */
  outcome: 'created' | 'updated' | 'recreated' | 'skipped' | 'failed'
  error?: string
}

export interface ImportReport {
  results: ImportOutcome[]
  peer: string
  down: PeerFailure[]
  /** Healthy peers that did not show every imported silence within the propagation timeout. */
  notPropagated: NotPropagated[]
}

/** A peer and the imported silences (IDs) it did not show in time. */
export interface NotPropagated extends PeerFailure {
  ids: string[]
}

/** amtool semantics: post with the old ID (in-place update) unless --force; an unknown ID is re-created with a new one. */
export async function importSilences(
  peers: readonly HttpClient[],
  entries: readonly ImportEntry[],
  opts: {force?: boolean; propagationTimeoutMs?: number} = {},
): Promise<ImportReport> {
  const cluster = await openCluster(peers)
  const http = cluster.primary
  const needKnown = !opts.force && entries.some((e) => 'silence' in e && e.silence.id)
  const known = new Set(needKnown ? (await getSilences(http)).map((s) => s.id) : [])
  const now = Date.now()
  const results = await mapConcurrent(entries, CONCURRENCY, async (at): Promise<ImportOutcome> => {
    const entry = {...at, index: at.index + 1} // entries count from 0; reports count from 1
    if ('error' in entry) return {index: entry.index, previousId: entry.id, outcome: 'failed', error: entry.error}
    const s = entry.silence
    const previousId = s.id || undefined
    if (Date.parse(s.endsAt) <= now) return {index: entry.index, previousId, outcome: 'skipped', error: `ended at ${s.endsAt}`}
    try {
      if (previousId && !opts.force && known.has(previousId)) {
        const id = await postSilenceIfKnown(http, toPostable(s, true))
        if (id !== undefined) return {index: entry.index, previousId, id, outcome: id === previousId ? 'updated' : 'recreated'}
      }
      const id = await postSilence(http, toPostable(s, false))
      return {index: entry.index, previousId, id, outcome: previousId && !opts.force ? 'recreated' : 'created'}
    } catch (err) {
      return {index: entry.index, previousId, outcome: 'failed', error: (err as Error).message}
    }
  })
  const written = new Map<string, number>()
  results.forEach((r, i) => {
    const entry = entries[i]! // mapConcurrent keeps the order
    if (r.id && 'silence' in entry) written.set(r.id, Date.parse(entry.silence.endsAt))
  })
  const notPropagated = await peersMissing(cluster.others, written, opts.propagationTimeoutMs ?? DEFAULT_PROPAGATION_TIMEOUT_MS)
  return {results, peer: http.displayUrl, down: cluster.down, notPropagated}
}

/**
 * Poll each peer's silence list until it shows every written silence (ID with the written end: an in-place
 * update keeps the ID) or the timeout passes; one list per poll, however many silences were written.
 */
export async function peersMissing(peers: readonly HttpClient[], written: ReadonlyMap<string, number>, timeoutMs: number, intervalMs = 200): Promise<NotPropagated[]> {
  if (written.size === 0) return []
  const deadline = Date.now() + timeoutMs
  const results = await Promise.all(
    peers.map(async (peer): Promise<NotPropagated | undefined> => {
      const missing = new Set(written.keys())
      let last = 'not visible yet'
      for (;;) {
        try {
          for (const s of await getSilences(peer)) {
            if (missing.has(s.id) && Math.abs(Date.parse(s.endsAt) - written.get(s.id)!) < 1000) missing.delete(s.id)
          }
          last = 'not visible yet'
        } catch (err) {
          last = (err as Error).message
        }
        if (missing.size === 0) return undefined
        if (Date.now() >= deadline) return {url: peer.displayUrl, reason: `${last} after ${timeoutMs} ms`, ids: [...missing]}
        await new Promise((resolve) => setTimeout(resolve, intervalMs))
      }
    }),
  )
  return results.filter((r): r is NotPropagated => r !== undefined)
}

/** Read an export file, or stdin for "-", and parse its entries. */
export async function readImportFile(path: string, stdin: AsyncIterable<Buffer | string>): Promise<ImportEntry[]> {
  const text = (path === '-' ? await readStreamSafe(stdin, 'stdin') : await readFileSafe(path)).toString('utf8')
  return parseImportFile(text, path === '-' ? 'stdin' : path)
}

/** --author, else the configured author (context or SPOCK_AUTHOR), else the OS user, as amtool. */
export function resolveAuthor(flag: string | undefined, configured: string | undefined): string {
  if (flag !== undefined && flag !== '') return flag
  if (configured) return configured
  try {
    return userInfo().username
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? ''
  }
}
