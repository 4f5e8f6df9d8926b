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

/** strconv.FormatFloat(v, fmt, prec, 64) for fmt in e E f g G; prec -1 is shortest. */
export function formatFloat(v: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
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
    const exact = exactDigits(abs)
    if (fmt === 'e' || fmt === 'E') x = roundDigits(exact, prec + 1)
    else if (fmt === 'f') x = roundDigits(exact, exact.dp + prec)
    else {
      if (prec === 0) prec = 1
      x = roundDigits(exact, prec)
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
