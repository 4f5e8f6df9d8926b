// promql/syntax hints say only what the brackets before the error show, and messages never carry the
// parser's internal token names (`<op:=>`, `<aggr:sum>`).
import {describe, expect, test} from 'vitest'
import {lintText} from '../../../../src/lint/run.js'

async function syntaxProblem(expr: string): Promise<{message: string; hint?: string}> {
  const text = `groups:\n- name: g\n  rules:\n  - record: r\n    expr: '${expr}'\n`
  const report = await lintText(text, 'r.yml', {version: '2.42'})
  const p = report.problems.find((x) => x.check === 'promql/syntax')
  if (!p) throw new Error(`no promql/syntax problem for ${expr}`)
  return {message: p.message, hint: p.hint}
}

describe('promql/syntax hints', () => {
  test('a range left open before ")" asks for the "]", as promtool names it', async () => {
    const p = await syntaxProblem('rate(errors_total[5m) > 1')
    expect(p.message).toBe('PromQL: unexpected ")" in subquery or range, expected ":" or "]"')
    expect(p.hint).toMatch(/close it with "\]" before "\)"/)
    expect(p.hint).not.toMatch(/extra/)
  })

  test.each([
    ['up)', /"\)" closes nothing: remove it, or add the "\(" it belongs to/],
    ['up]', /"\]" closes nothing/],
    ['(up]', /the bracket open here is "\(": close it with "\)" before "\]"/],
    ['abs(up}', /the bracket open here is "\(": close it with "\)" before "}"/],
    ['sum(up,)', /remove the "," before "\)"/],
  ])('%s', async (expr, hint) => {
    expect((await syntaxProblem(expr)).hint).toMatch(hint)
  })

  test.each(['up == = 1', 'sum by (a) sum(x)', 'foo and', 'atan2', 'sum(x) unless or y'])('no internal token names: %s', async (expr) => {
    const p = await syntaxProblem(expr)
    expect(p.message).not.toMatch(/<[a-z]+(:[^>]*)?>/)
    expect(p.hint ?? '').not.toMatch(/<[a-z]+(:[^>]*)?>/)
  })
})
