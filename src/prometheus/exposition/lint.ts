// promtool check metrics's lint (client_golang's promlint as Prometheus 2.42 ships it): help text, base
// units, counter suffixes, histogram/summary reserved names and labels, type names in metric names,
// colons, camelCase and abbreviated units. Problems sorted by metric, then text.
import type {MetricFamily} from './parse.js'

interface MetricProblem {
  metric: string
  text: string
}

const BASE_UNITS: Record<string, string> = {
  amperes: 'amperes', bytes: 'bytes', celsius: 'celsius', grams: 'grams', joules: 'joules', meters: 'meters', metres: 'metres', seconds: 'seconds', volts: 'volts',
  minutes: 'seconds', hours: 'seconds', days: 'seconds', weeks: 'seconds',
  kelvin: 'kelvin', kelvins: 'kelvin', fahrenheit: 'celsius', rankine: 'celsius',
  inches: 'meters', yards: 'meters', miles: 'meters',
  bits: 'bytes', calories: 'joules', pounds: 'grams', ounces: 'grams',
}
const PREFIXES = ['pico', 'nano', 'micro', 'milli', 'centi', 'deci', 'deca', 'hecto', 'kilo', 'kibi', 'mega', 'mibi', 'giga', 'gibi', 'tera', 'tebi', 'peta', 'pebi', '']
const ABBREVIATIONS = ['s', 'ms', 'us', 'ns', 'sec', 'b', 'kb', 'mb', 'gb', 'tb', 'pb', 'm', 'h', 'd']
const TYPE_NAMES = ['counter', 'gauge', 'summary', 'histogram', 'gauge_histogram']
const CAMEL = /[a-z][A-Z]/

const nameHas = (lower: string, word: string) => lower.includes(`_${word}_`) || lower.endsWith(`_${word}`)

/**
 * A word of the name that is a known unit with a known prefix ("milliseconds"). promtool picks one at
 * random (Go map order) when a name holds two units; spock prefers one that is not a base unit.
 */
function unitOf(name: string): {unit: string; base: string} | undefined {
  const words = new Set(name.split('_'))
  let found: {unit: string; base: string} | undefined
  for (const [unit, base] of Object.entries(BASE_UNITS)) {
    for (const p of PREFIXES) {
      if (!words.has(p + unit)) continue
      if (p + unit !== base) return {unit: p + unit, base}
      found ??= {unit: p + unit, base}
    }
  }
  return found
}

/** How many unit words a name holds (more than one: promtool's unit verdict is random). */
export function unitWords(name: string): number {
  let n = 0
  for (const w of name.split('_')) if (PREFIXES.some((p) => w.startsWith(p) && BASE_UNITS[w.slice(p.length)] !== undefined)) n++
  return n
}

function lintFamily(mf: MetricFamily): MetricProblem[] {
  const out: string[] = []
  const name = mf.name
  const lower = name.toLowerCase()
  const t = mf.type
  if (mf.help === undefined) out.push('no help text')
  const unit = unitOf(name)
  if (unit && unit.unit !== unit.base) out.push(`use base unit "${unit.base}" instead of "${unit.unit}"`)
  const total = name.endsWith('_total')
  if (t === 'counter' && !total) out.push('counter metrics should have "_total" suffix')
  else if (t !== 'untyped' && t !== 'counter' && total) out.push('non-counter metrics should not have "_total" suffix')
  if (t !== 'untyped') {
    const hist = t === 'histogram'
    const summary = t === 'summary'
    if (!hist && name.endsWith('_bucket')) out.push('non-histogram metrics should not have "_bucket" suffix')
    if (!hist && !summary && name.endsWith('_count')) out.push('non-histogram and non-summary metrics should not have "_count" suffix')
    if (!hist && !summary && name.endsWith('_sum')) out.push('non-histogram and non-summary metrics should not have "_sum" suffix')
    for (const m of mf.metrics) {
      for (const [l] of m.labels) {
        if (!hist && l === 'le') out.push('non-histogram metrics should not have "le" label')
        if (!summary && l === 'quantile') out.push('non-summary metrics should not have "quantile" label')
      }
    }
  }
  for (const type of TYPE_NAMES) if (nameHas(lower, type)) out.push(`metric name should not include type '${type}'`)
  if (name.includes(':')) out.push("metric names should not contain ':'")
  if (CAMEL.test(name)) out.push("metric names should be written in 'snake_case' not 'camelCase'")
  for (const m of mf.metrics) for (const [l] of m.labels) if (CAMEL.test(l)) out.push("label names should be written in 'snake_case' not 'camelCase'")
  for (const a of ABBREVIATIONS) if (nameHas(lower, a)) out.push('metric names should not contain abbreviated units')
  return out.map((text) => ({metric: name, text}))
}

export function lintFamilies(families: readonly MetricFamily[]): MetricProblem[] {
  const all = families.flatMap(lintFamily)
  return all.sort((a, b) => (a.metric === b.metric ? (a.text < b.text ? -1 : a.text > b.text ? 1 : 0) : a.metric < b.metric ? -1 : 1))
}
