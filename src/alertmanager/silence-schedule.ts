// Recurring silence windows: weekdays and clock times in an IANA time zone -> concrete UTC windows.
//
// A window covers every instant whose wall-clock time in the zone, on a listed weekday, lies within
// [start_time, end_time). Across daylight-saving changes that means:
// - a clock time the zone skips (02:30 on a spring-forward day in Europe/Berlin) starts or ends the window at
//   the jump (03:00 CEST): the window 02:30-04:00 is then 01:00Z-02:00Z, an hour long;
// - a clock time the zone repeats (02:30 on a fall-back day) starts the window at its first occurrence and ends
//   it at its last, so the window holds every instant that reads as inside it.
// A time range whose end is before its start runs across midnight into the next day (22:00-06:00); the weekday
// is the day it starts. Windows that touch or overlap are merged into one.

import {offsetAt, zoneFormat} from '../model/zone-time.js'

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const

export interface TimeRange {
  /** Minutes after midnight, 0..1439. */
  start: number
  /** Minutes after midnight, 1..1440 (1440 is 24:00); below `start` means the next day. */
  end: number
}

export interface Schedule {
  /** 0 = Sunday .. 6 = Saturday. */
  weekdays: ReadonlySet<number>
  times: readonly TimeRange[]
  /** IANA zone name, or UTC. */
  location: string
}

export interface Window {
  start: Date
  end: Date
}

const DAY_MS = 86_400_000
const MINUTE_MS = 60_000

/** "monday", "Monday", "monday:friday" (inclusive, as Alertmanager's time intervals) -> day numbers; an error text otherwise. */
export function parseWeekdays(text: string): number[] | string {
  const day = (name: string): number | undefined => {
    const i = WEEKDAYS.indexOf(name.trim().toLowerCase() as (typeof WEEKDAYS)[number])
    return i < 0 ? undefined : i
  }
  const parts = text.split(':')
  if (parts.length > 2) return `"${text}" is not a weekday or a range like monday:friday`
  const from = day(parts[0]!)
  const to = parts.length === 2 ? day(parts[1]!) : from
  if (from === undefined || to === undefined) return `"${text}" is not a weekday (write ${WEEKDAYS.join(', ')}, or a range like monday:friday)`
  // Alertmanager's weeks run Sunday..Saturday; a range may not wrap (saturday:monday).
  if (to < from) return `weekday range "${text}" ends before it starts (a range runs sunday..saturday; list [saturday, sunday, monday] instead)`
  return Array.from({length: to - from + 1}, (_, k) => from + k)
}

/** "HH:MM" -> minutes after midnight (24:00 allowed only as an end); an error text otherwise. */
export function parseClock(text: string, isEnd: boolean): number | string {
  const m = /^(\d{2}):(\d{2})$/.exec(text.trim())
  if (!m) return `"${text}" is not a time of day like 02:00 or 18:30`
  const [h, min] = [Number(m[1]), Number(m[2])]
  if (h === 24 && min === 0 && isEnd) return 1440
  if (h > 23 || min > 59) return `"${text}" is not a time of day (00:00 .. 23:59${isEnd ? ', or 24:00 as an end' : ''})`
  return h * 60 + min
}

/** The zone name as given, or an error text when this system does not know it. */
export function checkZone(name: string): string | undefined {
  if (name === 'UTC') return undefined
  try {
    zoneFormat(name)
    return undefined
  } catch {
    return `unknown time zone "${name}" (write an IANA name such as Europe/Berlin, Asia/Seoul or UTC)`
  }
}

/** True when the schedule leaves no gap in the week: it would never end. */
export function coversWholeWeek(s: Pick<Schedule, 'weekdays' | 'times'>): boolean {
  const week = new Uint8Array(7 * 1440)
  for (const d of s.weekdays) {
    for (const t of s.times) {
      const len = t.end > t.start ? t.end - t.start : 1440 - t.start + t.end
      for (let k = 0; k < len; k++) week[(d * 1440 + t.start + k) % week.length] = 1
    }
  }
  return week.every((x) => x === 1)
}

/**
 * The instants whose wall time in `zone` is `wall` (wall time written as if it were UTC ms):
 * earliest and latest; both the zone's jump when the wall time is skipped.
 */
function wallToInstants(wall: number, zone: string): {earliest: number; latest: number} {
  const before = offsetAt(wall - DAY_MS, zone)
  const after = offsetAt(wall + DAY_MS, zone)
  const found = [...new Set([wall - before, wall - after])].filter((t) => offsetAt(t, zone) === wall - t).sort((a, b) => a - b)
  if (found.length > 0) return {earliest: found[0]!, latest: found[found.length - 1]!}
  // Skipped: the jump lies between the two guesses; find it to the second (zones change on whole seconds).
  let [lo, hi] = [Math.min(wall - before, wall - after), Math.max(wall - before, wall - after)]
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000
    if (offsetAt(mid, zone) === after) hi = mid
    else lo = mid
  }
  return {earliest: hi, latest: hi}
}

/** The zone's calendar date of an instant, as UTC midnight ms of that date. */
function localDate(ms: number, zone: string): number {
  const wall = ms + offsetAt(ms, zone)
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS)
}

/**
 * Every window of the schedule that ends after `from` and starts before `to`, in order, merged where they
 * touch. Windows are built from the zone's calendar days around the range, so none is cut at its edges
 * (a merged window is shorter than a week unless the schedule covers the whole week, which the file
 * check refuses).
 */
export function scheduleWindows(s: Schedule, from: Date, to: Date): Window[] {
  const raw: Window[] = []
  const first = localDate(from.getTime(), s.location) - 8 * DAY_MS
  const last = localDate(to.getTime(), s.location) + 8 * DAY_MS
  for (let day = first; day <= last; day += DAY_MS) {
    if (!s.weekdays.has(new Date(day).getUTCDay())) continue
    for (const t of s.times) {
      const endDay = t.end > t.start ? day : day + DAY_MS
      const start = wallToInstants(day + t.start * MINUTE_MS, s.location).earliest
      const end = wallToInstants(endDay + t.end * MINUTE_MS, s.location).latest
      if (end > start) raw.push({start: new Date(start), end: new Date(end)})
    }
  }
  raw.sort((a, b) => a.start.getTime() - b.start.getTime())
  const merged: Window[] = []
  for (const w of raw) {
    const prev = merged[merged.length - 1]
    if (prev && w.start.getTime() <= prev.end.getTime()) {
      if (w.end.getTime() > prev.end.getTime()) prev.end = w.end
    } else merged.push({...w})
  }
  return merged.filter((w) => w.end.getTime() > from.getTime() && w.start.getTime() < to.getTime())
}

/**
 * The windows to hold now: the current one (if `now` is inside one) or else the next, plus every window
 * starting within `horizonMs` of now.
 */
export function desiredWindows(s: Schedule, now: Date, horizonMs: number): Window[] {
  const t = now.getTime()
  const all = scheduleWindows(s, now, new Date(t + Math.max(horizonMs, 0) + 8 * DAY_MS))
  const within = all.filter((w, i) => i === 0 || w.start.getTime() <= t + horizonMs)
  return within
}
