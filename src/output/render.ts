// The one renderer: results and findings for people (table), machines (json, yaml), scripts (quiet IDs)
// and the formats a view adds (github, sarif, junit, checkstyle for findings). Pure: returns text.
import {jsonText, yamlText} from './machine-text.js'

/** The human format is `table` everywhere; `text` is accepted as its alias (the old findings name). */
export type Format = 'table' | 'json' | 'yaml' | 'quiet' | ViewFormat
/** Formats only some views have (findings). */
type ViewFormat = 'github' | 'sarif' | 'junit' | 'checkstyle'

export const HUMAN_ALIAS = 'text'

/** 'text' -> 'table'; anything else unchanged. */
export function normalizeFormat<F extends string>(format: F | typeof HUMAN_ALIAS): F | 'table' {
  return format === HUMAN_ALIAS ? 'table' : (format as F)
}

export interface RenderOptions {
  color: boolean
  tty: boolean
  now?: Date
  /** The terminal's columns (tables on a TTY fit in them); undefined: no limit. */
  width?: number
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
      return jsonText(machineForm(result, view))
    case 'yaml':
      return yamlText(machineForm(result, view))
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
  const text = opts.tty ? fitted(head, body, opts.width, opts.color) : plain(head, body)
  return footer ? `${text}\n${footer}` : text
}

/**
 * For a terminal: the plain columns, header in bold, no rules between rows, and as wide as the terminal at
 * most: the widest columns give up characters (cells cut with "…") until the table fits.
 */
export function fitted(head: readonly string[], body: readonly (readonly string[])[], columns: number | undefined, color: boolean): string {
  const rows = [head, ...body].map((cells) => cells.map((c) => c.replace(/\r?\n/g, ' ')))
  const widths = head.map((_, k) => Math.max(...rows.map((cells) => width(cells[k] ?? ''))))
  const gaps = 2 * (widths.length - 1)
  if (columns !== undefined && columns > 0) {
    const floor = head.map((h) => Math.max(width(h), 4))
    let excess = widths.reduce((a, b) => a + b, 0) + gaps - columns
    while (excess > 0) {
      let widest = -1
      widths.forEach((w, k) => {
        if (w > floor[k]! && (widest < 0 || w > widths[widest]!)) widest = k
      })
      if (widest < 0) break // every column at its floor: let the terminal wrap
      const second = Math.max(floor[widest]!, ...widths.filter((_, k) => k !== widest))
      const cut = Math.min(excess, Math.max(1, widths[widest]! - second), widths[widest]! - floor[widest]!)
      widths[widest] = widths[widest]! - cut
      excess -= cut
    }
  }
  const bold = (t: string) => (color ? `\u001b[1m${t}\u001b[22m` : t)
  return rows
    .map((cells, r) =>
      cells
        .map((c, k) => {
          const cell = clip(c, widths[k]!)
          const padded = k === cells.length - 1 ? cell : cell + ' '.repeat(widths[k]! - width(cell) + 2)
          return r === 0 ? bold(padded) : padded
        })
        .join('')
        .trimEnd(),
    )
    .join('\n')
}

function clip(text: string, max: number): string {
  if (width(text) <= max) return text
  return `${[...text].slice(0, Math.max(0, max - 1)).join('')}…`
}

/**
 * For pipes and CI: borderless columns two spaces apart, like amtool's tabwriter output (easy to grep
 * and cut). Widths count code points, as Go's tabwriter does; linear in the number of cells.
 */
export function plain(head: readonly string[], body: readonly (readonly string[])[]): string {
  const rows = [head, ...body].map((cells) => cells.map(oneLine))
  const widths = head.map(() => 0)
  const cellWidths = rows.map((cells) => cells.map((c, k) => {
    const w = width(c)
    if (w > widths[k]!) widths[k] = w
    return w
  }))
  const pad = spaces()
  let out = ''
  rows.forEach((cells, r) => {
    let line = ''
    const last = cells.length - 1
    for (let k = 0; k < last; k++) line += cells[k]! + pad(widths[k]! - cellWidths[r]![k]! + 2)
    line += cells[last] ?? ''
    out += r === 0 ? trimEnd(line) : `\n${trimEnd(line)}`
  })
  return out
}

/** trimEnd, without a copy when there is nothing to trim (the last cell is rarely empty). */
const trimEnd = (line: string) => {
  const last = line.charCodeAt(line.length - 1)
  return last > 32 && last < 127 ? line : line.trimEnd()
}

const oneLine = (c: string) => (c.includes('\n') ? c.replace(/\r?\n/g, ' ') : c)

/** Runs of spaces, each made once per table. */
function spaces(): (n: number) => string {
  const made: string[] = []
  return (n) => (made[n] ??= ' '.repeat(n))
}

const SURROGATE = /[\uD800-\uDFFF]/

/** Code points: the length, unless the text has characters outside the BMP. */
function width(text: string): number {
  if (!SURROGATE.test(text)) return text.length
  let n = 0
  for (const _ of text) n++
  return n
}
