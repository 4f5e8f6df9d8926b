// Label sets as Prometheus keeps them: pairs sorted by name, no empty values.

export type Label = readonly [name: string, value: string]
export type Labels = readonly Label[]

export const METRIC_NAME = '__name__'
const SEP = '\xff'

/** Builds a sorted label set from an object, dropping empty values. */
export function labelsFrom(obj: Record<string, string>): Labels {
  // The default sort orders by UTF-16 code units, as `<` on strings does (and Go's byte order, for names).
  const out: Label[] = []
  for (const n of Object.keys(obj).sort()) {
    const v = obj[n]!
    if (v !== '') out.push([n, v])
  }
  return out
}

/** Sorts pairs by name and drops empty values (last value wins for a repeated name). */
export function normalize(pairs: Iterable<Label>): Labels {
  const m = new Map<string, string>()
  for (const [n, v] of pairs) m.set(n, v)
  return labelsFrom(Object.fromEntries(m))
}

export function getLabel(ls: Labels, name: string): string {
  for (const [n, v] of ls) if (n === name) return v
  return ''
}

function hasLabel(ls: Labels, name: string): boolean {
  return ls.some(([n]) => n === name)
}

// Label sets are never mutated once built, so derived values are cached per array.
const keys = new WeakMap<Labels, string>()
const nameless = new WeakMap<Labels, Labels>()

/** A string unique to the label set, for maps. */
export function labelsKey(ls: Labels): string {
  let s = keys.get(ls)
  if (s === undefined) {
    s = ''
    for (const [n, v] of ls) s += n + SEP + v + SEP
    keys.set(ls, s)
  }
  return s
}

/** Key over the named labels only (`on`), or over all but them and __name__ (`ignoring`, `without`). */
export function signature(ls: Labels, names: readonly string[], on: boolean): string {
  let s = ''
  for (const [n, v] of ls) {
    const listed = names.includes(n)
    if (on ? listed : !listed && n !== METRIC_NAME) s += n + SEP + v + SEP
  }
  return s
}

export function dropName(ls: Labels): Labels {
  if (!hasLabel(ls, METRIC_NAME)) return ls
  let out = nameless.get(ls)
  if (!out) nameless.set(ls, (out = ls.filter(([n]) => n !== METRIC_NAME)))
  return out
}

export function keepLabels(ls: Labels, names: readonly string[]): Labels {
  return ls.filter(([n]) => names.includes(n))
}

export function deleteLabels(ls: Labels, names: readonly string[]): Labels {
  return ls.filter(([n]) => !names.includes(n))
}

/** Sets (or with '' deletes) one label. */
export function setLabel(ls: Labels, name: string, value: string): Labels {
  const out: Label[] = ls.filter(([n]) => n !== name)
  if (value === '') return out
  let i = 0
  while (i < out.length && out[i]![0] < name) i++
  out.splice(i, 0, [name, value])
  return out
}

export function labelsEqual(a: Labels, b: Labels): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false
  return true
}

export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const [an, av] = a[i]!
    const [bn, bv] = b[i]!
    if (an !== bn) return an < bn ? -1 : 1
    if (av !== bv) return av < bv ? -1 : 1
  }
  return a.length - b.length
}

/** Prometheus's text form: {a="1", b="2"}, with __name__ outside the braces. */
export function formatLabels(ls: Labels): string {
  // One pass, one string: `query` prints tens of thousands of these.
  let name = ''
  let rest = ''
  for (const [n, v] of ls) {
    if (n === METRIC_NAME) {
      if (name === '') name = v
      continue
    }
    rest += `${rest === '' ? '' : ', '}${n}=${JSON.stringify(v)}`
  }
  if (name !== '' && rest === '') return name
  return `${name}{${rest}}`
}

/** formatLabels(labelsFrom(obj)) without building the label set: `query` names every series of its answer. */
export function formatLabelObject(obj: Record<string, string>): string {
  const name = obj[METRIC_NAME] ?? ''
  let rest = ''
  for (const n of Object.keys(obj).sort()) {
    const v = obj[n]!
    if (n === METRIC_NAME || v === '') continue
    rest += `${rest === '' ? '' : ', '}${n}=${JSON.stringify(v)}`
  }
  if (name !== '' && rest === '') return name
  return `${name}{${rest}}`
}

/** Go's labels.Labels.String(): {__name__="m", a="1"}, as Prometheus's error messages print labels. */
export function labelsString(ls: Labels): string {
  return `{${ls.map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(', ')}}`
}
