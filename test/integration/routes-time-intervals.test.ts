// Oracle for `routes test --at now`: a real Alertmanager 0.25 with four routes to a webhook sink, muted or not by
// time intervals built from the current time. spock must call muted exactly the routes whose notifications the
// Alertmanager does not send.
//
// The intervals are written in a fixed-offset zone (Etc/GMT±N) where it is now about noon, so the weekday, day
// and times they name cannot change while the test runs (no midnight, no DST).
import {setTimeout as delay} from 'node:timers/promises'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startAlertmanager, stopAll, type AlertmanagerServer} from '../support/servers.js'
import {startHttpSink, type HttpSink} from '../support/sinks.js'

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']

/** A zone where the local hour is now 12, and today's date there. */
function noonZone(now: Date): {zone: string; year: number; month: number; day: number; weekday: number; daysInMonth: number} {
  const east = 12 - now.getUTCHours() // hours east of UTC: -11..12
  const zone = east === 0 ? 'Etc/GMT' : east > 0 ? `Etc/GMT-${east}` : `Etc/GMT+${-east}` // POSIX signs are inverted
  const local = new Date(now.getTime() + east * 3_600_000)
  const year = local.getUTCFullYear()
  const month = local.getUTCMonth() + 1
  return {zone, year, month, day: local.getUTCDate(), weekday: local.getUTCDay(), daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate()}
}

const CASES = ['mute-active', 'mute-inactive', 'active-active', 'active-inactive'] as const
/** Muted now: a mute interval that is active, or an active interval that is not. */
const MUTED: Record<(typeof CASES)[number], boolean> = {'mute-active': true, 'mute-inactive': false, 'active-active': false, 'active-inactive': true}

function config(sink: string, now: Date): string {
  const t = noonZone(now)
  const today = `weekdays: [${WEEKDAYS[t.weekday]}]`
  // `now`: every field names the present (today's day of month counted from the month's end); `not-now`: the
  // same day, later hours
  return `route:
  receiver: 'null'
  group_by: [case]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
  routes:
    - matchers: [case="mute-active"]
      receiver: mute-active
      mute_time_intervals: [now]
    - matchers: [case="mute-inactive"]
      receiver: mute-inactive
      mute_time_intervals: [not-now]
    - matchers: [case="active-active"]
      receiver: active-active
      active_time_intervals: [now]
    - matchers: [case="active-inactive"]
      receiver: active-inactive
      active_time_intervals: [not-now]
receivers:
  - name: 'null'
${CASES.map((c) => `  - name: ${c}\n    webhook_configs: [{url: '${sink}/${c}', send_resolved: false}]`).join('\n')}
time_intervals:
  - name: now
    time_intervals:
      - ${today}
        days_of_month: ['${t.day - t.daysInMonth - 1}']
        months: [${MONTHS[t.month - 1]}]
        years: ['${t.year}']
        times: [{start_time: '10:00', end_time: '15:00'}]
        location: ${t.zone}
  - name: not-now
    time_intervals:
      - ${today}
        times: [{start_time: '16:00', end_time: '20:00'}]
        location: ${t.zone}
`
}

let sink: HttpSink
let am: AlertmanagerServer

beforeAll(async () => {
  sink = await startHttpSink()
  am = await startAlertmanager({config: config(sink.url, new Date())})
}, 60_000)
afterAll(async () => {
  await stopAll([am, sink].filter(Boolean))
})

describe('routes test --at now against a running Alertmanager', () => {
  test('spock says muted exactly for the routes whose notifications Alertmanager does not send', async () => {
    // spock first, reading the running config
    for (const c of CASES) {
      const r = await runCli(['routes', 'test', '--alertmanager-url', am.url, '--at', 'now', 'alertname=TimeOracle', `case=${c}`, '-o', 'json'])
      expect(r.code, r.stderr).toBe(0)
      const out = JSON.parse(r.stdout)
      expect(out.receivers, c).toEqual([c])
      expect(out.routes[0].muted, c).toBe(MUTED[c])
      expect(out.allMuted, c).toBe(MUTED[c])
    }
    const text = await runCli(['routes', 'test', '--alertmanager-url', am.url, '--at', 'now', 'case=active-inactive'])
    expect(text.stdout).toContain('active-inactive (route 4): muted: outside active_time_intervals not-now\nmuted: nothing would be sent\n')

    // then what the Alertmanager does with one alert per route
    const startsAt = new Date().toISOString()
    const res = await fetch(`${am.url}/api/v2/alerts`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify(CASES.map((c) => ({labels: {alertname: 'TimeOracle', case: c}, startsAt}))),
    })
    expect(res.status).toBe(200)
    const sent = CASES.filter((c) => !MUTED[c])
    for (const c of sent) await sink.waitFor((r) => r.path === `/${c}`, 20_000)
    // All four groups flush together after group_wait (1s); give the muted ones that long twice more to show up
    await delay(3_000)
    expect([...new Set(sink.requests.map((r) => r.path))].sort()).toEqual(sent.map((c) => `/${c}`).sort())
  }, 60_000)
})
