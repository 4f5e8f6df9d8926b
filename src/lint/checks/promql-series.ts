// promql/series (online, with --prometheus-url): every metric a rule selects exists on the server (or did in
// the look-back window, or is recorded by the given rules), and "=" matchers name label values it has.
import {formatDuration} from '../../model/duration.js'
import {walk} from './promql-ast.js'
import {semanticCheck, type Finder, type Finding} from './promql-semantic.js'

const findSeries: Finder = (tree, {live}) => {
  if (!live) return []
  const out: Finding[] = []
  const window = formatDuration(live.days * 86_400_000)
  for (const e of walk(tree)) {
    if (e.kind !== 'selector' || e.name === '' || live.recorded.has(e.name)) continue
    if (!live.metrics.has(e.name)) {
      const near = didYouMean(e.name, live.metrics)
      out.push({
        at: e,
        message: `metric "${e.name}" has no series on ${live.server} (nor in the last ${window})${near.length > 0 ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ''}`,
        hint: 'check the name against what the exporter exposes, or ignore this if the exporter is not deployed yet',
      })
      continue
    }
    const values = live.labels.get(e.name)
    for (const m of e.matchers) {
      const known = m.op === '=' ? values?.get(m.name) : undefined
      if (!known || known.has(m.value) || m.value === '') continue
      const some = [...known].sort().slice(0, 5)
      out.push({
        at: m,
        message: `no series of "${e.name}" has ${m.name}="${m.value}" on ${live.server} (last ${window})${some.length > 0 ? `; it has ${some.map((v) => `"${v}"`).join(', ')}${known.size > 5 ? ', ...' : ''}` : `; its series have no "${m.name}" label`}`,
        hint: `use a value the series carry, or a regex (=~) if it varies`,
      })
    }
  }
  return out
}

/** Up to 3 known names closest to `name` (Levenshtein distance at most a third of its length, at least 2). */
function didYouMean(name: string, known: Iterable<string>): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3))
  const scored: [string, number][] = []
  for (const k of known) {
    if (Math.abs(k.length - name.length) > limit) continue
    const d = distance(name, k, limit)
    if (d <= limit) scored.push([k, d])
  }
  return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([k]) => k)
}

function distance(a: string, b: string, limit: number): number {
  let prev = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      best = Math.min(best, cur[j]!)
    }
    if (best > limit) return limit + 1
    prev = cur
  }
  return prev[b.length]!
}

export const promqlSeries = semanticCheck('promql/series', findSeries)
