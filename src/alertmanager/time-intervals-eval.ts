// Time intervals at an instant, as Alertmanager's timeinterval.ContainsTime decides, and what that means for a
// route: muted by an active mute_time_interval, or outside all of its active_time_intervals.
//
// The instant is read as the wall clock of the interval's `location` (UTC when none), through Intl: on a
// spring-forward day 02:30 never happens, on a fall-back day 01:30 happens twice, and both instants are 01:30.
import {UsageError} from '../errors.js'
import {parseTime} from '../model/time.js'
import {offsetAt, utcMs, wallClock, type WallClock} from '../model/zone-time.js'
import type {Range, TimeIntervalSpec} from './config/time-intervals.js'

/**
 * How many days a month has, for negative days_of_month. Alertmanager up to 0.32.2 and 0.33.0 divide the hours
 * between the first of the month and the first of the next by 24 and truncate ('elapsed'): in a zone whose
 * month holds a spring-forward change that gives 30 for a 31-day month (alertmanager#5447). Later releases
 * count calendar days ('calendar').
 */
export type MonthLength = 'elapsed' | 'calendar'

export interface EvalOptions {
  /** Default 'elapsed', as the Alertmanager 0.25 spock is tested with. */
  monthLength?: MonthLength
}


/** The IANA zone to read an interval's `location` in: Go's "" and absent are UTC, "Local" the machine's zone. */
export function zoneOf(location: string | undefined): string {
  if (location === undefined || location === '' || location === 'UTC') return 'UTC'
  if (location === 'Local') return Intl.DateTimeFormat().resolvedOptions().timeZone
  return location
}

/** Go's time.Date: the instant of a wall clock in a zone (a time in a gap or a fold resolves as Go resolves it). */
function goDate(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: string): number {
  const unix = utcMs(year, month, day, hour, minute, second)
  return unix - offsetAt(unix - offsetAt(unix, zone), zone)
}

function daysInMonth(w: WallClock, zone: string, mode: MonthLength): number {
  if (mode === 'calendar') return new Date(utcMs(w.year, w.month + 1, 0)).getUTCDate()
  // time.Date(y, m, 1, 0, 0, 0, 0, loc), AddDate(0, 1, 0), Sub, int(Hours() / 24)
  const start = goDate(w.year, w.month, 1, 0, 0, 0, zone)
  const s = wallClock(start, zone)
  const end = goDate(s.year, s.month + 1, s.day, s.hour, s.minute, s.second, zone)
  return Math.trunc((end - start) / 3_600_000 / 24)
}

const within = (ranges: readonly Range[], v: number) => ranges.some(([b, e]) => v >= b && v <= e)

/** timeinterval.TimeInterval.ContainsTime: every field given matches (a given but empty list matches nothing). */
export function containsTime(spec: TimeIntervalSpec, ms: number, opts: EvalOptions = {}): boolean {
  const zone = zoneOf(spec.location)
  const t = wallClock(ms, zone)
  if (spec.times) {
    const m = t.hour * 60 + t.minute
    if (!spec.times.some(([s, e]) => m >= s && m < e)) return false
  }
  if (spec.daysOfMonth) {
    const n = daysInMonth(t, zone, opts.monthLength ?? 'elapsed')
    const hit = spec.daysOfMonth.some(([b, e]) => {
      const begin = b < 0 ? n + b + 1 : b
      const end = e < 0 ? n + e + 1 : e
      if (begin > n) return false // a start past the end of this month: no match
      // Alertmanager then clamps begin and end to [-n, n]; with days in -31..31 and the check above that cannot
      // change the answer (begin stays >= -2, and the day is never past n), so it is left out.
      return t.day >= begin && t.day <= end
    })
    if (!hit) return false
  }
  if (spec.months && !within(spec.months, t.month)) return false
  if (spec.weekdays && !within(spec.weekdays, t.weekday)) return false
  if (spec.years && !within(spec.years, t.year)) return false
  return true
}

interface NamedIntervals {
  name: string
  intervals: readonly TimeIntervalSpec[]
}

/** Which named intervals are active at an instant: a name is active when any of its entries contains the instant. */
export function activeIntervals(defs: readonly NamedIntervals[], ms: number, opts: EvalOptions = {}): Map<string, boolean> {
  const out = new Map<string, boolean>()
  for (const d of defs) out.set(d.name, d.intervals.some((spec) => containsTime(spec, ms, opts)))
  return out
}

export interface RouteTimeState {
  /** Notifications of this route are not sent at the instant. */
  muted: boolean
  /** The route's mute_time_intervals that are active at the instant. */
  mutedBy: string[]
  /** The route's active_time_intervals when none of them is active (then the route is muted); else []. */
  outsideActiveIntervals: string[]
}

/**
 * A route at an instant, as Alertmanager's notification pipeline decides (TimeActiveStage, TimeMuteStage): muted
 * when one of its own mute_time_intervals is active, or when it has active_time_intervals and none is active.
 * Routes do not inherit either list from their parent (dispatch.NewRoute sets both from the route itself).
 * An interval name the config does not define counts as inactive.
 */
export function routeTimeState(route: {muteTimeIntervals: readonly string[]; activeTimeIntervals: readonly string[]}, active: ReadonlyMap<string, boolean>): RouteTimeState {
  const mutedBy = route.muteTimeIntervals.filter((n) => active.get(n) === true)
  const outside = route.activeTimeIntervals.length > 0 && !route.activeTimeIntervals.some((n) => active.get(n) === true)
  const outsideActiveIntervals = outside ? [...route.activeTimeIntervals] : []
  return {muted: mutedBy.length > 0 || outside, mutedBy, outsideActiveIntervals}
}

/** Whether an Alertmanager release counts month length in calendar days (fixed in 0.32.3, 0.33.1 and 0.34). */
export function monthLengthFor(version: string | undefined): MonthLength {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version ?? '')
  if (!m) return 'elapsed'
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (major > 0 || minor >= 34) return 'calendar'
  if (minor === 33) return patch >= 1 ? 'calendar' : 'elapsed'
  if (minor === 32) return patch >= 3 ? 'calendar' : 'elapsed'
  return 'elapsed'
}

const BARE_LOCAL = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/

/**
 * `--at`: an instant (RFC 3339 with Z or an offset, now, now-1h, unix seconds), and how the Alertmanager of that
 * version counts month length. A date-time without offset is an error: which zone it meant is unknown.
 */
export function parseAt(text: string, version?: string, now = new Date()): {at: Date; timeOptions: EvalOptions} {
  const t = text.trim()
  if (BARE_LOCAL.test(t)) {
    const example = t.length === 10 ? `${t}T00:00:00` : t.replace(' ', 'T')
    throw new UsageError(`--at ${JSON.stringify(text)} has no time zone offset, so the instant is ambiguous`, {
      hint: `add Z for UTC or an offset: ${example}Z or ${example}+09:00 (or use --at now)`,
    })
  }
  return {at: parseTime(t, now), timeOptions: {monthLength: monthLengthFor(version)}}
}

interface TimedRoute {
  muteTimeIntervals: readonly string[]
  activeTimeIntervals: readonly string[]
  routes: readonly TimedRoute[]
}

/** Every route of a tree at an instant (walked without recursion: trees nest thousands deep). */
export function routeTimeStates<R extends TimedRoute>(root: R, defs: readonly NamedIntervals[], ms: number, opts: EvalOptions = {}): Map<R, RouteTimeState> {
  const active = activeIntervals(defs, ms, opts)
  const out = new Map<R, RouteTimeState>()
  const stack: R[] = [root]
  while (stack.length > 0) {
    const r = stack.pop()!
    out.set(r, routeTimeState(r, active))
    for (const c of r.routes) stack.push(c as R)
  }
  return out
}
