import {describe, expect, test} from 'vitest'
import {
  checkZone,
  coversWholeWeek,
  desiredWindows,
  parseClock,
  parseWeekdays,
  scheduleWindows,
  type Schedule,
} from '../../../src/alertmanager/silence-schedule.js'

const sched = (weekdays: number[], times: [number, number][], location = 'UTC'): Schedule => ({
  weekdays: new Set(weekdays),
  times: times.map(([start, end]) => ({start, end})),
  location,
})
const hm = (h: number, m = 0) => h * 60 + m
const iso = (ws: {start: Date; end: Date}[]) => ws.map((w) => [w.start.toISOString(), w.end.toISOString()])
const DAY = 86_400_000

describe('weekly windows in a zone', () => {
  // Saturday 02:00-06:00 in Seoul (UTC+9, no DST) is Friday 17:00-21:00 UTC.
  const seoul = sched([6], [[hm(2), hm(6)]], 'Asia/Seoul')

  test('Asia/Seoul Saturday 02:00-06:00 from a Wednesday: the next window, and three within 21 days', () => {
    const now = new Date('2026-12-02T16:00:00Z') // Wednesday
    expect(iso(desiredWindows(seoul, now, 0))).toEqual([['2026-12-04T17:00:00.000Z', '2026-12-04T21:00:00.000Z']])
    expect(iso(desiredWindows(seoul, now, 21 * DAY))).toEqual([
      ['2026-12-04T17:00:00.000Z', '2026-12-04T21:00:00.000Z'],
      ['2026-12-11T17:00:00.000Z', '2026-12-11T21:00:00.000Z'],
      ['2026-12-18T17:00:00.000Z', '2026-12-18T21:00:00.000Z'],
    ])
  })

  test('inside a window: that window comes first, with its start in the past', () => {
    const now = new Date('2026-12-04T18:30:00Z') // Saturday 03:30 in Seoul
    expect(iso(desiredWindows(seoul, now, 0))).toEqual([['2026-12-04T17:00:00.000Z', '2026-12-04T21:00:00.000Z']])
    expect(desiredWindows(seoul, now, 7 * DAY)).toHaveLength(2)
  })

  test('the window that just ended is not wanted; the one a week later is', () => {
    const now = new Date('2026-12-04T21:00:00Z')
    expect(iso(desiredWindows(seoul, now, 0))).toEqual([['2026-12-11T17:00:00.000Z', '2026-12-11T21:00:00.000Z']])
  })

  test('ranges across midnight run into the next day; the weekday is the day they start', () => {
    const fri = sched([5], [[hm(22), hm(6)]])
    expect(iso(scheduleWindows(fri, new Date('2026-12-02T00:00:00Z'), new Date('2026-12-06T00:00:00Z')))).toEqual([
      ['2026-12-04T22:00:00.000Z', '2026-12-05T06:00:00.000Z'],
    ])
  })

  test('touching windows merge: monday:friday all day is one window per week', () => {
    const weekdays = sched([1, 2, 3, 4, 5], [[0, 1440]], 'Europe/Berlin')
    expect(iso(scheduleWindows(weekdays, new Date('2026-12-02T12:00:00Z'), new Date('2026-12-03T00:00:00Z')))).toEqual([
      ['2026-11-29T23:00:00.000Z', '2026-12-04T23:00:00.000Z'], // Monday 00:00 CET .. Saturday 00:00 CET
    ])
  })

  test('24:00 ends at the next midnight', () => {
    const sun = sched([0], [[hm(20), 1440]])
    expect(iso(scheduleWindows(sun, new Date('2026-12-06T00:00:00Z'), new Date('2026-12-07T00:00:00Z')))).toEqual([
      ['2026-12-06T20:00:00.000Z', '2026-12-07T00:00:00.000Z'],
    ])
  })
})

describe('daylight saving: a window covers the instants whose wall clock reads inside it', () => {
  // Europe/Berlin springs forward on Sunday 2026-03-29 at 02:00 CET -> 03:00 CEST (01:00Z).
  test('Europe/Berlin, 02:30-04:00 on the spring-forward day starts at the jump (03:00 CEST), an hour long', () => {
    const s = sched([0], [[hm(2, 30), hm(4)]], 'Europe/Berlin')
    expect(iso(scheduleWindows(s, new Date('2026-03-28T00:00:00Z'), new Date('2026-04-06T00:00:00Z')))).toEqual([
      ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'],
      ['2026-04-05T00:30:00.000Z', '2026-04-05T02:00:00.000Z'], // a week later, in CEST
    ])
  })

  test('a window wholly inside the skipped hour is empty that day and dropped', () => {
    const s = sched([0], [[hm(2, 15), hm(2, 45)]], 'Europe/Berlin')
    expect(iso(scheduleWindows(s, new Date('2026-03-22T12:00:00Z'), new Date('2026-04-01T00:00:00Z')))).toEqual([])
  })

  test('Europe/Berlin fall-back (2026-10-25): a repeated clock time starts at its first and ends at its last occurrence', () => {
    const s = sched([0], [[hm(1), hm(2, 30)]], 'Europe/Berlin')
    expect(iso(scheduleWindows(s, new Date('2026-10-24T00:00:00Z'), new Date('2026-10-26T00:00:00Z')))).toEqual([
      ['2026-10-24T23:00:00.000Z', '2026-10-25T01:30:00.000Z'], // 01:00 CEST .. 02:30 CET
    ])
  })

  test('America/New_York spring-forward (2026-03-08, 02:00 EST -> 03:00 EDT): 01:30-02:30 ends at the jump', () => {
    const s = sched([0], [[hm(1, 30), hm(2, 30)]], 'America/New_York')
    expect(iso(scheduleWindows(s, new Date('2026-03-07T00:00:00Z'), new Date('2026-03-09T00:00:00Z')))).toEqual([
      ['2026-03-08T06:30:00.000Z', '2026-03-08T07:00:00.000Z'],
    ])
  })
})

describe('parts of a schedule', () => {
  test('weekdays: names in any case, inclusive ranges; a wrapping range or unknown day is an error text', () => {
    expect(parseWeekdays('Saturday')).toEqual([6])
    expect(parseWeekdays('monday:friday')).toEqual([1, 2, 3, 4, 5])
    expect(parseWeekdays('saturday:monday')).toMatch(/ends before it starts/)
    expect(parseWeekdays('caturday')).toMatch(/is not a weekday/)
    expect(parseWeekdays('a:b:c')).toMatch(/is not a weekday/)
  })

  test('clock times: HH:MM, 24:00 only as an end', () => {
    expect(parseClock('02:30', false)).toBe(150)
    expect(parseClock('24:00', true)).toBe(1440)
    expect(parseClock('24:00', false)).toMatch(/not a time of day/)
    expect(parseClock('2:30', false)).toMatch(/not a time of day/)
    expect(parseClock('12:60', true)).toMatch(/not a time of day/)
  })

  test('zones: IANA names and UTC; anything else is an error text', () => {
    expect(checkZone('UTC')).toBeUndefined()
    expect(checkZone('Asia/Seoul')).toBeUndefined()
    expect(checkZone('Mars/Olympus')).toMatch(/unknown time zone/)
  })

  test('a schedule with no gap in the week is detected', () => {
    expect(coversWholeWeek(sched([0, 1, 2, 3, 4, 5, 6], [[0, 1440]]))).toBe(true)
    expect(coversWholeWeek(sched([0, 1, 2, 3, 4, 5, 6], [[hm(12), hm(11, 59)]]))).toBe(false)
    expect(coversWholeWeek(sched([0, 1, 2, 3, 4, 5, 6], [[hm(6), hm(18)], [hm(18), hm(6)]]))).toBe(true)
    expect(coversWholeWeek(sched([0, 1, 2, 3, 4, 5], [[0, 1440]]))).toBe(false)
  })
})
