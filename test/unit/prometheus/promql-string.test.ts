import {describe, expect, it} from 'vitest'
import {goRuneName, unquotePromString} from '../../../src/promql/syntax/string.js'

describe('unquotePromString', () => {
  it.each([
    ['"abc"', 'abc'],
    ["'a\\'b'", "a'b"],
    ['"a\\"b"', 'a"b'],
    ['`a\\qb`', 'a\\qb'],
    ['"\\x41\\101\\u00e9\\U0001F600"', 'AAé😀'],
    ['"\\a\\b\\f\\n\\r\\t\\v\\\\"', '\x07\b\f\n\r\t\v\\'],
  ])('%s → %j', (raw, value) => {
    expect(unquotePromString(raw)).toEqual({value})
  })

  it.each([
    ['"a\\qb"', "unknown escape sequence U+0071 'q'"],
    ['"a\\\'b"', "unknown escape sequence U+0027 '''"],
    ['"abc', 'unterminated quoted string'],
    ['"a\nb"', 'unterminated quoted string'],
    ['`abc', 'unterminated raw string'],
    ['"\\400"', 'escape sequence is an invalid Unicode code point'],
    ['"\\uD800"', 'escape sequence is an invalid Unicode code point'],
    ['"\\x4g"', "illegal character U+0067 'g' in escape sequence"],
    ['"\\x4"', 'escape sequence not terminated'],
  ])('%s is an error: %s', (raw, error) => {
    expect(unquotePromString(raw).error).toBe(error)
  })

  it('flags \\x bytes that are not UTF-8, as Go strings are bytes', () => {
    expect(unquotePromString('"\\xff"').invalidUtf8).toBe(true)
    expect(unquotePromString('"\\xc3\\xa9"')).toEqual({value: 'é'})
  })
})

describe('goRuneName', () => {
  it('formats like Go %#U', () => {
    expect(goRuneName('q')).toBe("U+0071 'q'")
    expect(goRuneName('\n')).toBe('U+000A')
  })
})
