// Go's strings and regexp functions that Prometheus and Alertmanager templates expose.
import {compileRe2} from '../model/regex.js'
import {goQuote} from './gofmt.js'
import {GoFuncError} from './signature.js'

/** strings.ToUpper / ToLower: rune by rune (no multi-rune special casing like JS's ß → SS). */
export function goToUpper(s: string): string {
  return mapRunes(s, (ch) => ch.toUpperCase())
}
export function goToLower(s: string): string {
  return mapRunes(s, (ch) => ch.toLowerCase())
}

function mapRunes(s: string, f: (ch: string) => string): string {
  let out = ''
  for (const ch of s) {
    const m = f(ch)
    out += Array.from(m).length === 1 ? m : ch
  }
  return out
}

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u
const SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/

function isSeparator(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0
  if (c <= 0x7f) return !/[0-9A-Za-z_]/.test(ch)
  if (LETTER_OR_DIGIT.test(ch)) return false
  return SPACE.test(ch)
}

/** strings.Title: the first letter of each word to title case. */
export function goTitle(s: string): string {
  let prev = ' '
  let out = ''
  for (const ch of s) {
    if (isSeparator(prev)) {
      const t = ch.toUpperCase()
      out += Array.from(t).length === 1 ? t : ch
    } else out += ch
    prev = ch
  }
  return out
}

/** regexp's quote() in panic messages: backquoted when possible. */
function reQuote(s: string): string {
  return /^[^`\u0000-\u0008\u000a-\u001f\u007f\ufeff]*$/.test(s) ? '`' + s + '`' : goQuote(s)
}

function compile(pattern: string, must: boolean): ReturnType<typeof compileRe2> {
  try {
    return compileRe2(pattern)
  } catch (e) {
    const msg = (e as Error).message
    throw new GoFuncError(must ? `regexp: Compile(${reQuote(pattern)}): ${msg}` : msg)
  }
}

/** regexp.MatchString(pattern, s): unanchored; a bad pattern is an error. */
export function goMatchString(pattern: string, s: string): boolean {
  return compile(pattern, false).matcher(s).find()
}

/** regexp.MustCompile(pattern).ReplaceAllString(src, repl), with Go's $-expansion and empty-match rules. */
export function goReplaceAllString(pattern: string, repl: string, src: string): string {
  const re = compile(pattern, true)
  const m = re.matcher(src)
  const names = (m as unknown as {namedGroups?: Record<string, number>}).namedGroups ?? {}
  let out = ''
  let lastEnd = 0
  let pos = 0
  while (pos <= src.length) {
    if (!m.find(pos)) break
    const start = m.start()
    const end = m.end()
    out += src.slice(lastEnd, start)
    if (end > lastEnd || start === 0) out += expand(repl, m, names)
    lastEnd = end
    const width = pos < src.length ? ((src.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1) : 1
    if (pos + width > end) pos += width
    else if (pos + 1 > end) pos++
    else pos = end
  }
  return out + src.slice(lastEnd)
}

interface Groups {
  group(g?: number): string | null
  groupCount(): number
}

/** regexp.Expand: $1, ${1}, $name, ${name}, $$. A name is the longest run of letters, digits and _. */
function expand(template: string, m: Groups, names: Record<string, number>): string {
  let out = ''
  let i = 0
  while (i < template.length) {
    const d = template.indexOf('$', i)
    if (d < 0) {
      out += template.slice(i)
      break
    }
    out += template.slice(i, d)
    i = d + 1
    if (template[i] === '$') {
      out += '$'
      i++
      continue
    }
    let name: string | undefined
    if (template[i] === '{') {
      const close = template.indexOf('}', i)
      const inner = close < 0 ? '' : template.slice(i + 1, close)
      if (close >= 0 && /^[A-Za-z0-9_]+$/.test(inner)) {
        name = inner
        i = close + 1
      }
    } else {
      const run = /^[A-Za-z0-9_]+/.exec(template.slice(i))
      if (run) {
        name = run[0]
        i += run[0].length
      }
    }
    if (name === undefined) {
      out += '$'
      continue
    }
    if (/^[0-9]+$/.test(name)) {
      const n = Number(name)
      if (n <= m.groupCount()) out += m.group(n) ?? ''
    } else if (names[name] !== undefined) {
      out += m.group(names[name]) ?? ''
    }
  }
  return out
}
