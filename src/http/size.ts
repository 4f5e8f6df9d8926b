// The response size cap: 64 MiB unless SPOCK_MAX_RESPONSE_SIZE says otherwise.
import {constants} from 'node:buffer'
import {ConfigError} from '../errors.js'

export const MAX_RESPONSE_ENV = 'SPOCK_MAX_RESPONSE_SIZE'
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024

// K, KB and KiB all mean 1024, as in Prometheus' size flags (e.g. --storage.tsdb.retention.size).
const UNITS: Record<string, number> = {'': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40}

/** Bytes from "1048576", "512KiB", "64MiB", "1.5GB"...; undefined when the text is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|(b)?)\s*$/i.exec(text)
  if (!m) return undefined
  const bytes = Math.floor(Number(m[1]) * UNITS[(m[2] ?? m[3] ?? '').toLowerCase()]!)
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined
}

/** The cap from the environment. A body can be at most as long as the longest string JavaScript can hold. */
export function maxResponseBytes(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const text = env[MAX_RESPONSE_ENV]
  if (text === undefined || text.trim() === '') return DEFAULT_MAX_RESPONSE_BYTES
  const bytes = parseSize(text)
  if (bytes === undefined) {
    throw new ConfigError(`invalid ${MAX_RESPONSE_ENV} "${text}"`, {hint: 'use a size in bytes or with a unit, e.g. 64MiB or 1GiB'})
  }
  return Math.min(bytes, constants.MAX_STRING_LENGTH)
}

export function formatSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`
  }
  return `${bytes} bytes`
}
