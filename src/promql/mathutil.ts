// Number helpers shared by functions and aggregations: quantiles, Kahan sums, Go float formatting.

/** Kahan–Neumaier compensated add: returns [sum, compensation]. */
export function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc
  else c += inc - t + sum
  return [t, c]
}

/** Prometheus's quantile() over plain values (φ < 0: -Inf, φ > 1: +Inf, none: NaN). */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN
  if (q < 0) return -Infinity
  if (q > 1) return Infinity
  const sorted = [...values].sort((a, b) => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a - b))
  const n = sorted.length
  const rank = q * (n - 1)
  const lower = Math.max(0, Math.floor(rank))
  const upper = Math.min(n - 1, lower + 1)
  const weight = rank - Math.floor(rank)
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight
}

export interface Bucket {
  upperBound: number
  count: number
}

/** Prometheus's bucketQuantile over classic `le` buckets. */
export function bucketQuantile(q: number, input: Bucket[]): number {
  if (Number.isNaN(q)) return NaN
  if (q < 0) return -Infinity
  if (q > 1) return Infinity
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound)
  if (sorted.length === 0 || sorted[sorted.length - 1]!.upperBound !== Infinity) return NaN
  // Coalesce buckets with the same upper bound.
  const buckets: Bucket[] = []
  for (const b of sorted) {
    const last = buckets[buckets.length - 1]
    if (last && last.upperBound === b.upperBound) last.count += b.count
    else buckets.push({...b})
  }
  // Ensure monotonic counts.
  let max = -Infinity
  for (const b of buckets) {
    if (b.count > max) max = b.count
    else if (b.count < max) b.count = max
  }
  if (buckets.length < 2) return NaN
  const observations = buckets[buckets.length - 1]!.count
  if (observations === 0) return NaN
  let rank = q * observations
  let b = 0
  while (b < buckets.length - 1 && !(buckets[b]!.count >= rank)) b++
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound
  let start = 0
  const end = buckets[b]!.upperBound
  let count = buckets[b]!.count
  if (b > 0) {
    start = buckets[b - 1]!.upperBound
    count -= buckets[b - 1]!.count
    rank -= buckets[b - 1]!.count
  }
  return start + (end - start) * (rank / count)
}

/**
 * A number as Go's strconv.ParseFloat reads it (decimal, exponent, Inf/Infinity/NaN in any case,
 * optional sign), plus 0x hex integers when `hex`; undefined otherwise.
 */
export function parseGoFloat(text: string, hex = false): number | undefined {
  const m = /^([+-]?)(.*)$/s.exec(text)!
  const sign = m[1] === '-' ? -1 : 1
  const body = m[2]!
  let v: number
  if (/^(inf|infinity)$/i.test(body)) v = Infinity
  else if (/^nan$/i.test(body)) v = NaN
  else if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) v = Number(body)
  else if (hex && /^0[xX][0-9a-fA-F]+$/.test(body)) v = Number(body)
  else return undefined
  return sign * v
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64). */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (v === Infinity) return '+Inf'
  if (v === -Infinity) return '-Inf'
  if (Object.is(v, -0)) return '-0'
  const s = String(v)
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)
  if (!m) return s
  const [, sign, d, frac = '', expText] = m
  const exp = Number(expText)
  const digits = d! + frac
  if (exp >= 0) {
    const whole = digits.padEnd(exp + 1, '0').slice(0, exp + 1)
    const frac = digits.slice(exp + 1)
    return sign + whole + (frac ? `.${frac}` : '')
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`
}

const f64 = new Float64Array(1)
const u32 = new Uint32Array(f64.buffer)
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0 // index of the high word

/** Go's math.Frexp: x = frac × 2^exp with |frac| in [0.5, 1). */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0]
  let e = 0
  if (Math.abs(x) < 2.2250738585072014e-308) {
    x *= 2 ** 52
    e = -52
  }
  f64[0] = x
  const hi = u32[HI]!
  e += ((hi >>> 20) & 0x7ff) - 1022
  u32[HI] = (hi & ~(0x7ff << 20)) | (1022 << 20)
  return [f64[0]!, e]
}

/** x × 2^e without overflowing on the way (Go's math.Ldexp for the ranges Pow needs). */
function ldexp(x: number, e: number): number {
  while (e > 1023) {
    x *= 2 ** 1023
    e -= 1023
    if (!Number.isFinite(x)) return x
  }
  while (e < -1022) {
    x *= 2 ** -1022
    e += 1022
    if (x === 0) return x
  }
  return x * 2 ** e
}

const isOddInt = (y: number): boolean => Number.isInteger(y) && Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1

/**
 * Go's math.Pow, which multiplies out the integer part of y by repeated squaring and so can
 * differ from JS's ** in the last bit; PromQL's ^ must give Prometheus's bits.
 */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1
  if (y === 1) return x
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN
  if (x === 0) {
    if (y < 0) return isOddInt(y) ? (Object.is(x, -0) ? -Infinity : Infinity) : Infinity
    return isOddInt(y) ? x : 0
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1
    return (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity
  }
  if (!Number.isFinite(x)) {
    if (x < 0) return goPow(1 / x, -y)
    return y < 0 ? 0 : Infinity
  }
  if (y === 0.5) return Math.sqrt(x)
  if (y === -0.5) return 1 / Math.sqrt(x)
  let yi = Math.trunc(Math.abs(y))
  let yf = Math.abs(y) - yi
  if (yf !== 0 && x < 0) return NaN
  if (yi >= 2 ** 63) {
    // A huge even integer exponent: overflow or underflow for every x but -1.
    if (x === -1) return 1
    return (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity
  }
  let a1 = 1
  let ae = 0
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--
      yi++
    }
    a1 = Math.exp(yf * Math.log(x))
  }
  let [x1, xe] = frexp(x)
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe
      break
    }
    if ((i & 1n) === 1n) {
      a1 *= x1
      ae += xe
    }
    x1 *= x1
    xe <<= 1
    if (x1 < 0.5) {
      x1 += x1
      xe--
    }
  }
  if (y < 0) {
    a1 = 1 / a1
    ae = -ae
  }
  return ldexp(a1, ae)
}
