import {describe, expect, test} from 'vitest'
import {parseSilenceFile} from '../../../src/alertmanager/silence-file.js'
import {UsageError} from '../../../src/errors.js'

const NOW = new Date('2026-12-02T16:00:00Z')
const parse = (text: string, opts: {force?: boolean} = {}) => parseSilenceFile(text, 'silences.yml', {now: NOW, ...opts})

/** The problem lines of the error a bad file gives. */
function problems(text: string): string[] {
  try {
    parse(text)
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError)
    expect((err as UsageError).exitCode).toBe(2)
    return (err as Error).message.split('\n').slice(1).map((l) => l.trim())
  }
  throw new Error('the file was accepted')
}

describe('silences file: good files', () => {
  test('a list at the top, with each kind of window', () => {
    const f = parse(`
- name: weekly-db
  matchers: ['service="db"', 'env=~"prod|stage"']
  comment: patching
  schedule:
    weekdays: [saturday, "monday:tuesday"]
    times: [{start_time: "02:00", end_time: "06:00"}, {start_time: "22:00", end_time: "01:00"}]
    location: Asia/Seoul
- name: deploy
  matchers: [alertname=Deploy]
  comment: rolling deploy
  author: ci
  duration: 1h30m
- name: freeze
  matchers: [team=shop]
  comment: freeze
  starts: 2026-12-24T00:00:00+09:00
  ends: 2026-12-27T00:00:00Z
`)
    expect(f.scope).toBeUndefined()
    expect(f.entries.map((e) => [e.name, e.line, e.window.kind, e.author])).toEqual([
      ['weekly-db', 2, 'schedule', undefined],
      ['deploy', 9, 'duration', 'ci'],
      ['freeze', 14, 'fixed', undefined],
    ])
    const s = f.entries[0]!.window
    expect(s.kind === 'schedule' && [...s.schedule.weekdays].sort()).toEqual([1, 2, 6])
    expect(s.kind === 'schedule' && s.schedule.times).toEqual([{start: 120, end: 360}, {start: 1320, end: 60}])
    expect(s.kind === 'schedule' && s.schedule.location).toBe('Asia/Seoul')
    expect(f.entries[1]!.window).toEqual({kind: 'duration', ms: 5_400_000})
    expect(f.entries[2]!.window).toEqual({kind: 'fixed', starts: new Date('2026-12-23T15:00:00Z'), ends: new Date('2026-12-27T00:00:00Z')})
  })

  test('a silences: key with a scope; an empty list is allowed; a schedule defaults to UTC and all day', () => {
    const f = parse('scope: team-db\nsilences:\n  - {name: a, matchers: [a=b], comment: c, schedule: {weekdays: [sunday]}}\n')
    expect(f.scope).toBe('team-db')
    const w = f.entries[0]!.window
    expect(w.kind === 'schedule' && [w.schedule.location, w.schedule.times]).toEqual(['UTC', [{start: 0, end: 1440}]])
    expect(parse('silences: []\n').entries).toEqual([])
    expect(parse('[]\n').entries).toEqual([])
  })

  test('a fixed window that has ended is no error (the entry just has nothing to hold)', () => {
    expect(parse('- {name: a, matchers: [a=b], comment: c, ends: 2020-01-01T00:00:00Z}\n').entries).toHaveLength(1)
  })

  test('--force lets matchers through that would mute almost everything', () => {
    const text = '- {name: a, matchers: [\'x!="y"\'], comment: c, duration: 1h}\n'
    expect(problems(text)).toEqual([expect.stringMatching(/^silences\.yml:1:23: every matcher .* \(pass --force if you mean it\)$/)])
    expect(parse(text, {force: true}).entries).toHaveLength(1)
  })
})

describe('silences file: every problem at once, one line each, file:line:column', () => {
  test('three problems in three entries give three lines', () => {
    const lines = problems(`silences:
  - name: one
    matchers: ['alertname="X"']
    comment: ok
    duration: 2x
  - name: two
    matchers: ['job=~"(api"']
    comment: bad regex
    ends: 2030-01-01T00:00:00Z
  - name: three
    matchers: [a=b]
    comment: bad zone
    schedule:
      weekdays: [saturday]
      location: Mars/Olympus
`)
    expect(lines).toEqual([
      'silences.yml:5:15: duration: not a valid duration string: "2x" (write 2h, 1h30m or 3d)',
      expect.stringMatching(/^silences\.yml:7:16: invalid matcher "job=~\\"\(api\\"": error parsing regexp: missing closing \)/),
      'silences.yml:15:17: schedule.location: unknown time zone "Mars/Olympus" (write an IANA name such as Europe/Berlin, Asia/Seoul or UTC)',
    ])
  })

  test('missing fields, duplicate names, unknown keys, bad names, several windows', () => {
    const lines = problems(`silences:
  - name: a
    matchers: [a=b]
  - name: a
    matchers: [a=b]
    comment: c
    duration: 1h
    ends: 2030-01-01T00:00:00Z
  - name: "has space"
    matchers: [a=b]
    comment: c
    duration: 1h
    colour: red
  - matchers: [a=b]
    comment: c
    starts: 2030-01-01T00:00:00Z
`)
    expect(lines).toEqual([
      'silences.yml:2:5: a silence needs a "comment" saying why it exists',
      'silences.yml:2:5: a silence needs a window: give one of "ends" (with an optional "starts"), "duration" or "schedule"',
      'silences.yml:8:5: give only one window: "duration", "ends" cannot be combined (starts/ends, duration or schedule)',
      'silences.yml:9:11: name "has space" is not a valid name: use letters, digits, "_", "." and "-", starting with a letter or digit, at most 100 characters',
      'silences.yml:13:5: unknown field "colour" in silence',
      'silences.yml:14:5: a silence needs a "name" (unique in the file: it is how apply finds the silence again)',
      'silences.yml:14:5: "starts" needs an "ends": give one of "ends" (with an optional "starts"), "duration" or "schedule"',
    ])
  })

  test('a bad matcher is reported at its own item; an empty item too', () => {
    const lines = problems(`- name: a
  matchers:
    - alertname=Foo
    - 'env=~"(prod"'
    -
  comment: c
  duration: 1h
`)
    expect(lines).toEqual([
      expect.stringMatching(/^silences\.yml:4:7: invalid matcher "env=~\\"\(prod\\"": error parsing regexp/),
      'silences.yml:5:6: matchers[2] is empty: write a matcher such as alertname="Foo"',
    ])
  })

  test('a duplicate name is reported at the second entry', () => {
    const lines = problems('- {name: a, matchers: [a=b], comment: c, duration: 1h}\n- {name: a, matchers: [a=c], comment: c, duration: 1h}\n')
    expect(lines).toEqual(['silences.yml:2:10: name "a" is used twice (first at line 1): names must be unique in the file'])
  })

  test('schedule problems: weekday, clock times, empty ranges, whole week', () => {
    const lines = problems(`- name: a
  matchers: [a=b]
  comment: c
  schedule:
    weekdays: [funday]
    times:
      - {start_time: "25:00", end_time: "06:00"}
      - {start_time: "03:00", end_time: "03:00"}
      - {start_time: "03:00"}
- name: b
  matchers: [a=b]
  comment: c
  schedule: {times: [{start_time: "00:00", end_time: "24:00"}]}
- name: c
  matchers: [a=b]
  comment: c
  ends: tomorrow
`)
    expect(lines).toEqual([
      expect.stringMatching(/^silences\.yml:5:15: schedule\.weekdays: "funday" is not a weekday/),
      'silences.yml:7:22: start_time: "25:00" is not a time of day (00:00 .. 23:59)',
      'silences.yml:8:41: end_time 03:00 equals start_time: the window would be empty',
      'silences.yml:9:9: a time range needs start_time and end_time, e.g. {start_time: "02:00", end_time: "06:00"}',
      'silences.yml:13:13: schedule covers the whole week, so its silence would never end: use "duration" or "ends" instead',
      'silences.yml:17:9: ends "tomorrow" is not an RFC 3339 time such as 2026-12-24T18:00:00Z or 2026-12-24T18:00:00+09:00',
    ])
  })

  test('YAML syntax errors and an empty file', () => {
    expect(problems('- name: [a\n')[0]).toMatch(/^silences\.yml:\d+:\d+: /)
    expect(problems('')).toEqual(['silences.yml:1:1: the file is empty: write a list of silences, or "silences: []" to have none'])
    expect(problems('scope: x\n')).toEqual(['silences.yml:1:1: the file has no "silences:" list (write "silences: []" to have none)'])
    expect(problems('scope: x\nsilences:\n')).toEqual(['silences.yml:2:1: "silences:" is empty (write "silences: []" to have none)'])
  })
})
