// In-memory float series: labels -> samples sorted by time. Stale markers are kept as the NaN
// with Prometheus's special bit pattern (value.StaleNaN) and skipped by selectors.
import {type Labels, labelsKey} from './labels.js'
import type {LabelMatcher} from './ast.js'

export interface Series {
  labels: Labels
  /** Sample times (ms), ascending. */
  ts: number[]
  /** Sample values; stale markers are STALE_NAN. */
  vs: number[]
}

const staleBuf = new DataView(new ArrayBuffer(8))
staleBuf.setUint32(0, 0x7ff00000)
staleBuf.setUint32(4, 0x00000002)
/** Prometheus's stale marker (0x7ff0000000000002). JS keeps NaN payloads in Float64Arrays only, so test with isStale. */
export const STALE_NAN = staleBuf.getFloat64(0)

/** Stale markers are stored as a separate flag; this sentinel is what `add` receives for one. */
export const STALE = Symbol('stale')

export class Storage {
  private readonly byKey = new Map<string, Series & {stale: Set<number>}>()

  /** Adds a sample (or a stale marker); samples may arrive in any order. */
  add(labels: Labels, t: number, v: number | typeof STALE): void {
    const key = labelsKey(labels)
    let s = this.byKey.get(key)
    if (!s) {
      s = {labels, ts: [], vs: [], stale: new Set()}
      this.byKey.set(key, s)
    }
    const n = s.ts.length
    if (n === 0 || s.ts[n - 1]! < t) {
      s.ts.push(t)
      s.vs.push(v === STALE ? NaN : v)
    } else {
      let i = lowerBound(s.ts, t)
      if (s.ts[i] === t) {
        s.vs[i] = v === STALE ? NaN : v
      } else {
        s.ts.splice(i, 0, t)
        s.vs.splice(i, 0, v === STALE ? NaN : v)
      }
      i = 0
    }
    if (v === STALE) s.stale.add(t)
    else s.stale.delete(t)
  }

  isStale(s: Series, i: number): boolean {
    return (s as Series & {stale: Set<number>}).stale.has(s.ts[i]!)
  }

  /** Series matching every matcher. */
  select(matchers: readonly LabelMatcher[]): Series[] {
    const out: Series[] = []
    for (const s of this.byKey.values()) if (matchers.every((m) => matches(m, s.labels))) out.push(s)
    return out
  }

  clear(): void {
    this.byKey.clear()
  }

  get size(): number {
    return this.byKey.size
  }
}

export function matches(m: LabelMatcher, ls: Labels): boolean {
  let v = ''
  for (const [n, val] of ls) if (n === m.name) v = val
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
