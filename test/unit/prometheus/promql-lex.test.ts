import {describe, expect, it} from 'vitest'
import {goParseNumber, lexPromQL} from '../../../src/promql/syntax/lex.js'

describe('lexPromQL', () => {
  it.each([
    // [source, version, normalized for lezer]
    ['0X1F + 5.', '2.42', '0    + 0 '],
    ['holt_winters(x[5m], 0.5, 0.5)', '2.42', 'day_of_month(x[5m], 0.5, 0.5)'],
    ['holt_winters(x[5m], 0.5, 0.5)', '3', 'holt_winters(x[5m], 0.5, 0.5)'],
    ['holt_winters + 1', '2.42', 'holt_winters + 1'],
    ['offset + rate(offset[5m])', '3', '_ffset + rate(_ffset[5m])'],
    ['foo offset 5m', '3', 'foo offset 5m'],
    ['unless offset 5m', '3', 'unless offset 5m'],
    ['a and offset', '3', 'a and _ffset'],
    ['a + on(b) offset', '3', 'a + on(b) _ffset'],
    ['"0X1" # 5.\n1', '3', '"0X1" # 5.\n1'],
  ] as const)('%j (%s) → %j', (src, version, normalized) => {
    const lex = lexPromQL(src, version)
    expect(lex.normalized).toBe(normalized)
    expect(lex.normalized).toHaveLength(src.length)
  })

  it.each([
    ['1_000', '2.42', 'bad number or duration syntax: "1"'],
    ['1e', '2.42', 'error parsing number: strconv.ParseFloat: parsing "1e": invalid syntax'],
    ['0x', '2.42', 'error parsing number: strconv.ParseFloat: parsing "0x": invalid syntax'],
    ['5mx', '2.42', 'bad number or duration syntax: "5mx"'],
    ['1e400', '3', 'error parsing number: strconv.ParseFloat: parsing "1e400": value out of range'],
    ['0x8000000000000000', '3', 'error parsing number: strconv.ParseFloat: parsing "0x8000000000000000": invalid syntax'],
    ['foo\u00a0+ 1', '3', "unexpected character: '\\u00a0'"],
    ['foo\v+ 1', '2.42', "unexpected character: '\\v'"],
  ] as const)('%j (%s): %s', (src, version, message) => {
    expect(lexPromQL(src, version).issues.map((i) => i.message)).toEqual([message])
  })

  it('accepts 3.x digit separators only in version 3', () => {
    expect(lexPromQL('1_000', '3').issues).toEqual([])
  })

  it('tracks brackets left open at the end', () => {
    expect(lexPromQL('sum(rate(x{a="(", b=~"[', '3').open).toEqual(['(', '(', '{'])
  })
})

describe('goParseNumber', () => {
  it.each([
    ['0x1F', 31],
    ['0755', 493],
    ['08', 8],
    ['5.', 5],
    ['.5e1', 5],
    ['1e', undefined],
    ['07777777777777777777777', 7777777777777777777777],
    ['0x7FFFFFFFFFFFFFFF', 2 ** 63],
  ] as const)('%s → %s', (text, value) => {
    expect(goParseNumber(text)).toBe(value)
  })
})
