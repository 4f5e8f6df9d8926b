// template/syntax follows --prometheus-version: functions added in Prometheus 3 are errors only for 2.42.
import {describe, expect, test} from 'vitest'
import {PROMETHEUS_3_FUNC_ADDITIONS, PROMETHEUS_FUNCS_BY_VERSION} from '../../../src/gotemplate/funcs.js'
import {newCheckCache, type CheckCache} from '../../../src/lint/check.js'
import {lintText} from '../../../src/lint/run.js'
import type {PromVersion} from '../../../src/promql/syntax/check.js'

const rule = (annotation: string) =>
  `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    annotations:\n      summary: '${annotation}'\n`

const templateProblems = async (text: string, version: PromVersion, cache: CheckCache = newCheckCache()) =>
  (await lintText(rule(text), 'f.yml', {version}, cache)).problems.filter((p) => p.check === 'template/syntax').map((p) => p.message)

describe('template functions by Prometheus version', () => {
  test.each([
    ['{{ now }}'],
    ['{{ "1h" | toDuration }}'],
    ['{{ urlQueryEscape $labels.job }}'],
    ['{{ $labels.job }} since {{ now | humanizeTimestamp }}'],
  ])('%s: accepted by 3, rejected by 2.42', async (text) => {
    expect(await templateProblems(text, '3')).toEqual([])
    const old = await templateProblems(text, '2.42')
    expect(old).toHaveLength(1)
    expect(old[0]).toMatch(/function "(now|toDuration|urlQueryEscape)" not defined/)
  })

  test('one run with both versions keeps the verdicts apart (the cache is per version)', async () => {
    const cache = newCheckCache()
    for (const text of ['{{ now }}', 'x {{ now }} {{ toDuration "1h" }}']) {
      expect(await templateProblems(text, '3', cache)).toEqual([])
      expect(await templateProblems(text, '2.42', cache)).toHaveLength(1)
      expect(await templateProblems(text, '3', cache)).toEqual([])
    }
  })

  test('an unknown function is still an error under 3', async () => {
    expect(await templateProblems('{{ nowish }}', '3')).toEqual(['annotation "summary": template: __alert_A:1: function "nowish" not defined'])
  })

  test('the table: 3 = 2.42 + the additions', () => {
    for (const f of PROMETHEUS_3_FUNC_ADDITIONS) {
      expect(PROMETHEUS_FUNCS_BY_VERSION['3'].has(f), f).toBe(true)
      expect(PROMETHEUS_FUNCS_BY_VERSION['2.42'].has(f), f).toBe(false)
    }
    for (const f of PROMETHEUS_FUNCS_BY_VERSION['2.42']) expect(PROMETHEUS_FUNCS_BY_VERSION['3'].has(f), f).toBe(true)
  })
})
