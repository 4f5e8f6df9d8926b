// A fleet for people: the command's own table with a leading CONTEXT column, one row for a context that
// failed (naming the error), each context's footer prefixed with its name, and a last line for the whole.
import type {FleetEntry, FleetRun} from '../../health/fleet.js'
import {palette} from '../color.js'
import {machineForm, render, type Column, type RenderOptions, type View} from '../render.js'

interface FleetRow<Row> {
  context: string
  row?: Row
  /** Set on the one row of a context that failed. */
  failure?: {exitCode: number; message: string}
}

/** What json and yaml print: each context's own machine form under `result`. */
export interface FleetData<D> {
  contexts: Array<Omit<FleetEntry<D>, 'result'> & {result?: D}>
  ok: boolean
  exitCode: number
}

const failureWord = (exitCode: number) => (exitCode === 3 ? 'unreachable' : 'error')

export function fleetView<R, Row, D>(inner: View<R, Row, D>): View<FleetRun<R>, FleetRow<Row>, FleetData<D>> {
  const columns = inner.columns ?? []
  const last = columns.length - 1
  const cell = (c: Column<Row>, k: number) => (r: FleetRow<Row>, o: RenderOptions) => {
    if (r.row !== undefined) return c.value(r.row, o)
    const f = r.failure!
    if (k === 0) return palette(o.color).red(failureWord(f.exitCode))
    return k === last ? f.message : '-'
  }
  return {
    rows: (run) =>
      run.contexts.flatMap((e): FleetRow<Row>[] => {
        if (e.error) return [{context: e.context, failure: {exitCode: e.exitCode, message: e.error.message}}]
        return (inner.rows?.(e.result!) ?? []).map((row) => ({context: e.context, row}))
      }),
    columns: [{header: 'CONTEXT', value: (r) => r.context}, ...columns.map((c, k) => ({header: c.header, value: cell(c, k)}))],
    ids: (run) => run.contexts.flatMap((e) => (e.result === undefined ? [] : (inner.ids?.(e.result) ?? []))),
    empty: '', // each context says it has nothing in the footer
    footer: (run, o) => [...run.contexts.flatMap((e) => contextFooter(inner, e, o)), fleetSummary(run)].join('\n'),
    text: inner.text ? (run, o) => sections(inner, run, o) : undefined,
    data: (run) => ({
      contexts: run.contexts.map(({result, error, ...e}) => ({
        ...e,
        ...(error ? {error: definedOnly(error)} : {}),
        ...(result === undefined ? {} : {result: machineForm(result, inner)}),
      })),
      ok: run.ok,
      exitCode: run.exitCode,
    }),
  }
}

/** A context's footer lines (or the view's "nothing" sentence when it has no rows), each naming the context. */
function contextFooter<R, Row, D>(inner: View<R, Row, D>, e: FleetEntry<R>, o: RenderOptions): string[] {
  if (e.result === undefined) return []
  const lines = [(inner.rows?.(e.result) ?? []).length === 0 ? (inner.empty ?? 'Nothing to show.') : undefined, inner.footer?.(e.result, o)]
  return lines
    .filter((l): l is string => Boolean(l))
    .flatMap((l) => l.split('\n'))
    .map((l) => `${e.context}: ${l}`)
}

function fleetSummary(run: FleetRun<unknown>): string {
  const named = (pick: (e: FleetEntry<unknown>) => boolean) => run.contexts.filter(pick).map((e) => e.context)
  const good = named((e) => e.ok).length
  const parts = [`${good} of ${run.contexts.length} contexts ok`]
  const unreachable = named((e) => e.exitCode === 3)
  const failed = named((e) => e.exitCode === 2)
  const problems = named((e) => e.exitCode === 1)
  if (unreachable.length > 0) parts.push(`unreachable: ${unreachable.join(', ')}`)
  if (failed.length > 0) parts.push(`failed: ${failed.join(', ')}`)
  if (problems.length > 0) parts.push(`problems: ${problems.join(', ')}`)
  return `${parts.join('; ')}.`
}

/** A view that is not a table prints one titled section per context. */
function sections<R, Row, D>(inner: View<R, Row, D>, run: FleetRun<R>, o: RenderOptions): string {
  const c = palette(o.color)
  const parts = run.contexts.map((e) => {
    const body = e.result === undefined ? c.red(`${failureWord(e.exitCode)}: ${e.error?.message ?? ''}`) : render(e.result, inner, 'table', o)
    return `${c.bold(`== ${e.context}`)}\n${body}`
  })
  return [...parts, fleetSummary(run)].join('\n\n')
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}
