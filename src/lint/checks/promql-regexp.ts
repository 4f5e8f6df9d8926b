// promql/regexp: regex matchers that are plain strings, carry anchors Prometheus adds anyway, or match anything.
import {walk, type Matcher} from './promql-ast.js'
import {semanticCheck, type Finder, type Finding} from './promql-semantic.js'

const META = /[.+*?()[\]{}|^$\\]/

/** The literal a regex stands for (`foo\.bar` -> `foo.bar`), or undefined when it is a real regex. */
export function regexLiteral(pattern: string): string | undefined {
  let out = ''
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k]!
    if (c === '\\') {
      const n = pattern[k + 1]
      if (n === undefined || !/[.+*?()[\]{}|^$\\\-/]/.test(n)) return undefined // \d, \w, \b...
      out += n
      k++
    } else if (META.test(c)) {
      return undefined
    } else {
      out += c
    }
  }
  return out
}

/** `^` at the very start or an unescaped `$` at the very end (Prometheus anchors every matcher regex). */
export function redundantAnchors(pattern: string): string[] {
  if (/^\(\?[a-zA-Z]*m/.test(pattern)) return [] // multi-line mode: ^ and $ mean line starts and ends
  const out: string[] = []
  if (pattern.startsWith('^')) out.push('^')
  if (pattern.endsWith('$')) {
    const slashes = /\\*(?=\$$)/.exec(pattern)?.[0].length ?? 0
    if (slashes % 2 === 0) out.push('$')
  }
  return out
}

function strip(pattern: string, anchors: string[]): string {
  let p = pattern
  if (anchors.includes('^')) p = p.slice(1)
  if (anchors.includes('$')) p = p.slice(0, -1)
  return p
}

function check(m: Matcher, others: number): Finding[] {
  if (m.op !== '=~' && m.op !== '!~') return []
  const eq = m.op === '=~' ? '=' : '!='
  const at = m
  if (m.value === '.*') {
    if (m.op === '!~') return [{at, message: `${m.name}!~".*" excludes every value, so the selector matches nothing`, hint: `remove the matcher, or use ${m.name}="" to select series without the label`}]
    if (others > 0) return [{at, message: `${m.name}=~".*" matches every series, with or without the label: it filters nothing`, hint: `remove it, or use ${m.name}=~".+" to require the label`}]
    return []
  }
  const anchors = redundantAnchors(m.value)
  const bare = strip(m.value, anchors)
  const literal = regexLiteral(bare)
  if (literal !== undefined) {
    const extra = anchors.length > 0 ? ' (Prometheus anchors regexes already)' : ''
    return [{at, message: `${m.name}${m.op}${JSON.stringify(m.value)} is a plain string, not a regex${extra}`, hint: `use ${m.name}${eq}${JSON.stringify(literal)}: it says what it means and is faster`}]
  }
  if (anchors.length > 0) {
    return [{at, message: `redundant ${anchors.map((a) => `"${a}"`).join(' and ')} in ${m.name}${m.op}${JSON.stringify(m.value)}: Prometheus anchors every matcher regex at both ends`, hint: `write ${m.name}${m.op}${JSON.stringify(bare)}`}]
  }
  return []
}

const findRegexp: Finder = (tree) => {
  const out: Finding[] = []
  for (const e of walk(tree)) {
    if (e.kind !== 'selector') continue
    const others = e.matchers.length - 1 + (e.name !== '' && !e.matchers.some((m) => m.name === '__name__') ? 1 : 0)
    for (const m of e.matchers) out.push(...check(m, others))
  }
  return out
}

export const promqlRegexp = semanticCheck('promql/regexp', findRegexp)
