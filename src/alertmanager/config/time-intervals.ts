// time_intervals / mute_time_intervals entries, validated as Alertmanager's timeinterval package does.
import {existsSync} from 'node:fs'
import {checkedString, list, object, str, type Kind} from '../../yaml/decode.js'

const WEEKDAYS: Record<string, number> = {sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6}
const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6,
  july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
}

type Member = (s: string) => number | string // a number, or an error message

function atoi(s: string): number | string {
  return /^[-+]?\d+$/.test(s) ? Number(s) : `strconv.Atoi: parsing "${s}": invalid syntax`
}

function range(text: string, member: Member): [number, number] | string {
  const s = text.toLowerCase()
  const parts = s.includes(':') ? s.split(':') : [s, s]
  if (parts.length !== 2) return `couldn't parse range ${s}, invalid format`
  const a = member(parts[0]!)
  if (typeof a === 'string') return a
  const b = member(parts[1]!)
  if (typeof b === 'string') return b
  return [a, b]
}

export function checkWeekdayRange(text: string): string | undefined {
  const r = range(text, (s) => WEEKDAYS[s] ?? `${s} is not a valid weekday`)
  if (typeof r === 'string') return r
  if (r[0] > r[1]) return 'start day cannot be before end day'
  return undefined
}

export function checkDayOfMonthRange(text: string): string | undefined {
  const r = range(text, atoi)
  if (typeof r === 'string') return r
  const [b, e] = r
  if (b === 0 || b < -31 || b > 31) return `${b} is not a valid day of the month: out of range`
  if (e === 0 || e < -31 || e > 31) return `${e} is not a valid day of the month: out of range`
  if (b < 0 && e > 0) return 'end day must be negative if start day is negative'
  const cb = b < 0 ? 28 + b : b
  const ce = e < 0 ? 28 + e : e
  if (cb > ce) return `end day ${e} is always before start day ${b}`
  return undefined
}

export function checkMonthRange(text: string): string | undefined {
  const r = range(text, (s) => MONTHS[s] ?? (/^[-+]?\d+$/.test(s) ? Number(s) : `${s} is not a valid month`))
  if (typeof r === 'string') return r
  if (r[0] > r[1]) return `end month ${r[1]} is before start month ${r[0]}`
  return undefined
}

export function checkYearRange(text: string): string | undefined {
  const r = range(text, atoi)
  if (typeof r === 'string') return r
  if (r[0] > r[1]) return `end year ${r[1]} is before start year ${r[0]}`
  return undefined
}

const TIME = /^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)/

function minutes(s: string): number | string {
  if (!TIME.test(s)) return `couldn't parse timestamp ${s}, invalid format`
  const [h, m] = s.split(':').map(Number)
  return h! * 60 + m!
}

const ZONEINFO = '/usr/share/zoneinfo'

/** Go's time.LoadLocation: a file under the zoneinfo directory (case-sensitive); Intl when there is none. */
export function checkLocation(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined
  const unknown = `unknown time zone ${name}`
  if (name.includes('..') || name.startsWith('/') || name.includes('\\')) return unknown
  if (existsSync(ZONEINFO)) return existsSync(`${ZONEINFO}/${name}`) ? undefined : unknown
  try {
    const resolved = new Intl.DateTimeFormat('en', {timeZone: name}).resolvedOptions().timeZone
    return resolved !== name && resolved.toLowerCase() === name.toLowerCase() ? unknown : undefined
  } catch {
    return unknown
  }
}

const timeRange = object({
  name: 'time range',
  fields: {start_time: str, end_time: str},
  validate: (c, d) => {
    const at = d.at(c)
    if (!c.start_time || !c.end_time) return d.report(at, 'both start and end times must be provided')
    const s = minutes(c.start_time as string)
    const e = minutes(c.end_time as string)
    if (typeof s === 'string') return d.report(d.at(c, 'start_time'), s)
    if (typeof e === 'string') return d.report(d.at(c, 'end_time'), e)
    if (s >= e) d.report(at, 'start time cannot be equal or greater than end time')
  },
})

const timeInterval = object({
  name: 'time interval',
  fields: {
    times: list(timeRange),
    weekdays: list(checkedString(checkWeekdayRange)),
    days_of_month: list(checkedString(checkDayOfMonthRange)),
    months: list(checkedString(checkMonthRange)),
    years: list(checkedString(checkYearRange)),
    location: checkedString(checkLocation),
  },
})

/** An inclusive range [begin, end] (weekdays 0 = Sunday, months 1 = January, days of month may be negative). */
export type Range = readonly [number, number]

/** One entry of a named interval's `time_intervals`, decoded. A field given (even as an empty list) constrains. */
export interface TimeIntervalSpec {
  /** [start, end) in minutes of the day, 0..1440. */
  times?: Range[]
  weekdays?: Range[]
  daysOfMonth?: Range[]
  months?: Range[]
  years?: Range[]
  /** IANA zone name as written; absent or "" means UTC, "Local" the zone of the machine. */
  location?: string
}

function ranges(v: unknown, member: Member): Range[] | undefined {
  if (!Array.isArray(v)) return undefined
  const out: Range[] = []
  for (const x of v) {
    if (typeof x !== 'string') continue
    const r = range(x, member)
    if (typeof r !== 'string') out.push(r)
  }
  return out
}

/** A validated time interval entry (the decoder's plain object) as ranges to evaluate. */
export function toTimeIntervalSpec(raw: Record<string, unknown>): TimeIntervalSpec {
  const spec: TimeIntervalSpec = {}
  if (Array.isArray(raw.times)) {
    spec.times = []
    for (const t of raw.times as (Record<string, unknown> | undefined)[]) {
      const s = typeof t?.start_time === 'string' ? minutes(t.start_time) : undefined
      const e = typeof t?.end_time === 'string' ? minutes(t.end_time) : undefined
      if (typeof s === 'number' && typeof e === 'number') spec.times.push([s, e])
    }
  }
  const weekdays = ranges(raw.weekdays, (s) => WEEKDAYS[s] ?? `${s} is not a valid weekday`)
  const days = ranges(raw.days_of_month, atoi)
  const months = ranges(raw.months, (s) => MONTHS[s] ?? (/^[-+]?\d+$/.test(s) ? Number(s) : `${s} is not a valid month`))
  const years = ranges(raw.years, atoi)
  if (weekdays) spec.weekdays = weekdays
  if (days) spec.daysOfMonth = days
  if (months) spec.months = months
  if (years) spec.years = years
  if (typeof raw.location === 'string') spec.location = raw.location
  return spec
}

/** A named entry of `time_intervals` (or the deprecated `mute_time_intervals`). */
export function namedTimeInterval(what: string): Kind {
  return object({
    name: what,
    fields: {name: str, time_intervals: list(timeInterval)},
    validate: (c, d) => {
      if (!c.name) d.report(d.at(c), `missing name in ${what}`)
    },
  })
}
