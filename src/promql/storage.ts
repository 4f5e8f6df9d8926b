// In-memory float series: labels -> samples sorted by time, with stale markers flagged per sample.
// Selections are indexed by metric name and memoised until the next write.
import {type Labels, METRIC_NAME, compareLabels, getLabel, labelsKey} from './labels.js'
import type {LabelMatcher} from './ast.js'

export interface Series {
  labels: Labels
  /** Sample times (ms), ascending. */
  ts: number[]
  /** Sample values (NaN at a stale marker). */
  vs: number[]
}

interface Stored extends Series {
  /** Times of stale markers. */
  stale: Set<number>
  push(t: number, v: number | typeof STALE): void
}

export type AppendError = 'out of order sample' | 'duplicate sample for timestamp'

/** What `add` takes for a stale marker. */
export const STALE = Symbol('stale')

export class Storage {
  private readonly byKey = new Map<string, Stored>()
  private readonly byName = new Map<string, Stored[]>()
  /** The same lookups by label-set identity: callers that keep their label sets skip building keys. */
  private byLabels = new WeakMap<Labels, Stored>()
  private memo = new Map<string, Series[]>()

  private find(labels: Labels): Stored | undefined {
    let s = this.byLabels.get(labels)
    if (s === undefined) {
      s = this.byKey.get(labelsKey(labels))
      if (s !== undefined) this.byLabels.set(labels, s)
    }
    return s
  }

  /** Adds a sample (or a stale marker); samples may arrive in any order, a repeated time overwrites. */
  add(labels: Labels, t: number, v: number | typeof STALE): void {
    this.series(labels).push(t, v)
  }

  /** The stored series for a label set, created empty if new; push() adds samples to it. */
  series(labels: Labels): {push(t: number, v: number | typeof STALE): void} {
    return {push: this.stored(labels).push}
  }

  private stored(labels: Labels): Stored {
    let s = this.find(labels)
    if (!s) {
      const stored: Stored = {labels, ts: [], vs: [], stale: new Set(), push: (t, v) => insert(stored, t, v)}
      s = stored
      this.byKey.set(labelsKey(labels), s)
      this.byLabels.set(labels, s)
      const name = getLabel(labels, METRIC_NAME)
      const list = this.byName.get(name)
      if (list) list.push(s)
      else this.byName.set(name, [s])
      // Selections hold live series, so only a new series makes them stale.
      if (this.memo.size > 0) this.memo = new Map()
    }
    return s
  }

  /**
   * Appends as Prometheus's head does (rule results): a sample older than the series' last one is out of order,
   * one at the same time with other bits a duplicate (both refused); the same sample again changes nothing.
   * Gives the series (the same object for the same label set), or why the sample was refused.
   */
  append(labels: Labels, t: number, v: number | typeof STALE): AppendError | object {
    const s = this.find(labels)
    const n = s?.ts.length ?? 0
    if (s && n > 0) {
      const last = s.ts[n - 1]!
      if (t < last) return 'out of order sample'
      if (t === last) {
        const wasStale = s.stale.has(t)
        const same = v === STALE ? wasStale : !wasStale && (Object.is(v, s.vs[n - 1]) || (Number.isNaN(v) && Number.isNaN(s.vs[n - 1]!)))
        return same ? s : 'duplicate sample for timestamp'
      }
    }
    const stored = s ?? this.stored(labels)
    insert(stored, t, v)
    return stored
  }

  /** Whether the series holds any stale marker. */
  hasStale(s: Series): boolean {
    return (s as Stored).stale.size > 0
  }

  isStale(s: Series, i: number): boolean {
    const st = (s as Stored).stale
    return st.size > 0 && st.has(s.ts[i]!)
  }

  /** Series matching every matcher. */
  select(matchers: readonly LabelMatcher[]): Series[] {
    const key = matchersKey(matchers)
    const hit = this.memo.get(key)
    if (hit) return hit
    const byName = matchers.find((m) => m.name === METRIC_NAME && m.type === '=')
    const candidates = byName ? (this.byName.get(byName.value) ?? []) : this.byKey.values()
    const out: Series[] = []
    for (const s of candidates) if (matchers.every((m) => matches(m, s.labels))) out.push(s)
    // Sorted by labels, so results are deterministic. promtool's order is not (it loads series from a
    // Go map), so a float sum over several series can differ from promtool's in the last bit.
    out.sort((a, b) => compareLabels(a.labels, b.labels))
    this.memo.set(key, out)
    return out
  }

  clear(): void {
    this.byKey.clear()
    this.byName.clear()
    this.byLabels = new WeakMap()
    this.memo = new Map()
  }

  get size(): number {
    return this.byKey.size
  }
}

function insert(s: Stored, t: number, v: number | typeof STALE): void {
  const value = v === STALE ? NaN : v
  const n = s.ts.length
  if (n === 0 || s.ts[n - 1]! < t) {
    s.ts.push(t)
    s.vs.push(value)
  } else {
    const i = lowerBound(s.ts, t)
    if (s.ts[i] === t) {
      s.vs[i] = value
    } else {
      s.ts.splice(i, 0, t)
      s.vs.splice(i, 0, value)
    }
  }
  if (v === STALE) s.stale.add(t)
  else if (s.stale.size > 0) s.stale.delete(t)
}

function matchersKey(ms: readonly LabelMatcher[]): string {
  let k = ''
  for (const m of ms) k += `${m.name}\xff${m.type}\xff${m.value}\xfe`
  return k
}

function matches(m: LabelMatcher, ls: Labels): boolean {
  const v = getLabel(ls, m.name)
  switch (m.type) {
    case '=':
      return v === m.value
    case '!=':
      return v !== m.value
    case '=~':
      return m.re!.matches(v)
    case '!~':
      return !m.re!.matches(v)
  }
}

/** First index with ts[i] >= t. */
export function lowerBound(ts: readonly number[], t: number): number {
  let lo = 0
  let hi = ts.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (ts[mid]! < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index with ts[i] > t. */
export function upperBound(ts: readonly number[], t: number): number {
  let lo = 0
  let hi = ts.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (ts[mid]! <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}
