// The one renderer: results and findings for people (table), machines (json, yaml), scripts (quiet IDs)
// and the formats a view adds (github, sarif, junit, checkstyle for findings). Pure: returns text.
import {createRequire} from 'node:module'
import {stringifyYaml} from '../yaml/stringify.js'

/** The human format is `table` everywhere; `text` is accepted as its alias (the old findings name). */
export type Format = 'table' | 'json' | 'yaml' | 'quiet' | ViewFormat
/** Formats only some views have (findings). */
export type ViewFormat = 'github' | 'sarif' | 'junit' | 'checkstyle'

export const HUMAN_ALIAS = 'text'

/** 'text' -> 'table'; anything else unchanged. */
export function normalizeFormat<F extends string>(format: F | typeof HUMAN_ALIAS): F | 'table' {
  return format === HUMAN_ALIAS ? 'table' : (format as F)
}

export interface RenderOptions {
  color: boolean
  tty: boolean
  now?: Date
}

export interface Column<Row> {
  header: string
  value: (row: Row, opts: RenderOptions) => string
}

export interface View<R, Row = unknown, D = R> {
  rows?: (result: R) => readonly Row[]
  columns?: readonly Column<Row>[]
  ids?: (result: R) => readonly string[]
  empty?: string
  /** A sentence printed after the table (to stdout), e.g. "2 of 3 servers healthy." */
  footer?: (result: R, opts: RenderOptions) => string | undefined
  /** The human form when it is not a table (a routing tree, findings as file:line:col lines). */
  text?: (result: R, opts: RenderOptions) => string
  /** The machine form, for json and yaml (default: the result itself). Commands return it from run(). */
  data?: (result: R) => D
  /** The formats only this view has. */
  formats?: Partial<Record<ViewFormat, (result: R, opts: RenderOptions) => string>>
}

/** What json and yaml print for `result`: also what a command's run() returns. */
export function machineForm<R, Row, D>(result: R, view: View<R, Row, D>): D {
  return view.data ? view.data(result) : (result as unknown as D)
}

export function render<R, Row, D = R>(result: R, view: View<R, Row, D>, format: Format, opts: RenderOptions): string {
  switch (format) {
    case 'json':
      return JSON.stringify(machineForm(result, view), null, 2)
    case 'yaml':
      return stringifyYaml(machineForm(result, view))
    case 'quiet':
      return (view.ids?.(result) ?? []).join('\n')
    case 'table':
      return view.text ? view.text(result, opts) : renderTable(result, view, opts)
    default: {
      const own = view.formats?.[format]
      if (!own) throw new Error(`this view has no ${format} format`)
      return own(result, opts)
    }
  }
}

export function renderTable<R, Row, D>(result: R, view: View<R, Row, D>, opts: RenderOptions): string {
  const rows = view.rows?.(result) ?? []
  const columns = view.columns ?? []
  const footer = view.footer?.(result, opts)
  if (rows.length === 0) return [view.empty ?? 'Nothing to show.', footer].filter(Boolean).join('\n')
  const body = rows.map((row) => columns.map((c) => c.value(row, opts)))
  const head = columns.map((c) => c.header)
  const text = opts.tty ? boxed(head, body, opts.color) : plain(head, body)
  return footer ? `${text}\n${footer}` : text
}

/** For a terminal: cli-table3 with borders. */
function boxed(head: string[], body: string[][], color: boolean): string {
  const Table = load<typeof import('cli-table3')>('cli-table3')
  const table = new Table({head, style: {head: color ? ['bold'] : [], border: []}})
  for (const row of body) table.push(row)
  return table.toString()
}

/**
 * For pipes and CI: borderless columns two spaces apart, like amtool's tabwriter output (easy to grep
 * and cut). Widths count code points, as Go's tabwriter does; linear in the number of cells.
 */
export function plain(head: readonly string[], body: readonly (readonly string[])[]): string {
  const rows = [head, ...body].map((cells) => cells.map((c) => c.replace(/\r?\n/g, ' ')))
  const widths = head.map(() => 0)
  for (const cells of rows) cells.forEach((c, k) => (widths[k] = Math.max(widths[k] ?? 0, width(c))))
  return rows.map((cells) => cells.map((c, k) => (k === cells.length - 1 ? c : c + ' '.repeat(widths[k]! - width(c) + 2))).join('').trimEnd()).join('\n')
}

function width(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/** Loaded on first use, from node_modules (not bundled): most runs never render a table or YAML. */
function load<T>(name: string): T {
  return createRequire(import.meta.url)(name) as T
}
