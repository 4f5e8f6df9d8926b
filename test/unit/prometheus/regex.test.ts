import {describe, expect, it, test} from 'vitest'
import {anchored, compileRe2, checkRe2, goRegexp, linearInJs, re2MatchesEmpty} from '../../../src/model/regex.js'

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

describe('Go 1.19 quirks shared by PromQL, alertmanager.yml and silence matchers', () => {
  // promtool 2.42 and amtool 0.25 accept a group name used twice (checked by hand with both);
  // re2js alone rejects it.
  test('a duplicated (?P<name>) group is valid', () => {
    expect(checkRe2('(?P<x>a)|(?P<x>b)')).toBeUndefined()
    expect(compileRe2(anchored('(?P<x>a)|(?P<x>b)')).matches('b')).toBe(true)
  })
  test('(?<name>) is Go 1.22+ only', () => {
    expect(checkRe2('(?<x>a)')).toBe('error parsing regexp: invalid or unsupported Perl syntax: `(?<`')
    expect(checkRe2('(?<x>a)', {allowAngleNamedGroups: true})).toBeUndefined()
    expect(checkRe2('\\(?<x>a')).toBeUndefined()
  })
})

describe('goRegexp: trivial patterns run as JS RegExps with the meaning re2js gives them', () => {
  const patterns = ['', 'api', 'api|web', '5..', '.+', '.*', 'prod-.*', 'a?b+c*', 'x|', '|', 'a.b|c-d:e/f', 'a,b @c=d', '.']
  const inputs = ['', 'api', 'web', 'apiweb', '500', '5\n0', '5\r0', '5\u20280', 'prod-eu', 'prod-', 'abbb', 'bc', 'x', 'a\nb', 'a-b', 'c-d:e/f', 'a,b @c=d', 'üx', 'ü\n', '😀', '\n', 'a.b']
  test('matches (whole input) and test (any part), anchored and not, agree with re2js on every pair', () => {
    const wrong: string[] = []
    for (const p of patterns) {
      for (const anchor of [true, false]) {
        const js = goRegexp(p, anchor)
        // the JS path is taken exactly for the shapes it runs in linear time
        expect(js.constructor.name === 'RE2JS', p).toBe(!linearInJs(p, anchor))
        const re2 = compileRe2(anchor ? anchored(p) : p)
        const preAnchored = goRegexp(anchored(p), anchor) // as alertmanager.yml's match_re arrives
        expect(preAnchored.constructor.name === 'RE2JS', p).toBe(!linearInJs(p, true))
        for (const s of inputs) {
          if (preAnchored.matches(s) !== re2.matches(s) || preAnchored.test(s) !== compileRe2(anchored(p)).test(s)) wrong.push(`pre-anchored ${JSON.stringify(p)} on ${JSON.stringify(s)}`)
          if (js.matches(s) !== re2.matches(s) || js.test(s) !== re2.test(s)) wrong.push(`${JSON.stringify(p)} anchor=${anchor} on ${JSON.stringify(s)}`)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  test('only shapes that cannot backtrack take the JS path', () => {
    for (const p of ['api', 'api|web', '5..', 'prod-.*', '.*-eu', '.+', 'a|b.*|.+c']) expect(linearInJs(p, true), p).toBe(true)
    for (const p of ['.*a.*b', 'a?b+c*', '.*.*', 'x|.*a.*']) expect(linearInJs(p, true), p).toBe(false)
    expect(linearInJs('api|web', false)).toBe(true)
    expect(linearInJs('.*x', false)).toBe(false) // unanchored, JS retries from every start: quadratic
  })

  test('a pattern that makes a backtracking engine hang answers at once (14 .* then z)', () => {
    const re = goRegexp('.*'.repeat(14) + 'z', true)
    const started = Date.now()
    expect(re.matches('a'.repeat(40))).toBe(false)
    expect(re.matches('a'.repeat(40) + 'z')).toBe(true)
    expect(goRegexp(anchored('.*'.repeat(14) + 'z'), true).matches('a'.repeat(40))).toBe(false)
    expect(Date.now() - started).toBeLessThan(20_000) // hung (for hours) before
  })

  test('anything else goes to re2js (and keeps Go errors)', () => {
    expect(goRegexp('(a|b)', true).constructor.name).toBe('RE2JS')
    expect(() => goRegexp('(', true)).toThrow(/error parsing regexp: missing closing \)/)
  })
})
