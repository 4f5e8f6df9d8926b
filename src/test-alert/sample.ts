// Find label values that satisfy (or avoid) matchers: equality gives the value, a regex a string it
// matches, a negative matcher a value it does not. Every guess is checked with the real matcher.
import {matcherMatches, type Matcher} from '../model/matchers.js'

const FALLBACKS = ['', 'spock-test', 'test', 'x', 'critical', 'warning', 'info', 'page', '0', '1', 'a']

/** A value every matcher accepts, or undefined if none of the candidates works. */
export function valueFor(matchers: readonly Matcher[], preferred?: string): string | undefined {
  const candidates = new Set<string>()
  if (preferred !== undefined) candidates.add(preferred)
  for (const m of matchers) {
    if (m.type === '=') candidates.add(m.value)
    if (m.type === '=~') for (const s of regexSamples(m.value)) candidates.add(s)
  }
  for (const f of FALLBACKS) candidates.add(f)
  for (const m of matchers) if (m.type === '!=' || m.type === '!~') candidates.add(`${m.value}-spock`)
  for (const c of candidates) if (matchers.every((m) => matcherMatches(m, c))) return c
  return undefined
}

/** A few strings the (Go RE2) pattern is likely to match in full; callers verify. */
export function regexSamples(pattern: string): string[] {
  const out = new Set<string>()
  for (const alt of splitTopLevel(stripAnchors(pattern))) out.add(minimal(alt))
  out.add(minimal(stripAnchors(pattern)))
  return [...out]
}

function stripAnchors(p: string): string {
  return p.replace(/^\^/, '').replace(/(?<!\\)\$$/, '')
}

function splitTopLevel(p: string): string[] {
  const parts: string[] = []
  let depth = 0
  let inClass = false
  let start = 0
  for (let i = 0; i < p.length; i++) {
    const c = p[i]
    if (c === '\\') {
      i++
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      continue
    }
    if (c === '[') inClass = true
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) {
      parts.push(p.slice(start, i))
      start = i + 1
    }
  }
  parts.push(p.slice(start))
  return parts
}

/** The shortest string a simple pattern generates: first alternatives, minimum repetitions. */
function minimal(p: string): string {
  let i = 0
  const atoms: string[] = []
  while (i < p.length) {
    const c = p[i]!
    let atom: string
    if (c === '\\') {
      const e = p[i + 1] ?? ''
      atom = ({d: '0', w: 'a', s: ' ', D: 'a', W: '-', S: 'a'} as Record<string, string>)[e] ?? e
      i += 2
    } else if (c === '[') {
      const end = p.indexOf(']', i + 2)
      const body = p.slice(i + 1, end < 0 ? p.length : end)
      atom = body.startsWith('^') ? (body.includes('a') ? '_' : 'a') : body.replace(/^\\/, '')[0] ?? 'a'
      i = end < 0 ? p.length : end + 1
    } else if (c === '(') {
      let depth = 1
      let j = i + 1
      for (; j < p.length && depth > 0; j++) {
        if (p[j] === '\\') j++
        else if (p[j] === '(') depth++
        else if (p[j] === ')') depth--
      }
      const inner = p.slice(i + 1, j - 1).replace(/^\?(:|P<\w+>|<\w+>|[imsU-]+:)/, '')
      atom = minimal(splitTopLevel(inner)[0] ?? '')
      i = j
    } else if (c === '.') {
      atom = 'x'
      i++
    } else {
      atom = c
      i++
    }
    const q = /^(\*|\+|\?|\{(\d+)(,\d*)?\})\??/.exec(p.slice(i))
    if (q) {
      i += q[0].length
      const times = q[1] === '*' || q[1] === '?' ? 0 : q[1] === '+' ? 1 : Number(q[2])
      atom = atom.repeat(times)
    }
    atoms.push(atom)
  }
  return atoms.join('')
}
