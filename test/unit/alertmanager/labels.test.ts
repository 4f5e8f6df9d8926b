import {describe, expect, it} from 'vitest'
import {isValidClassicLabelName, isValidMetricName, isValidUtf8LabelName, isWellFormedUtf8} from '../../../src/model/labels.js'

describe('label and metric names', () => {
  it.each([
    // name, classic label, utf8 label, metric
    ['alertname', true, true, true],
    ['_x9', true, true, true],
    ['__name__', true, true, true],
    ['9x', false, true, false],
    ['foo:bar', false, true, true],
    [':x', false, true, true],
    ['service name', false, true, false],
    ['café', false, true, false],
    ['foo-bar', false, true, false],
    ['🙂', false, true, false],
    ['', false, false, false],
    ['a\ud800', false, false, false],
  ])('%j: classic %s, utf8 %s, metric %s', (name, classic, utf8, metric) => {
    expect(isValidClassicLabelName(name)).toBe(classic)
    expect(isValidUtf8LabelName(name)).toBe(utf8)
    expect(isValidMetricName(name)).toBe(metric)
  })

  it.each([
    ['', true],
    ['\u{1F642}', true],
    ['\ud83d', false],
    ['\ude42x', false],
    ['x\ud83d\ude42y', true],
  ])('isWellFormedUtf8(%j) = %s', (s, want) => {
    expect(isWellFormedUtf8(s)).toBe(want)
  })
})
