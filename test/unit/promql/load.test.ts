import {describe, expect, it} from 'vitest'
import {expandValues, parseSeriesLabels, splitSeriesLine} from '../../../src/promql/load.js'
import {labelsFrom} from '../../../src/promql/labels.js'

describe('expandValues (expanding notation)', () => {
  it.each([
    ['1+2x3', [1, 3, 5, 7]],
    ['1x3', [1, 1, 1, 1]],
    ['-1-1x3', [-1, -2, -3, -4]],
    ['5-2x2', [5, 3, 1]],
    ['_', ['omit']],
    ['_x3', ['omit', 'omit', 'omit']],
    ['stale', ['stale']],
    ['1 _ stale 2', [1, 'omit', 'stale', 2]],
    ['0x10', Array(11).fill(0)],
    ['Inf -Inf', [Infinity, -Infinity]],
    ['1e3 .5 2.', [1000, 0.5, 2]],
    ['1.5+0.5x2', [1.5, 2, 2.5]],
  ])('%s', (text, want) => {
    expect(expandValues(text)).toEqual(want)
  })

  it('reads NaN', () => {
    expect(Number.isNaN(expandValues('NaN')[0])).toBe(true)
  })

  it.each(['abc', '_+1x2', '1+x3', '1x', 'stale+1x2'])('rejects %s', (text) => {
    expect(() => expandValues(text)).toThrow(/invalid series value/)
  })
})

describe('series descriptors', () => {
  it('parses a name with labels, in any order, sorted', () => {
    expect(parseSeriesLabels('m{b="2", a="1"}')).toEqual(labelsFrom({__name__: 'm', a: '1', b: '2'}))
  })

  it('parses {__name__=...} and escapes', () => {
    expect(parseSeriesLabels('{__name__="m", a="x\\"y"}')).toEqual(labelsFrom({__name__: 'm', a: 'x"y'}))
  })

  it('splits a line where a label value holds spaces and braces', () => {
    const {labels, values} = splitSeriesLine('m{a="b c}"}\t1+1x2')
    expect(labels).toEqual(labelsFrom({__name__: 'm', a: 'b c}'}))
    expect(values).toEqual([1, 2, 3])
  })

  it('splits a bare metric name', () => {
    expect(splitSeriesLine('up 1 _ 2')).toEqual({labels: labelsFrom({__name__: 'up'}), values: [1, 'omit', 2]})
  })
})
