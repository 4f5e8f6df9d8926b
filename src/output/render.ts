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
  const Table = load<typeof import('cli-table3')>('cli-table3')
  const body = rows.map((row) => view.columns.map((c) => c.value(row, opts)))
  const head = view.columns.map((c) => c.header)
  const table = new Table(opts.tty ? {head, style: {head: opts.color ? ['bold'] : [], border: []}} : {head, chars: PLAIN, style: {head: [], border: [], 'padding-left': 0, 'padding-right': 2}})
  table.push(...body)
  const text = opts.tty ? table.toString() : table.toString().split('\n').map((l) => l.trimEnd()).join('\n')
  return footer ? `${text}\n${footer}` : text
}

/** Loaded on first use, from node_modules (not bundled): most runs never render a table or YAML. */
function load<T>(name: string): T {
  return createRequire(import.meta.url)(name) as T
}

// Borderless, like amtool's tabwriter output: easy to grep and cut.
const PLAIN = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '',
}
