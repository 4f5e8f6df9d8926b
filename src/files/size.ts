// Byte sizes for --max-file-size: plain bytes, or a number with a unit (KB/MB/GB = 1000s, KiB/MiB/GiB = 1024s).
import {UsageError} from '../errors.js'

export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024
/** A file's text must fit in one JavaScript string (about 512 MiB). */
const LARGEST_MAX_FILE_SIZE = 500 * 1024 * 1024

const UNITS: Record<string, number> = {
  '': 1, b: 1,
  k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9,
  ki: 1024, kib: 1024, mi: 1024 ** 2, mib: 1024 ** 2, gi: 1024 ** 3, gib: 1024 ** 3,
}

/** '1048576', '128MiB', '1.5 GB' -> bytes (at least 1); undefined when it is not a size. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text)
  if (!m) return undefined
  const unit = UNITS[m[2]!.toLowerCase()]
  if (unit === undefined) return undefined
  const n = Math.floor(Number(m[1]) * unit)
  return Number.isSafeInteger(n) && n > 0 ? n : undefined
}

/** The --max-file-size flag (or SPOCK_MAX_FILE_SIZE) as bytes; the default when unset. */
export function maxFileSizeOption(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_MAX_FILE_SIZE
  const n = parseByteSize(text)
  if (n === undefined) {
    throw new UsageError(`invalid --max-file-size "${text}"`, {hint: 'give bytes or a size with a unit, e.g. 1048576, 128MiB or 1GiB'})
  }
  if (n > LARGEST_MAX_FILE_SIZE) {
    throw new UsageError(`--max-file-size ${text} is more than spock can hold (${formatBytes(LARGEST_MAX_FILE_SIZE)})`, {hint: 'split the file, or give at most 500MiB'})
  }
  return n
}

/** 67108864 -> '64 MiB'; 1500 -> '1500 bytes'. */
export function formatBytes(n: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (n >= size && n % size === 0) return `${n / size} ${unit}`
    if (n >= size * 10) return `${(n / size).toFixed(1)} ${unit}`
  }
  return `${n} byte${n === 1 ? '' : 's'}`
}
