// PromQL at sizes lezer cuts short: no false syntax errors, definite errors still found, the rest said.
import {expect, test} from 'vitest'
import {checkPromQL} from '../../../src/promql/syntax/check.js'
import {lexPromQL} from '../../../src/promql/syntax/lex.js'

const check = (e: string) => checkPromQL(e, {version: '2.42'}).map((i) => `${i.severity}: ${i.message}`)
const sum = (n: number) => Array(n).fill('up{a="b"}').join(' + ')

test('3000 unary minuses are valid (promtool accepts), and keep their type check', {timeout: 60_000}, () => {
  expect(check('- '.repeat(3000) + '1')).toEqual([])
  expect(check('1 - - - 2')).toEqual([])
  expect(check('- '.repeat(3000) + '"x"')).toEqual(['error: unary expression only allowed on expressions of type scalar or instant vector, got "string"'])
})

test('a run of unary signs is one sign to lezer, same length', () => {
  const {normalized} = lexPromQL('1 - - + -2', '2.42')
  expect(normalized).toBe('1 - -    2')
})

test('nesting lezer cuts short is a warning, not a false error', {timeout: 60_000}, () => {
  expect(check('abs('.repeat(1500) + 'up' + ')'.repeat(1500))).toEqual([expect.stringMatching(/^warning: .*not validated/)])
  expect(check('abs('.repeat(600) + 'up' + ')'.repeat(600))).toEqual([])
})

test('a huge expression: an unclosed bracket or trailing operator is still an error', {timeout: 60_000}, () => {
  expect(check(sum(20_000))).toEqual([]) // a long chain is checked operand by operand, as promtool accepts it
  expect(check(sum(20_000) + ' +')).toEqual(['error: unexpected end of input'])
  expect(check('(' + sum(20_000))).toEqual(['error: unclosed left parenthesis'])
})
