// Wall clocks in IANA time zones, through Intl (no time zone database of spock's own): what an instant reads as
// in a zone, and the zone's offset then. Time intervals (routes --at) and recurring silences both build on it.
import {UsageError} from '../errors.js'

export interface WallClock {
  year: number
  month: number // 1..12
  day: number
  hour: number
  minute: number
  second: number
  weekday: number // 0 = Sunday
}

const formats = new Map<string, Intl.DateTimeFormat>()

/** The formatter for a zone; a zone this Node.js does not know is a usage error. */
export function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    } catch {
      throw new UsageError(`time zone ${JSON.stringify(zone)} is not known to this Node.js (its ICU time zone data)`, {
        hint: 'use an IANA zone name such as Europe/Berlin, or a Node.js built with full ICU',
      })
    }
    formats.set(zone, f)
  }
  return f
}

/** A UTC date from calendar fields (any year; Date.UTC would map 0..99 to 1900..1999). */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  d.setUTCHours(hour, minute, second, 0)
  return d.getTime()
}

/** The wall clock of an instant (epoch ms) in a zone. */
export function wallClock(ms: number, zone: string): WallClock {
  const p: Record<string, string> = {}
  for (const part of zoneFormat(zone).formatToParts(new Date(ms))) p[part.type] = part.value
  let year = Number(p.year)
  if (p.era === 'BC' || p.era === 'B') year = 1 - year
  const month = Number(p.month)
  const day = Number(p.day)
  return {year, month, day, hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second), weekday: new Date(utcMs(year, month, day)).getUTCDay()}
}

/** The zone's offset from UTC at an instant, in ms (local wall time = instant + offset). */
export function offsetAt(ms: number, zone: string): number {
  if (zone === 'UTC') return 0
  const s = Math.floor(ms / 1000) * 1000
  const w = wallClock(s, zone)
  return utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second) - s
}
