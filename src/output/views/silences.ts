// Silences for people: tables of silences and of per-silence outcomes (expire, import), and one-line results.
import {describeMatchers} from '../../alertmanager/silences.js'
import type {CreateResult, ExpireOutcome, ExpireReport, ImportOutcome, ImportReport, UpdateResult} from '../../alertmanager/silence-ops.js'
import type {ApplyAction, ApplyReport} from '../../alertmanager/silence-apply.js'
import type {PeerFailure} from '../../alertmanager/cluster.js'
import type {Alert, Silence} from '../../alertmanager/schemas.js'
import {formatMatchers, fromApiMatcher} from '../../model/matchers.js'
import {formatRelative} from '../../model/time.js'
import {palette} from '../color.js'
import type {RenderOptions, View} from '../render.js'
import {alertColumns} from './alerts.js'

const when = (iso: string, o: RenderOptions) => formatRelative(new Date(iso), o.now ?? new Date())

const stateText = (s: Silence, o: RenderOptions) => {
  const c = palette(o.color)
  const st = s.status.state
  return st === 'active' ? c.green(st) : st === 'pending' ? c.yellow(st) : c.dim(st)
}

export const silencesView: View<Silence[], Silence> = {
  rows: (list) => list,
  columns: [
    {header: 'ID', value: (s) => s.id},
    {header: 'MATCHERS', value: (s) => describeMatchers(s)},
    {header: 'STATE', value: stateText},
    {header: 'STARTS', value: (s, o) => when(s.startsAt, o)},
    {header: 'ENDS', value: (s, o) => when(s.endsAt, o)},
    {header: 'CREATED BY', value: (s) => s.createdBy},
    {header: 'COMMENT', value: (s) => s.comment},
  ],
  ids: (list) => list.map((s) => s.id),
  empty: 'No silences.',
}

export const createView: View<CreateResult, Alert> = {
  rows: (r) => r.matchingAlerts ?? [],
  columns: alertColumns,
  ids: (r) => (r.id ? [r.id] : []),
  empty: '',
  footer: (r) => {
    if (r.action !== 'dry-run') return r.id
    const n = r.matchingAlerts?.length ?? 0
    return `Dry run, nothing sent: would silence ${describeMatchers(r.silence)} from ${r.silence.startsAt} until ${r.silence.endsAt}, by ${r.silence.createdBy}: "${r.silence.comment}". It matches ${n} alert${n === 1 ? '' : 's'} now.`
  },
}

export const updateView: View<UpdateResult, never> = {
  rows: () => [],
  columns: [],
  ids: (r) => [r.id],
  empty: '',
  footer: (r) => r.id,
}

const outcomeText = (outcome: string, o: RenderOptions) => {
  const c = palette(o.color)
  return outcome === 'failed' || outcome === 'not-found' ? c.red(outcome) : outcome === 'skipped' ? c.yellow(outcome) : outcome
}

/** Table rows only for IDs that were not expired; the footer counts. */
export const expireView: View<ExpireReport, ExpireOutcome> = {
  rows: (r) => r.results.filter((x) => x.outcome !== 'expired'),
  columns: [
    {header: 'ID', value: (x) => x.id},
    {header: 'RESULT', value: (x, o) => outcomeText(x.outcome, o)},
    {header: 'ERROR', value: (x) => x.error ?? (x.outcome === 'not-found' ? 'no silence with this ID' : '')},
  ],
  ids: (r) => r.results.filter((x) => x.outcome === 'expired').map((x) => x.id),
  empty: '',
  footer: (r) => {
    const n = r.results.filter((x) => x.outcome === 'expired').length
    return `Expired ${n} silence${n === 1 ? '' : 's'} on ${r.peer}.`
  },
}

/** --matcher without --yes: what would be expired. */
export const expirePreviewView: View<ExpireReport, Silence> = {
  rows: (r) => r.matched ?? [],
  columns: silencesView.columns,
  ids: (r) => (r.matched ?? []).map((s) => s.id),
  empty: 'No active or pending silence has these matchers.',
  footer: (r) => ((r.matched?.length ?? 0) > 0 ? `Nothing expired: pass --yes to expire these ${r.matched!.length}.` : undefined),
}

export const importView: View<ImportReport, ImportOutcome> = {
  rows: (r) => r.results,
  columns: [
    {header: '#', value: (x) => String(x.index)},
    {header: 'OLD ID', value: (x) => x.previousId ?? ''},
    {header: 'ID', value: (x) => x.id ?? ''},
    {header: 'RESULT', value: (x, o) => outcomeText(x.outcome, o)},
    {header: 'ERROR', value: (x) => x.error ?? ''},
  ],
  ids: (r) => r.results.flatMap((x) => (x.id ? [x.id] : [])),
  empty: 'The file holds no silences.',
}

/** Warnings about HA peers and matcher parsing, for stderr. */
export function peerWarnings(r: {down: readonly PeerFailure[]; notPropagated?: readonly PeerFailure[]; warnings?: readonly string[]}): string[] {
  return [
    ...(r.warnings ?? []),
    ...r.down.map((p) => `peer ${p.url} is down, used the others: ${p.reason}`),
    ...(r.notPropagated ?? []).map((p) => `peer ${p.url} does not show the silence yet (${p.reason}); check the cluster's gossip`),
  ]
}

const SIGN: Record<ApplyAction['action'], string> = {create: '+', update: '~', expire: '-', unchanged: '='}

/** 2026-12-05T17:00:00.000Z -> 2026-12-05 17:00Z (seconds only when not zero). */
const utc = (iso: string) => {
  const t = new Date(iso).toISOString()
  return `${t.slice(0, 10)} ${t.slice(11, 16)}${t.slice(17, 19) === '00' ? '' : t.slice(16, 19)}Z`
}

const applyAction = (a: ApplyAction, o: RenderOptions) => {
  const c = palette(o.color)
  const text = `${SIGN[a.action]} ${a.action}`
  if (a.error !== undefined) return c.red(`${text} (failed)`)
  return a.action === 'create' ? c.green(text) : a.action === 'update' ? c.yellow(text) : a.action === 'expire' ? c.red(text) : c.dim(text)
}

/** The plan as a diff: + create, ~ update, - expire, = unchanged; the footer counts. */
export const applyView: View<ApplyReport, ApplyAction> = {
  rows: (r) => r.actions,
  columns: [
    {header: 'ACTION', value: applyAction},
    {header: 'NAME', value: (a) => a.name},
    {header: 'ID', value: (a) => (a.previousId ? `${a.previousId.slice(0, 8)} -> ${a.id?.slice(0, 8) ?? ''}` : (a.id?.slice(0, 8) ?? ''))},
    {header: 'STARTS (UTC)', value: (a) => utc(a.startsAt)},
    {header: 'ENDS (UTC)', value: (a) => utc(a.endsAt)},
    {header: 'MATCHERS', value: (a) => formatMatchers(a.matchers.map(fromApiMatcher))},
    {header: 'REASON', value: (a) => a.error ?? a.reason ?? ''},
  ],
  ids: (r) => r.actions.flatMap((a) => (a.id && a.action !== 'expire' && a.error === undefined ? [a.id] : [])),
  empty: 'The file holds no silences and none of its silences exist.',
  footer: (r) => {
    const s = r.summary
    const counts = `${s.create} to create, ${s.update} to update, ${s.expire} to expire, ${s.unchanged} unchanged`
    if (r.dryRun) return `Dry run, nothing sent: ${counts}.`
    const done = `Applied on ${r.peer}: ${counts.replaceAll(' to ', ' ')}`.replace('create,', 'created,').replace('update,', 'updated,').replace('expire,', 'expired,')
    return s.failed > 0 ? `${done}; ${s.failed} failed.` : `${done}.`
  },
}
