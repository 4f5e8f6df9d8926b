import {describe, expect, test} from 'vitest'
import {promqlImpossible} from '../../../../src/lint/checks/promql-impossible.js'
import {findings} from './promql-support.js'
import {lintText} from '../../../../src/lint/run.js'

const at = async (expr: string) => (await findings(promqlImpossible, expr)).map((f) => f.split(' ')[0])

describe('promql/impossible', () => {
  test('good: matchers that can hold together, comparisons that can be true', async () => {
    expect(await findings(promqlImpossible, 'up{job="a", job=~"a|b", instance!="x"} == 0')).toEqual([])
    expect(await findings(promqlImpossible, 'count(up) > 1 and absent(x) == 1 and vector(3) > 2')).toEqual([])
    expect(await findings(promqlImpossible, 'count(up) > bool 5')).toEqual([])
  })

  test('contradictory matchers, at the second matcher', async () => {
    expect(await findings(promqlImpossible, 'up{job="a", job="b"} == 0')).toEqual([
      '5:23 warning selector can never match: job="a" and job="b" contradict (the label cannot equal both "a" and "b")',
    ])
    expect(await at('up{job="a", job!="a"}')).toEqual(['5:23'])
    expect(await at('up{job="api", job=~"web.*"}')).toEqual(['5:25'])
    expect(await at('up{job="api", job!~"a.*"}')).toEqual(['5:25'])
  })

  test('comparisons that can never be true, at the operator', async () => {
    expect(await findings(promqlImpossible, 'vector(1) > 2')).toEqual(['5:21 warning comparison can never be true: the left side is always 1'])
    expect(await at('absent(x) > 1')).toEqual(['5:21'])
    expect(await at('count(up) == 0')).toEqual(['5:21'])
    expect(await at('0 > count(up)')).toEqual(['5:13'])
    expect(await at('clamp_max(x, 5) > 10')).toEqual(['5:27'])
  })

  test('inside a multi-line block scalar, the finding points at the right line and column', async () => {
    const yaml = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: |\n      sum(rate(x_total[5m]))\n        / on() group_left\n      count(up{job="a", job="b"}) > 0\n'
    const report = await lintText(yaml, 'f.yml', {checks: [promqlImpossible]})
    expect(report.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['8:25'])
  })
})

