// Silences for people: tables of silences and of per-silence outcomes (expire, import), and one-line results.
import {describeMatchers} from '../../alertmanager/silences.js'
import type {CreateResult, ExpireOutcome, ExpireReport, ImportOutcome, ImportReport, UpdateResult} from '../../alertmanager/silence-ops.js'
import type {PeerFailure} from '../../alertmanager/cluster.js'
import type {Alert, Silence} from '../../alertmanager/schemas.js'
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
