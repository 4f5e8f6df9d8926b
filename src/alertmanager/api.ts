// Typed Alertmanager /api/v2 calls, zod-checked.
import {ApiError} from '../errors.js'
import type {HttpClient} from '../http/client.js'
import {parseResponse, serverMessage} from '../http/parse.js'
import {
  alertGroups,
  gettableAlerts,
  gettableSilence,
  gettableSilences,
  postSilenceResponse,
  status,
  type Alert,
  type AlertGroup,
  type AlertmanagerStatus,
  type PostableSilence,
  type Silence,
  type SilenceState,
} from './schemas.js'

export async function getStatus(http: HttpClient): Promise<AlertmanagerStatus> {
  const body = await http.getJson('/api/v2/status')
  return parseResponse(status, body, `${http.displayUrl}/api/v2/status`)
}

const SILENCES = '/api/v2/silences'

export interface SilenceQuery {
  /** Sent as the active/pending/expired parameters: only to servers that take them (0.34+, see supportsStateParams). */
  serverStates?: readonly SilenceState[]
  /** Keep only these states, dropped before validation: older servers send every silence they still hold. */
  keep?: readonly SilenceState[]
  /** The API's matcher filter, e.g. ['alertname="X"']. */
  filter?: readonly string[]
}

/** Silences the peer holds, zod-checked (those `keep` drops are never checked nor returned). */
export async function getSilences(http: HttpClient, q: SilenceQuery = {}): Promise<Silence[]> {
  const states = q.serverStates
  const byState = states && {active: String(states.includes('active')), pending: String(states.includes('pending')), expired: String(states.includes('expired'))}
  const query = q.filter?.length ? {...byState, filter: [...q.filter]} : byState
  const body = await http.getJson(SILENCES, {query})
  return parseResponse(gettableSilences, q.keep ? keepStates(body, q.keep) : body, `${http.displayUrl}${SILENCES}`)
}

/** Drops list entries whose status.state is another known state; anything malformed stays for zod to report. */
function keepStates(body: unknown, keep: readonly SilenceState[]): unknown {
  if (!Array.isArray(body)) return body
  return body.filter((s) => {
    const state = (s as {status?: {state?: unknown}} | null)?.status?.state
    return typeof state !== 'string' || keep.includes(state as SilenceState) || !['active', 'pending', 'expired'].includes(state)
  })
}

/** One silence, or undefined when the peer does not know the ID. */
export async function getSilence(http: HttpClient, id: string): Promise<Silence | undefined> {
  const path = `/api/v2/silence/${encodeURIComponent(id)}`
  const res = await http.get(path, {accept: [404]})
  if (res.status === 404) return undefined
  return parseResponse(gettableSilence, parseBody(res.text, http.displayUrl + path), `${http.displayUrl}${path}`)
}

/** Create (no id) or update (with id); returns the ID the server kept or issued. */
export async function postSilence(http: HttpClient, silence: PostableSilence): Promise<string> {
  const body = await http.postJson(SILENCES, {body: silence})
  return silenceId(body, http)
}

/** The ID in a POST answer; zod only words what is wrong (an import posts thousands: a schema run each showed in profiles). */
function silenceId(body: unknown, http: HttpClient): string {
  const id = (body as {silenceID?: unknown} | null | undefined)?.silenceID
  return typeof id === 'string' ? id : parseResponse(postSilenceResponse, body, `${http.displayUrl}${SILENCES}`).silenceID
}

/** Like postSilence, but an unknown `id` gives undefined instead of an error (HTTP 404). */
export async function postSilenceIfKnown(http: HttpClient, silence: PostableSilence): Promise<string | undefined> {
  const res = await http.post(SILENCES, {body: silence, accept: [404]})
  if (res.status === 404) return undefined
  return silenceId(parseBody(res.text, http.displayUrl + SILENCES), http)
}

export type ExpireOutcome = 'expired' | 'not-found'

/** DELETE is idempotent for known IDs; 0.25 answers an unknown ID with 500 "silence not found", newer ones with 404. */
export async function deleteSilence(http: HttpClient, id: string): Promise<ExpireOutcome> {
  const res = await http.delete(`/api/v2/silence/${encodeURIComponent(id)}`, {accept: [404, 500]})
  if (res.status === 404) return 'not-found'
  if (res.status === 500) {
    if (/silence not found/i.test(res.text)) return 'not-found'
    throw new ApiError(`DELETE ${res.url} failed with HTTP 500: ${http.redact(serverMessage(res))}`, {status: 500, url: res.url})
  }
  return 'expired'
}

export interface AlertQuery {
  active?: boolean
  silenced?: boolean
  inhibited?: boolean
  unprocessed?: boolean
  receiver?: string
}

function alertParams(q: AlertQuery): Record<string, string | undefined> {
  const flag = (v: boolean | undefined) => (v === undefined ? undefined : String(v))
  return {
    active: flag(q.active),
    silenced: flag(q.silenced),
    inhibited: flag(q.inhibited),
    unprocessed: flag(q.unprocessed),
    receiver: q.receiver,
  }
}

export async function getAlerts(http: HttpClient, q: AlertQuery = {}): Promise<Alert[]> {
  const body = await http.getJson('/api/v2/alerts', {query: alertParams(q)})
  return parseResponse(gettableAlerts, body, `${http.displayUrl}/api/v2/alerts`)
}

/** The grouped view; `unprocessed` is not a parameter of this endpoint. */
export async function getAlertGroups(http: HttpClient, q: AlertQuery = {}): Promise<AlertGroup[]> {
  const {unprocessed: _ignored, ...rest} = q
  const body = await http.getJson('/api/v2/alerts/groups', {query: alertParams(rest)})
  return parseResponse(alertGroups, body, `${http.displayUrl}/api/v2/alerts/groups`)
}

function parseBody(text: string, where: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError(`${where} did not answer with JSON`, {url: where, hint: 'is this the right server?'})
  }
}
