import {describe, expect, test} from 'vitest'
import {chartLines, fitToWidth} from '../../src/output/chart.js'
import {render} from '../../src/output/render.js'
import {queryView, seriesName} from '../../src/output/views/query.js'
import {formatLabels, labelsFrom} from '../../src/promql/labels.js'
import type {QueryReport} from '../../src/prometheus/query.js'
import {defaultStep} from '../../src/prometheus/query.js'
import {sameExpr} from '../../src/promql/same-expr.js'

const WAVE = [10, 11, 12, 12, 13, 14, 14, 15, 15, 15, 15, 15, 15, 14, 14, 13, 12, 12, 11, 10, 9, 8, 7, 7, 6, 6, 5, 5, 5, 5, 5, 6, 6, 6, 7, 8, 9, 9, 10, 11, 12, 13, 13, 14, 14, 15, 15, 15, 15, 15, 14, 14, 13, 13, 12, 11, 10, 10, 9, 8]

describe('chart', () => {
  test('a fixed series renders as this chart, fitted into 40 columns', () => {
    const lines = chartLines(WAVE, {width: 40, height: 5})
    expect(lines.join('\n')).toBe(
      [
        '      15.0 ┤   ╭─╮              ╭╮     ',
        '      13.0 ┤ ╭─╯ ╰╮           ╭─╯╰─╮   ',
        '      11.0 ┤╭╯    ╰─╮        ╭╯    ╰╮  ',
        '       9.0 ┼╯       │       ╭╯      ╰─ ',
        '       7.0 ┤        ╰─╮    ╭╯          ',
        '       5.0 ┤          ╰────╯           ',
      ].join('\n'),
    )
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(40)
  })

  test('columns average their points; a column with no finite point is a gap (NaN); no finite point draws nothing', () => {
    expect(fitToWidth([1, 2, 3, 4, Number.NaN, Number.NaN], 3)).toEqual([1.5, 3.5, Number.NaN])
    expect(chartLines([Number.NaN, Number.POSITIVE_INFINITY], {width: 40})).toEqual([])
    expect(chartLines([1, Number.NaN, 3], {width: 40}).length).toBeGreaterThan(1)
  })
})

const matrix: QueryReport = {
  expr: 'x',
  resultType: 'matrix',
  range: {start: '2026-12-01T00:00:00.000Z', end: '2026-12-01T00:59:00.000Z', step: 60},
  result: [{metric: {__name__: 'x', job: 'a'}, values: WAVE.map((v, i) => [1_796_083_200 + i * 60, String(v)] as [number, string])}],
  warnings: [],
}

describe('query view', () => {
  test('a range result: points, min, max and the last value per series; the chart only on a terminal', () => {
    const opts = {color: false, now: new Date('2026-12-01T01:00:00Z')}
    const pipe = render(matrix, queryView({chart: true, width: 60}), 'table', {...opts, tty: false})
    expect(pipe).toMatch(/x\{job="a"\}\s+8\s+60\s+5\s+15\s+2026-12-01T00:59:00.000Z/)
    expect(pipe).not.toContain('╭')
    const tty = render(matrix, queryView({chart: true, width: 60}), 'table', {...opts, tty: true})
    expect(tty).toContain('╭')
    expect(render(matrix, queryView({chart: false, width: 60}), 'table', {...opts, tty: true})).not.toContain('╭')
  })

  test('series names as Prometheus prints them', () => {
    expect(seriesName({__name__: 'up', job: 'b', instance: 'a'})).toBe('up{instance="a", job="b"}')
    expect(seriesName({job: 'x'})).toBe('{job="x"}')
    expect(seriesName({})).toBe('{}')
    // The same text as promql's formatLabels over the label set, which it shortcuts.
    for (const m of <Array<Record<string, string>>>[{__name__: 'up'}, {__name__: 'up', a: ''}, {b: '2', a: 'x"y\\z', __name__: 'm'}, {'Z': '1', a: '2', _: '\n', é: 'ü'}, {__name__: '', x: '1'}]) {
      expect(seriesName(m)).toBe(formatLabels(labelsFrom(m)))
    }
  })

  test('the default step gives about 240 points, rounded to a readable step', () => {
    expect(defaultStep(6 * 3600)).toBe(120)
    expect(defaultStep(60)).toBe(1)
    expect(defaultStep(30 * 86400)).toBe(21600)
  })
})

describe('sameExpr (rules status --compare)', () => {
  test.each([
    ['rate(x[5m])', 'rate(x[300s])'],
    ['sum by(job)(up)', 'sum by (job) (up)'],
    ['up{b="1",a="2"}', 'up{a="2",b="1"}'],
    ['up == 0', 'up==0'],
    ['0.05', '5e-2'],
  ])('%s is %s', (a, b) => expect(sameExpr(a, b)).toBe(true))
  test.each([
    ['rate(x[5m])', 'rate(x[10m])'],
    ['sum by (job) (up)', 'sum by (instance) (up)'],
    ['(up)', 'up'],
    ['up{', 'up{a="1"}'],
  ])('%s is not %s', (a, b) => expect(sameExpr(a, b)).toBe(false))
})
