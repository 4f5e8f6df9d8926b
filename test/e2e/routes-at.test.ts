// spock routes test --at / routes show --at as a user runs them, on a config with time intervals in three zones.
import {describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'

const AM = 'test/fixtures/alertmanager-time-intervals.yml'

describe('spock routes test --at', () => {
  test('Saturday 03:00 in Seoul: the db route is muted by seoul-nights; nothing would be sent, exit 0', async () => {
    const r = await runCli(['routes', 'test', '--config', AM, '--at', '2026-12-05T03:00:00+09:00', 'team=db'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('db-pager\nat 2026-12-04T18:00:00Z:\n  db-pager (route 1): muted by mute_time_intervals seoul-nights\nmuted: nothing would be sent\n')
  })

  test('the same labels at Seoul noon are not muted', async () => {
    const r = await runCli(['routes', 'test', '--config', AM, '--at', '2026-12-05T12:00:00+09:00', 'team=db'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('db-pager\nat 2026-12-05T03:00:00Z:\n  db-pager (route 1): not muted\n')
  })

  test('Saturday in Berlin, outside New York business hours: both web routes muted; a child does not inherit', async () => {
    // 2026-12-05T10:00Z: Saturday 11:00 in Berlin, Saturday 05:00 in New York
    const web = await runCli(['routes', 'test', '--config', AM, '--at', '2026-12-05T10:00:00Z', 'team=web'])
    expect(web.code, web.stderr).toBe(0)
    expect(web.stdout).toBe(
      [
        'web-oncall,web-tickets',
        'at 2026-12-05T10:00:00Z:',
        '  web-oncall (route 2): muted: outside active_time_intervals ny-business-hours',
        '  web-tickets (route 3): muted by mute_time_intervals berlin-weekends',
        'muted: nothing would be sent',
        '',
      ].join('\n'),
    )
    const critical = await runCli(['routes', 'test', '--config', AM, '--at', '2026-12-05T10:00:00Z', 'team=web', 'severity=critical', '-o', 'json'])
    expect(critical.code, critical.stderr).toBe(0)
    const out = JSON.parse(critical.stdout)
    expect(out.receivers).toEqual(['web-oncall', 'web-pager'])
    expect(out.routes.map((r: {receiver: string; muted: boolean}) => [r.receiver, r.muted])).toEqual([
      ['web-oncall', true],
      ['web-pager', false],
    ])
    expect(out.routes[0].outsideActiveIntervals).toEqual(['ny-business-hours'])
    expect([out.at, out.allMuted]).toEqual(['2026-12-05T10:00:00Z', false])
  })

  test('the last week of December (days_of_month -7:-1, UTC) mutes web-tickets; --verify-receivers still decides the exit code', async () => {
    const args = ['routes', 'test', '--config', AM, '--at', '2026-12-28T15:00:00Z', 'team=web'] // a Monday, 10:00 in New York
    const ok = await runCli([...args, '--verify-receivers', 'web-oncall,web-tickets', '-o', 'json'])
    expect(ok.code, ok.stderr).toBe(0)
    const out = JSON.parse(ok.stdout)
    expect(out.routes.map((r: {mutedBy: string[]}) => r.mutedBy)).toEqual([[], ['year-end']])
    expect(out.allMuted).toBe(false)
    const wrong = await runCli([...args, '--verify-receivers', 'web-tickets'])
    expect(wrong.code).toBe(1)
    expect(wrong.stdout).toContain('web-tickets (route 3): muted by mute_time_intervals year-end')
  })

  test('a date-time without offset, an unknown time and --at with --file are usage errors', async () => {
    const bare = await runCli(['routes', 'test', '--config', AM, '--at', '2026-12-05T03:00:00', 'team=db'])
    expect(bare.code).toBe(2)
    expect(bare.stderr).toContain('has no time zone offset')
    expect(bare.stderr).toContain('2026-12-05T03:00:00Z')
    expect((await runCli(['routes', 'test', '--config', AM, '--at', 'soon', 'team=db'])).code).toBe(2)
    expect((await runCli(['routes', 'test', '--config', AM, '--at', 'now', '--file', 'cases.yml'])).code).toBe(2)
  })

  test('--at now answers for the current instant', async () => {
    const before = Date.now()
    const r = await runCli(['routes', 'test', '--config', AM, '--at', 'now', 'team=db', '-o', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const at = Date.parse(JSON.parse(r.stdout).at)
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
    expect(at).toBeLessThanOrEqual(Date.now())
  })
})

describe('spock routes test --file with at and muted', () => {
  test('each case with at checks its muted receivers; a wrong expectation fails the run', async () => {
    const r = await runCli(['routes', 'test', '--config', AM, '--file', 'test/fixtures/alertmanager-time-intervals-cases.yml', '-o', 'json'])
    expect(r.code, r.stderr).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(out.results.map((c: {pass: boolean; muted?: string[]}) => [c.pass, c.muted])).toEqual([
      [true, ['db-pager']],
      [true, ['web-oncall']],
      [true, undefined],
      [false, []],
    ])
    const text = await runCli(['routes', 'test', '--config', AM, '--file', 'test/fixtures/alertmanager-time-intervals-cases.yml'])
    expect(text.stdout).toMatch(/FAIL\s+db at Seoul noon is expected muted, and is not\s+db-pager \(muted: db-pager\)\s+db-pager \(muted: none\)\n/)
  })
})

describe('spock routes show --at', () => {
  test('marks muted routes in the tree and counts them', async () => {
    const r = await runCli(['routes', 'show', '--config', AM, '--details', 'none', '--at', '2026-12-05T10:00:00Z'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(
      [
        '.',
        '└── default-route  receiver: default',
        '    ├── {team="db"}  receiver: db-pager',
        '    ├── {team="web"}  continue: true  receiver: web-oncall  MUTED (outside active_time_intervals: ny-business-hours)',
        '    └── {team="web"}  receiver: web-tickets  MUTED (mute_time_intervals: berlin-weekends)',
        '        └── {severity="critical"}  receiver: web-pager',
        'at 2026-12-05T10:00:00Z: 2 of 5 routes muted',
        '',
      ].join('\n'),
    )
  })

  test('json: each route gains muted, mutedBy and outsideActiveIntervals; without --at it does not', async () => {
    const r = await runCli(['routes', 'show', '--config', AM, '--at', '2026-12-05T03:00:00+09:00', '-o', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const tree = JSON.parse(r.stdout)
    expect(tree.muted).toBe(false)
    expect(tree.routes.map((x: {receiver: string; muted: boolean; mutedBy: string[]}) => [x.receiver, x.muted, x.mutedBy])).toEqual([
      ['db-pager', true, ['seoul-nights']],
      ['web-oncall', false, []], // 2026-12-04T18:00Z is Friday 13:00 in New York: business hours
      ['web-tickets', false, []],
    ])
    const plain = JSON.parse((await runCli(['routes', 'show', '--config', AM, '-o', 'json'])).stdout)
    expect(plain).not.toHaveProperty('muted')
  })
})
