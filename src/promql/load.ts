// Series descriptions in Prometheus's expanding notation, as test scripts and promtool's
// input_series write them: `metric{a="b"} 1+2x3 _ stale -1-1x3 _x2 5x2`.
// Hex is not read here: `0x10` is 0 repeated 10 more times, as Prometheus reads it.
import {unquote} from './ast.js'
import {type Labels, normalize, METRIC_NAME} from './labels.js'
import {parseGoFloat} from './mathutil.js'

/** One expanded value: a number, a stale marker, or an omitted slot (`_`). */
export type SeqValue = number | 'stale' | 'omit'

export class SeriesDescError extends Error {}

const NUM = String.raw`(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[iI][nN][fF]|[nN][aA][nN])`
const ITEM = new RegExp(String.raw`^(?:(_)|(stale)|([+-]?${NUM}))(?:([+-]${NUM})?x(\d+))?$`)

function num(text: string): number {
  const v = parseGoFloat(text)
  if (v === undefined) throw new SeriesDescError(`invalid number ${JSON.stringify(text)}`)
  return v
}

/** Expands a values string (`1+2x3 _ stale`) into one entry per step. */
export function expandValues(text: string): SeqValue[] {
  const out: SeqValue[] = []
  for (const item of text.trim().split(/\s+/)) {
    if (item === '') continue
    const m = ITEM.exec(item)
    if (!m) throw new SeriesDescError(`invalid series value ${JSON.stringify(item)}: expected a number, "_", "stale" or a+bxN`)
    const [, blank, stale, first, inc, times] = m
    const n = times === undefined ? undefined : Number(times)
    if (blank) {
      if (inc !== undefined) throw new SeriesDescError(`invalid series value ${JSON.stringify(item)}: "_" takes no increment`)
      for (let i = 0; i < (n ?? 1); i++) out.push('omit')
    } else if (stale) {
      if (inc !== undefined) throw new SeriesDescError(`invalid series value ${JSON.stringify(item)}: "stale" takes no increment`)
      for (let i = 0; i <= (n ?? 0); i++) out.push('stale')
    } else if (n === undefined) {
      out.push(num(first!))
    } else if (inc === undefined) {
      const v = num(first!)
      for (let i = 0; i <= n; i++) out.push(v)
    } else {
      let v = num(first!)
      const d = num(inc)
      out.push(v)
      for (let i = 1; i <= n; i++) {
        v += d
        out.push(v)
      }
    }
  }
  return out
}

/** Parses `metric{a="b"}` / `{__name__="m"}` into labels. */
export function parseSeriesLabels(text: string): Labels {
  const s = text.trim()
  const m = /^([A-Za-z_:][A-Za-z0-9_:]*)?\s*(\{[\s\S]*\})?$/.exec(s)
  if (!m || (!m[1] && !m[2])) throw new SeriesDescError(`invalid series ${JSON.stringify(text)}`)
  const pairs: Array<[string, string]> = []
  if (m[1]) pairs.push([METRIC_NAME, m[1]])
  if (m[2]) {
    const body = m[2].slice(1, -1)
    const re = /\s*([A-Za-z_][A-Za-z0-9_]*|"(?:[^"\\]|\\.)*")\s*=\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)\s*(,|$)/y
    let at = 0
    while (at < body.length && /\S/.test(body.slice(at))) {
      re.lastIndex = at
      const p = re.exec(body)
      if (!p) throw new SeriesDescError(`invalid label matchers in ${JSON.stringify(text)}`)
      const name = p[1]!.startsWith('"') ? unquote(p[1]!) : p[1]!
      pairs.push([name, unquote(p[2]!)])
      at = re.lastIndex
      if (p[3] === '') break
    }
  }
  return normalize(pairs)
}

/** Splits `metric{...} values` at the end of the series descriptor. */
export function splitSeriesLine(line: string): {labels: Labels; values: SeqValue[]} {
  const s = line.trim()
  let end = 0
  const brace = s.search(/[{\s]/)
  if (brace >= 0 && s[brace] === '{') {
    let i = brace + 1
    while (i < s.length && s[i] !== '}') {
      const q = s[i]
      if (q === '"' || q === "'" || q === '`') {
        i++
        while (i < s.length && s[i] !== q) i += s[i] === '\\' && q !== '`' ? 2 : 1
      }
      i++
    }
    end = i + 1
  } else {
    end = brace < 0 ? s.length : brace
  }
  return {labels: parseSeriesLabels(s.slice(0, end)), values: expandValues(s.slice(end))}
}
