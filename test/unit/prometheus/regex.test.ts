import {describe, expect, it} from 'vitest'
import {checkRe2, re2MatchesEmpty} from '../../../src/prometheus/regex.js'

// Messages are Go's regexp/syntax wording on the anchored pattern, as Prometheus 2.42 prints them.
const INVALID: Array<[string, string]> = [
  ['(.*', 'error parsing regexp: missing closing ): `^(?:(.*)$`'],
  ['a(?=b)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
  ['(?<!a)b', 'error parsing regexp: invalid or unsupported Perl syntax: `(?<`'],
  ['(a)\\1', 'error parsing regexp: invalid escape sequence: `\\1`'],
  ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
  ['x{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
  ['[z-a]', 'error parsing regexp: invalid character class range: `z-a`'],
  ['\\p{Foo}', 'error parsing regexp: invalid character class range: `\\p{Foo}`'],
  ['(?<name>x)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?<`'],
]

const VALID = ['.*', 'api|web', '(?i)idle', '(?P<n>x)', '[[:alpha:]]+', '\\pL', '\\Qa.b\\E', '\\(?<', '[(?<]', 'x*?', '']

describe('checkRe2', () => {
  it.each(INVALID)('rejects %s', (pattern, message) => {
    expect(checkRe2(pattern)).toBe(message)
  })

  it.each(VALID)('accepts %s', (pattern) => {
    expect(checkRe2(pattern)).toBeUndefined()
  })

  it('accepts (?<name>…) only when asked to (Go ≥ 1.22, Prometheus 3)', () => {
    expect(checkRe2('(?<name>x)', {allowAngleNamedGroups: true})).toBeUndefined()
    expect(checkRe2('(?<!x)', {allowAngleNamedGroups: true})).toMatch(/^error parsing regexp: invalid named capture/)
  })
})

describe('re2MatchesEmpty', () => {
  it.each([
    ['.*', true],
    ['a?', true],
    ['', true],
    ['.+', false],
    ['a|', true],
    ['(.*', false],
  ] as const)('%s → %s', (pattern, expected) => {
    expect(re2MatchesEmpty(pattern)).toBe(expected)
  })
})
