import {describe, expect, test} from 'vitest'
import {checkAlertmanagerUrl, checkCommonUrl, checkGoDuration, checkHostPort} from '../../../../src/alertmanager/config/url.js'
import {checkDayOfMonthRange, checkLocation, checkMonthRange, checkWeekdayRange, checkYearRange} from '../../../../src/alertmanager/config/time-intervals.js'

describe('Alertmanager URLs (config.URL)', () => {
  test.each([
    ['https://hooks.slack.com/services/T/B/X', undefined],
    ['HTTP://example.com', undefined],
    ['http://u:p@example.com:8080/x?y=1#z', undefined],
    ['http://[::1]:9093/', undefined],
    ['ftp://example.com/', 'unsupported scheme "ftp" for URL'],
    ['example.com/hook', 'unsupported scheme "" for URL'],
    ['{{ template "x" }}', 'unsupported scheme "" for URL'],
    ['http://', 'missing host for URL'],
    ['http://a:b/', 'invalid port after host'],
    ['http://a b/', 'invalid character " " in host name'],
    ['http://a/%zz', 'invalid URL escape'],
    ['http://a/\u0001', 'invalid control character in URL'],
    [':foo', 'missing protocol scheme'],
  ])('%s', (url, expected) => {
    expect(checkAlertmanagerUrl(url)).toBe(expected)
  })

  test('proxy_url (common config.URL) only needs to parse', () => {
    expect(checkCommonUrl('socks5://proxy:1080')).toBeUndefined()
    expect(checkCommonUrl('a:b/c')).toBeUndefined() // scheme a, opaque b/c
    expect(checkCommonUrl('1a:b/c')).toBe('first path segment in URL cannot contain colon')
  })
})

describe('smarthost (host:port)', () => {
  test.each([
    ['smtp.example.com:587', undefined],
    ['[::1]:25', undefined],
    ['', undefined],
    ['smtp.example.com', 'missing port in address'],
    ['smtp.example.com:', 'port cannot be empty'],
    ['a:b:25', 'too many colons in address'],
  ])('%s', (hp, expected) => {
    expect(checkHostPort(hp)).toBe(expected)
  })
})

describe('Go durations (pushover retry/expire)', () => {
  test.each([
    ['1m30s', true],
    ['1.5h', true],
    ['300ms', true],
    ['0', true],
    ['1d', false],
    ['5', false],
  ])('%s valid: %s', (d, ok) => {
    expect(checkGoDuration(d) === undefined).toBe(ok)
  })
})

describe('time interval ranges', () => {
  test.each([
    [checkWeekdayRange, 'Monday:friday', undefined],
    [checkWeekdayRange, 'saturday', undefined],
    [checkWeekdayRange, 'friday:monday', 'start day cannot be before end day'],
    [checkWeekdayRange, 'funday', 'funday is not a valid weekday'],
    [checkWeekdayRange, 'a:b:c', "couldn't parse range a:b:c, invalid format"],
    [checkDayOfMonthRange, '1:31', undefined],
    [checkDayOfMonthRange, '-7:-1', undefined],
    [checkDayOfMonthRange, '0', '0 is not a valid day of the month: out of range'],
    [checkDayOfMonthRange, '-1:5', 'end day must be negative if start day is negative'],
    [checkDayOfMonthRange, '20:-10', 'end day -10 is always before start day 20'],
    [checkMonthRange, 'january:march', undefined],
    [checkMonthRange, '13', undefined], // Alertmanager 0.25 accepts it (no range check)
    [checkMonthRange, 'may:january', 'end month 1 is before start month 5'],
    [checkMonthRange, 'smarch', 'smarch is not a valid month'],
    [checkYearRange, '2020:2030', undefined],
    [checkYearRange, '2030:2020', 'end year 2020 is before start year 2030'],
  ] as const)('%o %s', (check, text, expected) => {
    expect(check(text)).toBe(expected)
  })

  test.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['Local', true],
    ['Mars/Olympus', false],
    ['europe/berlin', false], // Go's LoadLocation is case-sensitive on Linux
    ['../etc/passwd', false],
  ])('location %s valid: %s', (name, ok) => {
    expect(checkLocation(name) === undefined).toBe(ok)
  })
})
