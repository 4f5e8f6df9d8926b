// Go's fmt for template values: Sprint, Sprintln, Sprintf (the common verbs and flags).
import {formatFloat} from './go-float.js'
import {goQuote} from './gofmt.js'
import {findMethod, goTypeName, isGoMap, isNil, isStruct, mapGet, sortedKeys} from './values.js'

interface Spec {
  plus: boolean
  minus: boolean
  sharp: boolean
  space: boolean
  zero: boolean
  width?: number
  prec?: number
}

const NO_FLAGS: Spec = {plus: false, minus: false, sharp: false, space: false, zero: false}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = ''
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' '
    out += formatValue(a, 'v', NO_FLAGS)
  })
  return out
}

/** fmt.Sprintln: always a space between operands, and a newline. */
export function sprintln(args: readonly unknown[]): string {
  return args.map((a) => formatValue(a, 'v', NO_FLAGS)).join(' ') + '\n'
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = ''
  let argNum = 0
  let i = 0
  while (i < format.length) {
    const pct = format.indexOf('%', i)
    if (pct < 0) {
      out += format.slice(i)
      break
    }
    out += format.slice(i, pct)
    i = pct + 1
    const spec: Spec = {...NO_FLAGS}
    for (; i < format.length; i++) {
      const c = format[i]
      if (c === '+') spec.plus = true
      else if (c === '-') spec.minus = true
      else if (c === '#') spec.sharp = true
      else if (c === ' ') spec.space = true
      else if (c === '0') spec.zero = true
      else break
    }
    if (format[i] === '*') {
      i++
      const w = args[argNum++]
      if (typeof w === 'bigint') spec.width = Number(w)
      else out += '%!(BADWIDTH)'
    } else {
      const m = /^[0-9]+/.exec(format.slice(i))
      if (m) {
        spec.width = Number(m[0])
        i += m[0].length
      }
    }
    if (format[i] === '.') {
      i++
      if (format[i] === '*') {
        i++
        const p = args[argNum++]
        if (typeof p === 'bigint') spec.prec = Number(p)
        else out += '%!(BADPREC)'
      } else {
        const m = /^[0-9]*/.exec(format.slice(i))!
        spec.prec = Number(m[0] || '0')
        i += m[0].length
      }
    }
    if (i >= format.length) {
      out += '%!(NOVERB)'
      break
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!)
    i += verb.length
    if (verb === '%') {
      out += '%'
      continue
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`
      continue
    }
    out += pad(formatValue(args[argNum++], verb, spec), spec, verb)
  }
  if (argNum < args.length) {
    out += '%!(EXTRA ' + args.slice(argNum).map((a) => `${goTypeName(a)}=${formatValue(a, 'v', NO_FLAGS)}`).join(', ') + ')'
  }
  return out
}

function pad(s: string, spec: Spec, verb: string): string {
  if (spec.width === undefined) return s
  const len = Array.from(s).length
  if (len >= spec.width) return s
  const fill = spec.width - len
  if (spec.minus) return s + ' '.repeat(fill)
  if (spec.zero && 'dfFeEgGxXob'.includes(verb) && /^[-+ ]?[0-9.]/.test(s)) {
    const sign = /^[-+ ]/.test(s) ? s[0]! : ''
    return sign + '0'.repeat(fill) + s.slice(sign.length)
  }
  return ' '.repeat(fill) + s
}

/** %!verb(type=value): the value printed with %v and the same flags (so `%.2f` of 3 is `%!f(int=03)`). */
function badVerb(v: unknown, verb: string, spec: Spec = NO_FLAGS): string {
  if (isNil(v)) return `%!${verb}(<nil>)`
  return `%!${verb}(${goTypeName(v)}=${formatValue(v, 'v', spec)})`
}

function sign(s: string, spec: Spec): string {
  if (s.startsWith('-')) return s
  if (spec.plus) return s.startsWith('+') ? s : '+' + s
  if (spec.space) return s.startsWith('+') ? s : ' ' + s
  return s.startsWith('+') && s !== '+Inf' ? s.slice(1) : s
}

/** Format one operand with a verb (Stringers, errors and containers included). */
export function formatValue(v: unknown, verb: string, spec: Spec): string {
  if (verb === 'T') return isNil(v) ? '<nil>' : goTypeName(v)
  if (isNil(v)) return verb === 'v' ? '<nil>' : badVerb(v, verb)
  if ('vsq'.includes(verb) || verb === 'x' || verb === 'X') {
    const err = findMethod(v, 'Error')
    const str = err ?? findMethod(v, 'String')
    if (str && typeof v === 'object') return formatString(String(str()), verb, spec)
  }
  switch (typeof v) {
    case 'string': return formatString(v, verb, spec)
    case 'boolean': return verb === 'v' || verb === 't' ? String(v) : badVerb(v, verb, spec)
    case 'bigint': return formatInt(v, verb, spec)
    case 'number': return formatFloatVerb(v, verb, spec)
    case 'function': return verb === 'v' || verb === 'p' ? '0xc000000000' : badVerb(v, verb)
  }
  if (Array.isArray(v)) return '[' + v.map((x) => formatValue(x, verb, spec)).join(' ') + ']'
  if (isGoMap(v)) {
    const parts = sortedKeys(v).map((k) => `${formatValue(k, verb, spec)}:${formatValue(mapGet(v, k).value, verb, spec)}`)
    return 'map[' + parts.join(' ') + ']'
  }
  if (isStruct(v)) {
    const fields = Object.entries(v).filter(([, x]) => typeof x !== 'function')
    const body = fields.map(([k, x]) => (spec.plus ? `${k}:` : '') + formatValue(x, verb, spec)).join(' ')
    return (goTypeName(v).startsWith('*') ? '&' : '') + '{' + body + '}'
  }
  return badVerb(v, verb)
}

function formatString(s: string, verb: string, spec: Spec): string {
  switch (verb) {
    case 'v': case 's':
      return spec.prec !== undefined ? Array.from(s).slice(0, spec.prec).join('') : s
    case 'q':
      return spec.sharp && !s.includes('`') ? '`' + s + '`' : goQuote(s)
    case 'x': case 'X': {
      const hex = Buffer.from(s, 'utf8').toString('hex')
      return verb === 'X' ? hex.toUpperCase() : hex
    }
  }
  return badVerb(s, verb, spec)
}

function formatInt(n: bigint, verb: string, spec: Spec): string {
  const neg = n < 0n
  const abs = neg ? -n : n
  let body: string
  switch (verb) {
    case 'v': case 'd': body = abs.toString(); break
    case 'x': body = (spec.sharp ? '0x' : '') + abs.toString(16); break
    case 'X': body = (spec.sharp ? '0X' : '') + abs.toString(16).toUpperCase(); break
    case 'o': body = (spec.sharp ? '0' : '') + abs.toString(8); break
    case 'O': body = '0o' + abs.toString(8); break
    case 'b': body = abs.toString(2); break
    case 'c': return String.fromCodePoint(Number(n))
    case 'q': return "'" + goQuote(String.fromCodePoint(Number(n))).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'") + "'"
    case 'U': return 'U+' + abs.toString(16).toUpperCase().padStart(4, '0')
    default: return badVerb(n, verb, spec)
  }
  if (spec.prec !== undefined && body.length < spec.prec) body = body.padStart(spec.prec, '0')
  return sign((neg ? '-' : '') + body, spec)
}

function formatFloatVerb(v: number, verb: string, spec: Spec): string {
  let s: string
  switch (verb) {
    case 'v': case 'g': s = formatFloat(v, 'g', spec.prec ?? -1); break
    case 'G': s = formatFloat(v, 'G', spec.prec ?? -1); break
    case 'e': case 'E': s = formatFloat(v, verb, spec.prec ?? 6); break
    case 'f': case 'F': s = formatFloat(v, 'f', spec.prec ?? 6); break
    default: return badVerb(v, verb, spec)
  }
  if (spec.sharp && (verb === 'v' || verb === 'g') && !s.includes('.') && /^[-+]?[0-9]/.test(s)) s = s.replace(/^([-+]?[0-9]+)/, '$1.')
  return sign(s, spec)
}
