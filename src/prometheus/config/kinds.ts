// Scalar kinds of the 2.42 prometheus.yml schema (model.Duration, label names/values, byte sizes, URLs),
// on top of the strict yaml.v2-style decoder shared with the alertmanager.yml checker.
import {Buffer} from 'node:buffer'
import {isNullNode, str, type Kind} from '../../yaml/decode.js'
import type {YNode} from '../../yaml/nodes.js'
import {durationError} from '../../model/duration.js'
import {isValidClassicLabelName} from '../../model/labels.js'

const DURATION_HINT = 'write a duration such as 15s, 1m or 1h30m'

/** Raw bytes of a `!!binary` scalar, or an error for bad base64 (yaml.v2 rejects it). */
function binaryBytes(node: YNode): Buffer | 'invalid' | undefined {
  if (node.kind !== 'scalar' || node.tag !== '!!binary') return undefined
  const b64 = node.value.replace(/\s/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return 'invalid'
  return Buffer.from(b64, 'base64')
}

function validUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', {fatal: true}).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** A string, rejecting bad base64 in `!!binary` and keeping invalid UTF-8 detectable. */
export const text: Kind = (node, d, label) => {
  const bin = binaryBytes(node)
  if (bin === 'invalid') {
    d.report(node, `${label}: !!binary value contains invalid base64 data`, {hint: 'write the value as a plain string'})
    return undefined
  }
  if (bin && !validUtf8(bin)) return {invalidUtf8: true, shown: bin.toString('latin1')}
  return str(node, d, label)
}

interface BadText {
  invalidUtf8: true
  shown: string
}

function isBad(v: unknown): v is BadText {
  return typeof v === 'object' && v !== null && (v as BadText).invalidUtf8 === true
}

export function isValidLabelName(name: string): boolean {
  return isValidClassicLabelName(name)
}

export const labelName: Kind = (node, d, label) => {
  const v = text(node, d, label)
  if (v === undefined) return undefined
  if (isBad(v) || !isValidLabelName(v as string)) {
    d.report(node, `${JSON.stringify(isBad(v) ? v.shown : v)} is not a valid label name`, {hint: 'label names match [a-zA-Z_][a-zA-Z0-9_]*'})
    return undefined
  }
  return v
}

/** A label set (`labels:` of a static config, `external_labels:`): valid names, UTF-8 values. */
export const labelSet: Kind = (node, d, label) => {
  if (isNullNode(node)) return undefined
  if (node.kind !== 'map') {
    d.report(node, `${label} must be a mapping of label names to values`)
    return undefined
  }
  const out: Record<string, string> = {}
  for (const p of node.pairs) {
    const name = labelName(p.key, d, label) as string | undefined
    const value = text(p.value, d, `${label}.${p.key.value}`)
    if (isBad(value)) {
      d.report(p.value, `${JSON.stringify(value.shown)} is not a valid label value`, {hint: 'label values must be valid UTF-8'})
      continue
    }
    if (p.value.kind !== 'scalar') {
      d.report(p.value, `${label}.${p.key.value} must be a string`)
      continue
    }
    if (name !== undefined) out[name] = (value as string | undefined) ?? ''
  }
  return out
}

/** model.Duration; the decoded value is milliseconds. */
export const duration: Kind = (node, d, label) => {
  const v = str(node, d, label) as string | undefined
  if (v === undefined) return undefined
  const err = durationError(v)
  if (err) {
    d.report(node, `${label}: ${err}`, {hint: DURATION_HINT})
    return undefined
  }
  return msOf(v)
}

function msOf(v: string): number {
  let total = 0
  const units: Record<string, number> = {y: 31_536_000_000, w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1}
  for (const m of v.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) total += Number(m[1]) * units[m[2]!]!
  return total
}

/** units.Base2Bytes (alecthomas/units): a number with a unit, e.g. 10MB, 512KiB. */
export const byteSize: Kind = (node, d, label) => {
  const v = str(node, d, label) as string | undefined
  if (v === undefined) return undefined
  if (v === '0' || /^(\d+(\.\d+)?([KMGTPE]i?)?B)+$/.test(v)) return v
  const unit = /^[\d.]+(.*)$/.exec(v)?.[1] ?? v
  d.report(node, `${label}: units: unknown unit ${unit} in ${v}`, {hint: 'write a size with a unit, e.g. 10MB, 512KiB or 1GB'})
  return undefined
}

/** config.URL / common URL: Go's url.Parse (lenient); a scheme-less "a:b" fails like Go. */
export const url: Kind = (node, d, label) => {
  const v = str(node, d, label) as string | undefined
  if (v === undefined) return undefined
  const err = goUrlError(v)
  if (err) {
    d.report(node, `${label}: parse ${JSON.stringify(v)}: ${err}`, {hint: 'write a full URL such as http://host:9090/path'})
    return undefined
  }
  return v
}

function goUrlError(v: string): string | undefined {
  if (/[\x00-\x1f\x7f]/.test(v)) return 'net/url: invalid control character in URL'
  const colon = v.indexOf(':')
  if (colon === 0) return 'missing protocol scheme'
  if (colon > 0) {
    const scheme = v.slice(0, colon)
    const slash = v.indexOf('/')
    if ((slash < 0 || slash > colon) && !/^[a-zA-Z][a-zA-Z0-9+.-]*$/.test(scheme)) return 'first path segment in URL cannot contain colon'
  }
  return undefined
}

/** A list whose null entries Prometheus rejects with `message`. */
export function nullItems(of: Kind, message: string, hint = 'remove the empty "-" entry or fill it in'): Kind {
  return (node, d, label) => {
    if (isNullNode(node)) return undefined
    if (node.kind !== 'seq') {
      d.report(node, `${label} must be a list`)
      return undefined
    }
    return node.items.map((item, i) => {
      if (isNullNode(item)) {
        d.report(item, message, {hint})
        return undefined
      }
      return of(item, d, `${label}[${i}]`)
    })
  }
}
