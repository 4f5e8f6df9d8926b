// Results for people (table), machines (json, yaml) and scripts (quiet IDs). Pure: returns text.
import {createRequire} from 'node:module'

export type Format = 'table' | 'json' | 'yaml' | 'quiet'

export interface RenderOptions {
  color: boolean
  tty: boolean
  now?: Date
}

export interface Column<Row> {
  header: string
  value: (row: Row, opts: RenderOptions) => string
}

export interface View<R, Row = unknown> {
  rows: (result: R) => readonly Row[]
  columns: readonly Column<Row>[]
  ids?: (result: R) => readonly string[]
  empty?: string
  /** A sentence printed after the table (to stdout), e.g. "2 of 3 servers healthy." */
  footer?: (result: R, opts: RenderOptions) => string | undefined
}

export async function render<R, Row>(result: R, view: View<R, Row>, format: Format, opts: RenderOptions): Promise<string> {
  switch (format) {
    case 'json':
      return JSON.stringify(result, null, 2)
    case 'yaml': {
      const {stringify} = load<typeof import('yaml')>('yaml')
      return stringify(result, {lineWidth: 0}).trimEnd()
    }
    case 'quiet':
      return (view.ids?.(result) ?? []).join('\n')
    case 'table':
      return renderTable(result, view, opts)
  }
}

export function renderTable<R, Row>(result: R, view: View<R, Row>, opts: RenderOptions): string {
  const rows = view.rows(result)
  const footer = view.footer?.(result, opts)
  if (rows.length === 0) return [view.empty ?? 'Nothing to show.', footer].filter(Boolean).join('\n')
  const body = rows.map((row) => view.columns.map((c) => c.value(row, opts)))
  const head = view.columns.map((c) => c.header)
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
