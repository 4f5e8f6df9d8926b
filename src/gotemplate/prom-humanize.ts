// Prometheus 2.42 template/template.go: the humanize family, toTime, parseDuration, stripPort/Domain.
import {durationError, tryParseDuration} from '../model/duration.js'
import {sprintf} from './go-fmt.js'
import {GoTime} from './go-time.js'
import {GoFuncError} from './signature.js'
import {parseFloat64} from './strconv.js'
import {goTypeName} from './values.js'

/** convertToFloat: float64, string (ParseFloat), int and uint kinds. */
export function convertToFloat(i: unknown): number {
  if (typeof i === 'number') return i
  if (typeof i === 'bigint') return Number(i)
  if (typeof i === 'string') {
    const r = parseFloat64(i)
    if (r.ok) return r.value
    throw new GoFuncError(`strconv.ParseFloat: parsing ${JSON.stringify(i)}: ${r.err}`)
  }
  throw new GoFuncError(`can't convert ${i === null || i === undefined ? '<nil>' : goTypeName(i)} to float`)
}

const g4 = (v: number, suffix = ''): string => sprintf('%.4g', [v]) + suffix

export function humanize(i: unknown): string {
  let v = convertToFloat(i)
  if (v === 0 || !Number.isFinite(v)) return g4(v)
  if (Math.abs(v) >= 1) {
    let prefix = ''
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) break
      prefix = p
      v /= 1000
    }
    return g4(v, prefix)
  }
  let prefix = ''
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break
    prefix = p
    v *= 1000
  }
  return g4(v, prefix)
}

export function humanize1024(i: unknown): string {
  let v = convertToFloat(i)
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return g4(v)
  let prefix = ''
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) break
    prefix = p
    v /= 1024
  }
  return g4(v, prefix)
}

export function humanizeDuration(i: unknown): string {
  let v = convertToFloat(i)
  if (!Number.isFinite(v)) return g4(v)
  if (v === 0) return g4(v, 's')
  if (Math.abs(v) >= 1) {
    let sign = ''
    if (v < 0) {
      sign = '-'
      v = -v
    }
    // int64(v): out of range (or NaN) gives math.MinInt64 on amd64, as Go does.
    const whole = v < 2 ** 63 ? BigInt(Math.trunc(v)) : -(2n ** 63n)
    const seconds = whole % 60n
    const minutes = (whole / 60n) % 60n
    const hours = (whole / 3600n) % 24n
    const days = whole / 86400n
    if (days !== 0n) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`
    if (hours !== 0n) return `${sign}${hours}h ${minutes}m ${seconds}s`
    if (minutes !== 0n) return `${sign}${minutes}m ${seconds}s`
    return sign + g4(v, 's')
  }
  let prefix = ''
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break
    prefix = p
    v *= 1000
  }
  return g4(v, prefix + 's')
}

export function humanizePercentage(i: unknown): string {
  return g4(convertToFloat(i) * 100, '%')
}

/** floatToTime: seconds → time (millisecond precision, as model.TimeFromUnixNano). */
function floatToTime(v: number): GoTime | 'nan' {
  if (!Number.isFinite(v)) return 'nan'
  const ns = v * 1e9
  if (ns > 9223372036854775807 || ns < -9223372036854775808) {
    throw new GoFuncError(`${sprintf('%v', [v])} cannot be represented as a nanoseconds timestamp since it overflows int64`)
  }
  const ms = Number(BigInt(Math.trunc(ns)) / 1000000n)
  return GoTime.fromUnixMilli(ms)
}

export function humanizeTimestamp(i: unknown): string {
  const v = convertToFloat(i)
  const t = floatToTime(v)
  return t === 'nan' ? g4(v) : t.String()
}

export function toTime(i: unknown): GoTime {
  const t = floatToTime(convertToFloat(i))
  if (t === 'nan') throw new GoFuncError('value is NaN or Inf')
  return t
}

/** parseDuration: a Prometheus duration in seconds. */
export function parseDurationSeconds(d: string): number {
  const ms = tryParseDuration(d)
  if (ms === undefined) throw new GoFuncError(durationError(d) ?? `not a valid duration string: ${JSON.stringify(d)}`)
  return ms / 1000
}

/** net.SplitHostPort, returning undefined on error. */
function splitHostPort(hostPort: string): [string, string] | undefined {
  const i = hostPort.lastIndexOf(':')
  if (i < 0) return undefined
  if (hostPort.startsWith('[')) {
    const end = hostPort.indexOf(']')
    if (end < 0 || end + 1 !== i) return undefined
    return [hostPort.slice(1, end), hostPort.slice(i + 1)]
  }
  const host = hostPort.slice(0, i)
  if (host.includes(':')) return undefined
  return [host, hostPort.slice(i + 1)]
}

export function stripPort(hostPort: string): string {
  return splitHostPort(hostPort)?.[0] ?? hostPort
}

const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/

export function stripDomain(hostPort: string): string {
  const split = splitHostPort(hostPort)
  let host = split?.[0] ?? hostPort
  const port = split?.[1] ?? ''
  if (IPV4.test(host) || (host.includes(':') && /^[0-9a-fA-F:.]+$/.test(host))) return hostPort
  host = host.split('.')[0]!
  if (port !== '') return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
  return host
}

/** time.Duration.String() of nanoseconds. */
export function goDurationString(ns: bigint): string {
  if (ns === 0n) return '0s'
  const neg = ns < 0n
  let u = neg ? -ns : ns
  let out: string
  if (u < 1000000000n) {
    const [unit, div] = u < 1000n ? ['ns', 1n] : u < 1000000n ? ['µs', 1000n] : ['ms', 1000000n]
    out = fraction(u, div) + unit
  } else {
    const h = u / 3600000000000n
    u -= h * 3600000000000n
    const m = u / 60000000000n
    u -= m * 60000000000n
    out = (h > 0n ? `${h}h` : '') + (h > 0n || m > 0n ? `${m}m` : '') + fraction(u, 1000000000n) + 's'
  }
  return (neg ? '-' : '') + out
}

function fraction(v: bigint, div: bigint): string {
  const whole = v / div
  const rest = v % div
  if (rest === 0n) return whole.toString()
  const digits = div.toString().length - 1
  return `${whole}.${rest.toString().padStart(digits, '0').replace(/0+$/, '')}`
}
