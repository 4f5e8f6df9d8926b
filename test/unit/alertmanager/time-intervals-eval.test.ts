// Time intervals at an instant (Alertmanager's timeinterval.ContainsTime) and routes muted by them.
// Expected wall clocks were read from the system zoneinfo (`TZ=<zone> date -d <instant>`).
import {describe, expect, test} from 'vitest'
import type {AlertmanagerConfig} from '../../../src/alertmanager/config/model.js'
import {loadAlertmanagerConfig} from '../../../src/alertmanager/config/validate.js'
import {parseRouteCases, runRouteCases} from '../../../src/alertmanager/route-cases.js'
import {checkRoute} from '../../../src/alertmanager/route-test.js'
import {buildRouteTree} from '../../../src/alertmanager/routing.js'
import {
  activeIntervals,
  containsTime,
  monthLengthFor,
  parseAt,
  routeTimeState,
  routeTimeStates,
  zoneOf,
  type EvalOptions,
} from '../../../src/alertmanager/time-intervals-eval.js'
import {UsageError} from '../../../src/errors.js'
import {wallClock} from '../../../src/model/zone-time.js'

/** A config with one interval named `t` whose entries are the given YAML (a list of time_intervals entries). */
function load(entries: string, extra = ''): AlertmanagerConfig {
  const indented = entries.trim().split('\n').map((l) => `      ${l}`).join('\n')
  return loadAlertmanagerConfig(
    `route:
  receiver: r
  routes:
    - receiver: r
      mute_time_intervals: [t]
receivers: [{name: r}]
time_intervals:
  - name: t
    time_intervals:
${indented}
${extra}`,
    'am.yml',
  )
}

/** Is interval `t` (entries as YAML) active at each instant? */
function active(entries: string, instants: string[], opts: EvalOptions = {}): boolean[] {
  const cfg = load(entries)
  return instants.map((i) => activeIntervals(cfg.timeIntervals, Date.parse(i), opts).get('t')!)
}

describe('fields', () => {
  test('times are [start, end) in minutes of the day', () => {
    expect(active(`- times: [{start_time: '09:00', end_time: '17:00'}]`, ['2026-12-04T08:59:59Z', '2026-12-04T09:00:00Z', '2026-12-04T16:59:59Z', '2026-12-04T17:00:00Z'])).toEqual([
      false,
      true,
      true,
      false,
    ])
  })

  test('24:00 ends at the end of the day; the next day starts outside', () => {
    expect(active(`- times: [{start_time: '22:00', end_time: '24:00'}]`, ['2026-12-04T21:59:00Z', '2026-12-04T22:00:00Z', '2026-12-04T23:59:59Z', '2026-12-05T00:00:00Z'])).toEqual([
      false,
      true,
      true,
      false,
    ])
  })

  test('several times ranges: any of them', () => {
    const entries = `- times: [{start_time: '00:00', end_time: '07:00'}, {start_time: '22:00', end_time: '24:00'}]`
    expect(active(entries, ['2026-12-04T03:00:00Z', '2026-12-04T12:00:00Z', '2026-12-04T23:00:00Z'])).toEqual([true, false, true])
  })

  test('weekdays, single days and ranges (2026-12-04 is a Friday)', () => {
    const days = ['2026-11-30T12:00:00Z', '2026-12-04T12:00:00Z', '2026-12-05T12:00:00Z', '2026-12-06T12:00:00Z']
    expect(active(`- weekdays: ['monday:friday']`, days)).toEqual([true, true, false, false])
    expect(active(`- weekdays: [saturday, Sunday]`, days)).toEqual([false, false, true, true])
    expect(active(`- weekdays: ['sunday:monday']`, days)).toEqual([true, false, false, true])
  })

  test('days_of_month: positive ranges', () => {
    expect(active(`- days_of_month: ['1:5', '15']`, ['2026-12-01T00:00:00Z', '2026-12-05T23:59:00Z', '2026-12-06T00:00:00Z', '2026-12-15T08:00:00Z'])).toEqual([true, true, false, true])
  })

  test('days_of_month: negative days count from the end of the month', () => {
    // -1 is the last day: February 28 in 2026, February 29 in the leap year 2028
    expect(active(`- days_of_month: ['-1']`, ['2026-02-27T12:00:00Z', '2026-02-28T12:00:00Z', '2028-02-28T12:00:00Z', '2028-02-29T12:00:00Z'])).toEqual([false, true, false, true])
    // the last three days of a 30-day month
    expect(active(`- days_of_month: ['-3:-1']`, ['2026-04-27T12:00:00Z', '2026-04-28T12:00:00Z', '2026-04-30T12:00:00Z'])).toEqual([false, true, true])
    // from the 1st to the last day
    expect(active(`- days_of_month: ['1:-1']`, ['2026-02-01T00:00:00Z', '2026-02-28T23:59:00Z', '2026-12-31T23:59:00Z'])).toEqual([true, true, true])
    // a positive start with a negative end: from the 10th to the second-to-last day
    expect(active(`- days_of_month: ['10:-2']`, ['2026-02-09T12:00:00Z', '2026-02-27T12:00:00Z', '2026-02-28T12:00:00Z', '2026-03-30T12:00:00Z', '2026-03-31T12:00:00Z'])).toEqual([
      false,
      true,
      false,
      true,
      false,
    ])
  })

  test('days_of_month: clamped to the month as Alertmanager does', () => {
    // 25:31 in February ends on the 28th; 30:31 never happens in February (its start is past the month's end)
    expect(active(`- days_of_month: ['25:31']`, ['2026-02-24T12:00:00Z', '2026-02-28T12:00:00Z', '2026-03-31T12:00:00Z'])).toEqual([false, true, true])
    expect(active(`- days_of_month: ['30:31']`, ['2026-02-28T12:00:00Z', '2026-03-01T12:00:00Z', '2026-03-30T12:00:00Z'])).toEqual([false, false, true])
    // -31:-29 is days 1..3 of a 31-day month, and nothing in February (begin -2, end 0)
    expect(active(`- days_of_month: ['-31:-29']`, ['2026-03-01T12:00:00Z', '2026-03-03T12:00:00Z', '2026-03-04T12:00:00Z', '2026-02-01T12:00:00Z'])).toEqual([true, true, false, false])
  })

  test('months, by name or number; ranges across the year end are two ranges', () => {
    const at = ['2026-01-15T00:00:00Z', '2026-03-01T00:00:00Z', '2026-10-31T23:59:00Z', '2026-11-01T00:00:00Z', '2026-12-31T23:59:00Z']
    expect(active(`- months: ['november:december', 'january:2']`, at)).toEqual([true, false, false, true, true])
    expect(active(`- months: ['3']`, at)).toEqual([false, true, false, false, false])
  })

  test('years', () => {
    expect(active(`- years: ['2025:2026', '2030']`, ['2024-12-31T23:59:59Z', '2025-01-01T00:00:00Z', '2026-12-31T23:59:59Z', '2027-01-01T00:00:00Z', '2030-06-01T00:00:00Z'])).toEqual([
      false,
      true,
      true,
      false,
      true,
    ])
  })

  test('an entry matches when all its fields match; an interval when any entry matches', () => {
    const entries = `
- weekdays: [saturday]
  times: [{start_time: '10:00', end_time: '12:00'}]
- days_of_month: ['1']
  months: [january]`
    // Saturday 11:00, Saturday 13:00, Friday 11:00, January 1 (a Friday in 2027) 13:00, February 1
    expect(active(entries, ['2026-12-05T11:00:00Z', '2026-12-05T13:00:00Z', '2026-12-04T11:00:00Z', '2027-01-01T13:00:00Z', '2027-02-01T13:00:00Z'])).toEqual([
      true,
      false,
      false,
      true,
      false,
    ])
  })

  test('an entry without fields is always active; a field given as an empty list never matches (yaml.v2 gives a non-nil slice)', () => {
    expect(active(`- {}`, ['2026-12-04T12:00:00Z'])).toEqual([true])
    expect(active(`- weekdays: []`, ['2026-12-04T12:00:00Z'])).toEqual([false])
    expect(active(`- times: []\n  location: Asia/Seoul`, ['2026-12-04T12:00:00Z'])).toEqual([false])
  })
})

describe('locations', () => {
  test('no location and "" are UTC; Local is the zone of this machine', () => {
    expect(zoneOf(undefined)).toBe('UTC')
    expect(zoneOf('')).toBe('UTC')
    expect(zoneOf('Local')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
    const at = ['2026-12-04T08:30:00Z', '2026-12-04T09:30:00Z']
    expect(active(`- times: [{start_time: '09:00', end_time: '10:00'}]\n  location: ''`, at)).toEqual([false, true])
    expect(active(`- times: [{start_time: '09:00', end_time: '10:00'}]\n  location: UTC`, at)).toEqual([false, true])
  })

  test('an unknown location is refused when the config is read, and by the evaluator', () => {
    expect(() => load(`- location: Mars/Olympus_Mons`)).toThrow(/unknown time zone Mars\/Olympus_Mons/)
    expect(() => containsTime({location: 'Mars/Olympus_Mons'}, 0)).toThrow(UsageError)
  })

  test('Asia/Seoul (UTC+9): the weekday and time of the local wall clock', () => {
    // 2026-12-04T18:00Z is Saturday 03:00 in Seoul
    const entries = `- weekdays: [saturday]\n  times: [{start_time: '00:00', end_time: '07:00'}]\n  location: Asia/Seoul`
    expect(active(entries, ['2026-12-04T14:59:00Z', '2026-12-04T15:00:00Z', '2026-12-04T18:00:00Z', '2026-12-04T22:00:00Z'])).toEqual([false, true, true, false])
    expect(active(`- days_of_month: ['-1']\n  location: Asia/Seoul`, ['2026-12-30T14:59:00Z', '2026-12-30T15:00:00Z', '2026-12-31T15:00:00Z'])).toEqual([false, true, false])
    expect(active(`- years: ['2027']\n  location: Asia/Seoul`, ['2026-12-31T14:59:59Z', '2026-12-31T15:00:00Z'])).toEqual([false, true])
  })

  test('Australia/Lord_Howe: half-hour offsets and a half-hour DST change', () => {
    // 2026-12-04T13:00Z is Saturday 2026-12-05 00:00 (+11)
    expect(wallClock(Date.parse('2026-12-04T13:00:00Z'), 'Australia/Lord_Howe')).toEqual({year: 2026, month: 12, day: 5, hour: 0, minute: 0, second: 0, weekday: 6})
    // fall back on 2026-04-05: 02:00 (+11) becomes 01:30 (+10:30), so 01:45 happens at 14:45Z and 15:15Z
    const entries = `- times: [{start_time: '01:45', end_time: '01:50'}]\n  location: Australia/Lord_Howe`
    expect(active(entries, ['2026-04-04T14:45:00Z', '2026-04-04T14:55:00Z', '2026-04-04T15:15:00Z'])).toEqual([true, false, true])
  })
})

describe('daylight saving time', () => {
  const hour = (from: string, to: string, zone: string) => `- times: [{start_time: '${from}', end_time: '${to}'}]\n  location: ${zone}`

  test('New York spring forward (2026-03-08 02:00 EST -> 03:00 EDT): 02:xx never happens', () => {
    const at = ['2026-03-08T06:59:00Z', '2026-03-08T07:00:00Z'] // 01:59 EST, 03:00 EDT
    expect(active(hour('01:00', '02:00', 'America/New_York'), at)).toEqual([true, false])
    expect(active(hour('02:00', '03:00', 'America/New_York'), at)).toEqual([false, false])
    expect(active(hour('03:00', '04:00', 'America/New_York'), at)).toEqual([false, true])
  })

  test('New York fall back (2026-11-01 02:00 EDT -> 01:00 EST): 01:30 happens twice', () => {
    const at = ['2026-11-01T04:59:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z', '2026-11-01T07:00:00Z'] // 00:59 EDT, 01:30 EDT, 01:30 EST, 02:00 EST
    expect(active(hour('01:00', '02:00', 'America/New_York'), at)).toEqual([false, true, true, false])
  })

  test('Berlin spring forward (2026-03-29 02:00 CET -> 03:00 CEST)', () => {
    const at = ['2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z'] // 01:59 CET, 03:00 CEST
    expect(active(hour('01:00', '02:00', 'Europe/Berlin'), at)).toEqual([true, false])
    expect(active(hour('02:00', '03:00', 'Europe/Berlin'), at)).toEqual([false, false])
    expect(active(hour('03:00', '04:00', 'Europe/Berlin'), at)).toEqual([false, true])
  })

  test('Berlin fall back (2026-10-25 03:00 CEST -> 02:00 CET): 02:30 happens twice', () => {
    const at = ['2026-10-24T23:59:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-25T02:00:00Z'] // 01:59 CEST, 02:30 CEST, 02:30 CET, 03:00 CET
    expect(active(hour('02:00', '03:00', 'Europe/Berlin'), at)).toEqual([false, true, true, false])
  })

  test('weekday and date follow the local calendar, not UTC', () => {
    // 2026-12-05T03:00Z is still Friday 22:00 in New York
    expect(active(`- weekdays: [friday]\n  location: America/New_York`, ['2026-12-05T03:00:00Z', '2026-12-05T05:00:00Z'])).toEqual([true, false])
  })

  test('negative days in a spring-forward month: 0.25 counts 30 days in March (elapsed hours / 24), later releases 31', () => {
    const last = `- days_of_month: ['-1']\n  location: America/New_York`
    const at = ['2026-03-30T16:00:00Z', '2026-03-31T16:00:00Z'] // noon on March 30 and 31, EDT
    expect(active(last, at, {monthLength: 'elapsed'})).toEqual([true, false])
    expect(active(last, at)).toEqual([true, false]) // the default is 0.25's rule
    expect(active(last, at, {monthLength: 'calendar'})).toEqual([false, true])
    // Berlin's March and Lord Howe's October (a 30-minute change) too; a fall-back month keeps its length
    expect(active(`- days_of_month: ['-1']\n  location: Europe/Berlin`, ['2026-03-30T10:00:00Z', '2026-03-31T10:00:00Z'])).toEqual([true, false])
    expect(active(`- days_of_month: ['-1']\n  location: Australia/Lord_Howe`, ['2026-10-30T01:00:00Z', '2026-10-31T01:00:00Z'])).toEqual([true, false])
    expect(active(`- days_of_month: ['-1']\n  location: America/New_York`, ['2026-11-29T17:00:00Z', '2026-11-30T17:00:00Z'])).toEqual([false, true])
    // Go's time.Date for a midnight that does not exist: Asuncion skipped 2023-10-01 00:00..01:00 and Go resolves
    // that midnight to September 30 23:00 (-04); a month later is October 30 23:00 (-03), 29 days and 23 hours,
    // so 0.25 takes October as 29 days long and -1 is the 29th
    const asuncion = `- days_of_month: ['-1']\n  location: America/Asuncion`
    const october = ['2023-10-29T15:00:00Z', '2023-10-31T15:00:00Z']
    expect(active(asuncion, october)).toEqual([true, false])
    expect(active(asuncion, october, {monthLength: 'calendar'})).toEqual([false, true])
    // in UTC both rules agree
    expect(active(`- days_of_month: ['-1']`, ['2026-03-30T12:00:00Z', '2026-03-31T12:00:00Z'])).toEqual([false, true])
  })

  test('monthLengthFor: the fix is in 0.32.3, 0.33.1 and 0.34', () => {
    expect(['0.25.0', '0.32.2', '0.32.3', '0.33.0', '0.33.1', '0.34.0', 'v1.0.0', undefined, 'main'].map(monthLengthFor)).toEqual([
      'elapsed',
      'elapsed',
      'calendar',
      'elapsed',
      'calendar',
      'calendar',
      'calendar',
      'elapsed',
      'elapsed',
    ])
  })
})

describe('routes at an instant', () => {
  const states = new Map([
    ['on', true],
    ['off', false],
  ])

  test('muted by an active mute interval, or outside all active intervals; an unknown name is inactive', () => {
    expect(routeTimeState({muteTimeIntervals: [], activeTimeIntervals: []}, states)).toEqual({muted: false, mutedBy: [], outsideActiveIntervals: []})
    expect(routeTimeState({muteTimeIntervals: ['off', 'on'], activeTimeIntervals: []}, states)).toEqual({muted: true, mutedBy: ['on'], outsideActiveIntervals: []})
    expect(routeTimeState({muteTimeIntervals: ['off'], activeTimeIntervals: ['off', 'on']}, states)).toEqual({muted: false, mutedBy: [], outsideActiveIntervals: []})
    expect(routeTimeState({muteTimeIntervals: [], activeTimeIntervals: ['off', 'nope']}, states)).toEqual({muted: true, mutedBy: [], outsideActiveIntervals: ['off', 'nope']})
    expect(routeTimeState({muteTimeIntervals: ['on'], activeTimeIntervals: ['on']}, states)).toEqual({muted: true, mutedBy: ['on'], outsideActiveIntervals: []})
  })

  const CONFIG = loadAlertmanagerConfig(
    `route:
  receiver: default
  routes:
    - matchers: [team="web"]
      receiver: web
      mute_time_intervals: [nights]
      routes:
        - matchers: [severity="critical"]
          receiver: web-pager
    - matchers: [team="db"]
      receiver: db
      active_time_intervals: [business-hours]
      continue: true
    - matchers: [team="db"]
      receiver: db-tickets
receivers: [{name: default}, {name: web}, {name: web-pager}, {name: db}, {name: db-tickets}]
time_intervals:
  - name: nights
    time_intervals: [{times: [{start_time: '22:00', end_time: '24:00'}]}]
  - name: business-hours
    time_intervals: [{weekdays: ['monday:friday'], times: [{start_time: '09:00', end_time: '17:00'}]}]
`,
    'am.yml',
  )
  const tree = buildRouteTree(CONFIG)
  const night = new Date('2026-12-04T23:00:00Z') // Friday 23:00 UTC
  const office = new Date('2026-12-04T10:00:00Z')

  test('child routes do not inherit their parent mute_time_intervals (dispatch.NewRoute in 0.25)', () => {
    const web = checkRoute(CONFIG, tree, {team: 'web'}, {at: night})
    expect(web.routes.map((r) => [r.receiver, r.muted, r.mutedBy])).toEqual([['web', true, ['nights']]])
    expect(web.allMuted).toBe(true)
    const pager = checkRoute(CONFIG, tree, {team: 'web', severity: 'critical'}, {at: night})
    expect(pager.routes.map((r) => [r.receiver, r.muted])).toEqual([['web-pager', false]])
    expect(pager.allMuted).toBe(false)
    expect(pager.at).toBe('2026-12-04T23:00:00Z')
  })

  test('active_time_intervals: muted outside, and the other receiver of a continue still sends', () => {
    const db = checkRoute(CONFIG, tree, {team: 'db'}, {at: night})
    expect(db.receivers).toEqual(['db', 'db-tickets'])
    expect(db.routes.map((r) => [r.receiver, r.muted, r.outsideActiveIntervals])).toEqual([
      ['db', true, ['business-hours']],
      ['db-tickets', false, []],
    ])
    expect(db.allMuted).toBe(false)
    expect(checkRoute(CONFIG, tree, {team: 'db'}, {at: office}).routes.map((r) => r.muted)).toEqual([false, false])
  })

  test('without --at the result has no time fields; routing and ok do not change with it', () => {
    const plain = checkRoute(CONFIG, tree, {team: 'web'}, {expected: ['web']})
    expect(plain.at).toBeUndefined()
    expect(plain.routes[0]).not.toHaveProperty('muted')
    const timed = checkRoute(CONFIG, tree, {team: 'web'}, {expected: ['web'], at: night})
    expect([timed.receivers, timed.ok]).toEqual([plain.receivers, plain.ok])
  })

  test('routeTimeStates covers every route of the tree', () => {
    const s = routeTimeStates(tree, CONFIG.timeIntervals, night.getTime())
    expect(s.size).toBe(5)
    expect([...s.entries()].filter(([, v]) => v.muted).map(([r]) => r.receiver).sort()).toEqual(['db', 'web'])
  })
})

describe('--at', () => {
  const now = new Date('2026-12-04T12:00:00Z')

  test('RFC 3339 with Z or an offset, now and relative times', () => {
    expect(parseAt('2026-12-05T03:00:00+09:00', undefined, now).at.toISOString()).toBe('2026-12-04T18:00:00.000Z')
    expect(parseAt('2026-12-04T18:00:00Z', undefined, now).at.toISOString()).toBe('2026-12-04T18:00:00.000Z')
    expect(parseAt('now', undefined, now).at).toEqual(now)
    expect(parseAt('now+2h', undefined, now).at.toISOString()).toBe('2026-12-04T14:00:00.000Z')
    expect(parseAt('now', '0.34.0', now).timeOptions).toEqual({monthLength: 'calendar'})
    expect(parseAt('now', undefined, now).timeOptions).toEqual({monthLength: 'elapsed'})
  })

  test('a date-time without offset is a usage error asking for one', () => {
    for (const bare of ['2026-12-05T03:00:00', '2026-12-05T03:00', '2026-12-05 03:00:00', '2026-12-05']) {
      expect(() => parseAt(bare, undefined, now)).toThrow(UsageError)
      expect(() => parseAt(bare, undefined, now)).toThrow(/no time zone offset/)
    }
    expect(() => parseAt('yesterday', undefined, now)).toThrow(UsageError)
  })
})

describe('cases files with at and muted', () => {
  const CONFIG = loadAlertmanagerConfig(
    `route:
  receiver: default
  routes:
    - matchers: [team="web"]
      receiver: web
      mute_time_intervals: [nights]
receivers: [{name: default}, {name: web}]
time_intervals:
  - name: nights
    time_intervals: [{times: [{start_time: '22:00', end_time: '24:00'}]}]
`,
    'am.yml',
  )
  const tree = buildRouteTree(CONFIG)

  test('at decides which receivers are muted; muted defaults to none', () => {
    const cases = parseRouteCases(
      `cases:
  - {labels: {team: web}, receivers: [web], at: '2026-12-04T23:00:00Z', muted: [web]}
  - {labels: {team: web}, receivers: [web], at: '2026-12-04T12:00:00Z'}
  - {labels: {team: web}, receivers: [web], at: '2026-12-04T23:00:00Z'}
`,
      'cases.yml',
    )
    expect(runRouteCases(CONFIG, tree, cases).results.map((r) => [r.pass, r.muted])).toEqual([
      [true, ['web']],
      [true, []],
      [false, ['web']],
    ])
  })

  test('an at without offset, or muted without at, is an error naming the line', () => {
    expect(() => parseRouteCases(`cases:\n  - {labels: {a: b}, receivers: [x], at: '2026-12-04T23:00:00'}\n`, 'cases.yml')).toThrow(/^cases\.yml:2:\d+: at "2026-12-04T23:00:00" has no time zone offset/)
    expect(() => parseRouteCases(`cases:\n  - labels: {a: b}\n    receivers: [x]\n    muted: [x]\n`, 'cases.yml')).toThrow(/^cases\.yml:4:\d+: "muted" needs "at"/)
  })
})
