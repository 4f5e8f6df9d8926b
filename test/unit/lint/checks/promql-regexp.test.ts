import {describe, expect, test} from 'vitest'
import {promqlRegexp, redundantAnchors, regexLiteral} from '../../../../src/lint/checks/promql-regexp.js'
import {findings} from './promql-support.js'

describe('promql/regexp', () => {
  test('good: real regexes', async () => {
    expect(await findings(promqlRegexp, 'up{job=~"api|web", instance=~".+", path=~"/a/.*", x!~"\\\\d+"} == 0')).toEqual([])
  })

  test('a regex that is a plain string', async () => {
    expect(await findings(promqlRegexp, 'up{job=~"api"} == 0')).toEqual(['5:14 warning job=~"api" is a plain string, not a regex'])
    expect(await findings(promqlRegexp, 'up{job!~"^api$"} == 0')).toEqual(['5:14 warning job!~"^api$" is a plain string, not a regex (Prometheus anchors regexes already)'])
  })

  test('redundant anchors', async () => {
    expect(await findings(promqlRegexp, 'up{job=~"^api.*"} == 0')).toEqual([
      '5:14 warning redundant "^" in job=~"^api.*": Prometheus anchors every matcher regex at both ends',
    ])
    expect(redundantAnchors('a\\$')).toEqual([])
    expect(redundantAnchors('a\\\\$')).toEqual(['$'])
    expect(redundantAnchors('(?m)^a$')).toEqual([])
  })

  test('.* alone', async () => {
    expect(await findings(promqlRegexp, 'up{job="a", env=~".*"} == 0')).toEqual(['5:23 warning env=~".*" matches every series, with or without the label: it filters nothing'])
    expect(await findings(promqlRegexp, 'up{env=~".*"} == 0')).toHaveLength(1) // the metric name is the other matcher
    expect(await findings(promqlRegexp, 'up{job="a", env!~".*"} == 0')).toEqual(['5:23 warning env!~".*" excludes every value, so the selector matches nothing'])
  })

  test('literal detection', () => {
    expect(regexLiteral('foo\\.bar')).toBe('foo.bar')
    expect(regexLiteral('foo.bar')).toBeUndefined()
    expect(regexLiteral('\\d')).toBeUndefined()
  })
})
