// strconv.FormatFloat for float64 with 'e', 'f', 'g' (and shortest, prec -1):
// exact decimal digits, round half to even on exact ties, as Go does.

interface Digits {
  /** Significant decimal digits without leading zeros ('' for zero). */
  d: string
  /** Decimal point position: value = 0.d × 10^dp. */
  dp: number
}

/** The exact decimal expansion of a finite, non-negative double. */
function exactDigits(v: number): Digits {
  if (v === 0) return {d: '', dp: 0}
  const buf = new DataView(new ArrayBuffer(8))
  buf.setFloat64(0, v)
  const hi = buf.getUint32(0)
  const lo = buf.getUint32(4)
  const bexp = (hi >>> 20) & 0x7ff
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo)
  let e2: number
  if (bexp === 0) e2 = -1074
  else {
    mant |= 1n << 52n
    e2 = bexp - 1075
  }
  let s: string
  let dp: number
  if (e2 >= 0) {
    s = (mant << BigInt(e2)).toString()
    dp = s.length
  } else {
    s = (mant * 5n ** BigInt(-e2)).toString()
    dp = s.length + e2
  }
  const lead = s.match(/^0*/)![0].length
  s = s.slice(lead).replace(/0+$/, '')
  return {d: s, dp}
}

/** Shortest digits that round-trip (JS and Go agree on them). */
function shortestDigits(v: number): Digits {
  if (v === 0) return {d: '', dp: 0}
  const [mant, exp] = v.toExponential().split('e') as [string, string]
  const d = mant.replace('.', '').replace(/0+$/, '')
  return {d, dp: Number(exp) + 1}
}

/** Round to nd digits, half to even on exact ties (strconv's decimal.Round). */
function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0 || nd >= x.d.length) return x
  const next = x.d.charCodeAt(nd) - 48
  let up: boolean
  if (next === 5 && nd + 1 === x.d.length) up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1
  else up = next >= 5
  if (!up) {
    const d = x.d.slice(0, nd).replace(/0+$/, '')
    return {d, dp: d === '' ? 0 : x.dp}
  }
  const digits = x.d.slice(0, nd).split('').map(Number)
  let i = nd - 1
  while (i >= 0 && digits[i] === 9) i--
  if (i < 0) return {d: '1', dp: x.dp + 1}
  digits[i]! += 1
  return {d: digits.slice(0, i + 1).join(''), dp: x.dp}
}

function fmtE(x: Digits, prec: number, e: string): string {
  let out = x.d[0] ?? '0'
  if (prec > 0) {
    out += '.'
    for (let i = 1; i <= prec; i++) out += x.d[i] ?? '0'
  }
  const exp = x.d === '' ? 0 : x.dp - 1
  const abs = Math.abs(exp)
  return `${out}${e}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`
}

function fmtF(x: Digits, prec: number): string {
  let out = ''
  if (x.dp > 0) {
    for (let i = 0; i < x.dp; i++) out += x.d[i] ?? '0'
  } else out = '0'
  if (prec > 0) {
    out += '.'
    for (let i = 1; i <= prec; i++) {
      const j = x.dp + i - 1
      out += j >= 0 && j < x.d.length ? x.d[j] : '0'
    }
  }
  return out
}

/** Binary digits after the point of a finite double (0 for integers). */
function fracBits(v: number): number {
  const buf = new DataView(new ArrayBuffer(8))
  buf.setFloat64(0, v)
  const hi = buf.getUint32(0)
  const bexp = (hi >>> 20) & 0x7ff
  let mant = (hi & 0xfffff) * 2 ** 32 + buf.getUint32(4)
  let e2 = bexp === 0 ? -1074 : bexp - 1075
  if (bexp !== 0) mant += 2 ** 52
  if (mant === 0) return 0
  while (mant % 2 === 0) {
    mant /= 2
    e2++
  }
  return Math.max(0, -e2)
}

/** Digits of a JS fixed or exponential rendering ("123.45", "1.2345e+2"). */
function digitsOf(s: string): Digits {
  const [mant, exp] = s.split('e') as [string, string | undefined]
  const dot = mant.indexOf('.')
  const intPart = dot < 0 ? mant : mant.slice(0, dot)
  const all = intPart + (dot < 0 ? '' : mant.slice(dot + 1))
  const lead = all.match(/^0*/)![0].length
  const d = all.slice(lead).replace(/0+$/, '')
  if (d === '') return {d: '', dp: 0}
  return {d, dp: intPart.length - lead + (exp === undefined ? 0 : Number(exp))}
}

/**
 * JS's toFixed/toExponential round the exact value too, but ties away from zero; Go rounds ties to
 * even. A tie needs the exact expansion to end exactly one digit after the cut, which fracBits tells.
 */
function fastRound(abs: number, fmt: 'e' | 'f', n: number): Digits | undefined {
  if (abs === 0 || abs >= 1e21 || n > 100) return undefined
  const j = fracBits(abs)
  if (fmt === 'f') {
    if (j === n + 1) return undefined
    return digitsOf(abs.toFixed(n))
  }
  if (n < 1) return undefined
  if (j === 0) {
    if (abs >= 2 ** 53) return undefined
    const int = String(abs).replace(/0+$/, '')
    if (int.length === n + 1 && int.endsWith('5')) return undefined
  } else {
    const e10 = Number(abs.toExponential().split('e')[1])
    if (e10 + 1 + j === n + 1) return undefined
  }
  return digitsOf(abs.toExponential(n - 1))
}

/** strconv.FormatFloat(v, fmt, prec, 64) for fmt in e E f g G; prec -1 is shortest. */
export function formatFloat(v: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number, exactOnly = false): string {
  if (Number.isNaN(v)) return 'NaN'
  if (v === Infinity) return '+Inf'
  if (v === -Infinity) return '-Inf'
  const neg = v < 0 || Object.is(v, -0)
  const abs = Math.abs(v)
  const shortest = prec < 0
  let x: Digits
  if (shortest) {
    x = shortestDigits(abs)
    if (fmt === 'e' || fmt === 'E') prec = Math.max(x.d.length - 1, 0)
    else if (fmt === 'f') prec = Math.max(x.d.length - x.dp, 0)
    else prec = x.d.length
  } else {
    if (fmt === 'g' || fmt === 'G') prec = prec === 0 ? 1 : prec
    const fast = exactOnly ? undefined : fmt === 'f' ? fastRound(abs, 'f', prec) : fastRound(abs, 'e', fmt === 'e' || fmt === 'E' ? prec + 1 : prec)
    if (fast) x = fast
    else {
      const exact = exactDigits(abs)
      if (fmt === 'e' || fmt === 'E') x = roundDigits(exact, prec + 1)
      else if (fmt === 'f') x = roundDigits(exact, exact.dp + prec)
      else x = roundDigits(exact, prec)
    }
  }
  let body: string
  if (fmt === 'e' || fmt === 'E') body = fmtE(x, prec, fmt)
  else if (fmt === 'f') body = fmtF(x, prec)
  else {
    let eprec = prec
    if (eprec > x.d.length && x.d.length >= x.dp) eprec = x.d.length
    if (shortest) eprec = 6
    const exp = x.dp - 1
    if (x.d !== '' && (exp < -4 || exp >= eprec)) {
      if (prec > x.d.length) prec = x.d.length
      body = fmtE(x, prec - 1, fmt === 'g' ? 'e' : 'E')
    } else {
      if (prec > x.dp) prec = x.d.length
      body = fmtF(x, Math.max(prec - x.dp, 0))
    }
  }
  return (neg ? '-' : '') + body
}
