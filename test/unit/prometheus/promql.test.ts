import {describe, expect, it} from 'vitest'
import {checkPromQL, parsePromQL, type PromVersion} from '../../../src/promql/syntax/check.js'

const VALID = 'valid' as const
type Expected = typeof VALID | [from: number, to: number, message: string]

// [expr, version, expected]: expected is 'valid' or the single issue [from, to, message].
// The 2.42 verdicts were checked against promtool 2.42 (see test/oracle/promql-promtool.test.ts).
const CASES: Array<[string, PromVersion, Expected]> = [
  ["rate(foo[5m]", '2.42', [12, 12, "unclosed left parenthesis"]],
  ["foo{a=\"b\"", '2.42', [9, 9, "unexpected end of input inside braces"]],
  ["1 +", '2.42', [3, 3, "unexpected end of input"]],
  ["rate(foo)", '2.42', [5, 8, "expected type range vector in call to function \"rate\", got instant vector"]],
  ["ratee(foo[5m])", '2.42', [0, 5, "unknown function with name \"ratee\""]],
  ["foo offset", '2.42', [10, 10, "unexpected end of input in offset, expected duration"]],
  ["topk(foo, bar)", '2.42', [5, 8, "expected type scalar in aggregation parameter, got instant vector"]],
  ["foo and 1", '2.42', [0, 9, "set operator \"and\" not allowed in binary scalar expression"]],
  ["limitk(2, foo)", '2.42', [0, 6, "unknown function with name \"limitk\""]],
  ["sort_by_label(foo, \"a\")", '2.42', [0, 13, "unknown function with name \"sort_by_label\""]],
  ["{\"foo.bar\"}", '2.42', [1, 10, "quoted label name \"foo.bar\" is not supported by Prometheus 2.42"]],
  ["foo[5m*2]", '2.42', [4, 8, "duration expression \"5m*2\" is not supported by Prometheus 2.42"]],
  ["foo{a=~\"(.*\"}", '2.42', [4, 12, "error parsing regexp: missing closing ): `^(?:(.*)$`"]],
  ["foo{a!~\"a(?=b)\"}", '2.42', [4, 15, "error parsing regexp: invalid or unsupported Perl syntax: `(?=`"]],
  ["foo{a=~\"\\\\1\"}", '2.42', [4, 12, "error parsing regexp: invalid escape sequence: `\\1`"]],
  ["label_replace(up,\"h\",\"$1\",\"instance\",\"(.*\")", '2.42', VALID],
  ["histogram_quantile(0.9, rate(x[5m]))", '2.42', VALID],
  ["sum by (a) (foo) + on(b) bar", '2.42', VALID],
  ["holt_winters(foo[5m], 0.5, 0.5)", '2.42', VALID],
  ["double_exponential_smoothing(foo[5m], 0.5, 0.5)", '2.42', [0, 28, "unknown function with name \"double_exponential_smoothing\""]],
  ["foo[5]", '2.42', [4, 5, "missing unit character in duration"]],
  ["foo[0s]", '2.42', [4, 6, "duration must be greater than 0"]],
  ["1 + 5m", '2.42', [4, 6, "unexpected duration \"5m\""]],
  ["foo @ 1 @ 2", '2.42', [0, 11, "@ <timestamp> may not be set multiple times"]],
  ["foo offset 5m offset 1m", '2.42', [0, 23, "offset may not be set multiple times"]],
  ["sum(foo) offset 5m", '2.42', [0, 18, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"]],
  ["foo offset -5m @ start()", '2.42', VALID],
  ["foo @ start() [5m]", '2.42', VALID],
  ["foo @ 100 [5m]", '2.42', [10, 14, "no @ modifiers allowed before range"]],
  ["a + b offset 5m", '2.42', VALID],
  ["(foo)[5m]", '2.42', [5, 9, "ranges only allowed for vector selectors"]],
  ["foo[5m][5m:1m]", '2.42', [0, 14, "subquery is only allowed on instant vector, got matrix instead"]],
  ["-foo[5m]", '2.42', [0, 4, "unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\""]],
  ["1 == 2", '2.42', [2, 4, "comparisons between scalars must use BOOL modifier"]],
  ["1 == bool 2", '2.42', VALID],
  ["foo + bool bar", '2.42', [4, 5, "bool modifier can only be used on comparison operators"]],
  ["1 + on(a) foo", '2.42', [0, 13, "vector matching only allowed between instant vectors"]],
  ["1 + on() foo", '2.42', VALID],
  ["foo and on(a) group_left bar", '2.42', [0, 28, "no grouping allowed for \"and\" operation"]],
  ["foo + on(a) group_left(a) bar", '2.42', [4, 5, "label \"a\" must not occur in ON and GROUP clause at once"]],
  ["{}", '2.42', [0, 2, "vector selector must contain at least one non-empty matcher"]],
  ["{a=~\".*\"}", '2.42', [0, 9, "vector selector must contain at least one non-empty matcher"]],
  ["foo{__name__=\"bar\"}", '2.42', [0, 19, "metric name must not be set twice: \"foo\" or \"bar\""]],
  ["\"a\\qb\"", '2.42', [0, 6, "unknown escape sequence U+0071 'q'"]],
  ["foo{a=\"x", '2.42', [6, 8, "unterminated quoted string"]],
  ["1_000", '2.42', [0, 5, "bad number or duration syntax: \"1\""]],
  ["0X1F", '2.42', VALID],
  ["5.", '2.42', VALID],
  ["sum(foo, bar)", '2.42', [0, 13, "wrong number of arguments for aggregate expression provided, expected 1, got 2"]],
  ["count_values(5, foo)", '2.42', [13, 14, "expected type string in aggregation parameter, got scalar"]],
  ["round(foo, 1, 2)", '2.42', [0, 16, "expected at most 2 argument(s) in call to \"round\", got 3"]],
  ["atan2", '2.42', [0, 5, 'unexpected operator "atan2"']],
  ["offset", '2.42', VALID],
  ["rate(offset[5m])", '2.42', VALID],
  ["foo{a=~\"(?<n>x)\"}", '2.42', [4, 16, "error parsing regexp: invalid or unsupported Perl syntax: `(?<`"]],
  ["foo @ 1e20", '2.42', [0, 10, "timestamp out of bounds for @ modifier: 100000000000000000000.000000"]],
  ["foo offset +5m", '2.42', [11, 14, "unexpected \"+\" in offset, expected duration"]],
  ["foo[5m] anchored", '2.42', [8, 16, "modifier \"anchored\" is not supported by Prometheus 2.42"]],
  ["foo </ 2", '2.42', [4, 6, "operator \"</\" is not supported by Prometheus 2.42"]],
  ["foo + fill(0) bar", '2.42', [6, 13, "fill modifier is not supported by Prometheus 2.42"]],
  ["sum by (\"a\") (foo)", '2.42', [8, 11, "quoted label name \"a\" is not supported by Prometheus 2.42"]],
  ["foo{a=~\"\\xff\"}", '2.42', [4, 13, "error parsing regexp: invalid UTF-8"]],
  ["limitk(2, foo)", '3', VALID],
  ["sort_by_label(foo, \"a\")", '3', VALID],
  ["{\"foo.bar\"}", '3', VALID],
  ["foo{\"a.b\"=\"c\"}", '3', VALID],
  ["foo[5m*2]", '3', VALID],
  ["foo[5]", '3', VALID],
  ["1 + 5m", '3', VALID],
  ["holt_winters(foo[5m], 0.5, 0.5)", '3', [0, 12, "unknown function with name \"holt_winters\""]],
  ["double_exponential_smoothing(foo[5m], 0.5, 0.5)", '3', VALID],
  ["foo{a=~\"(?<n>x)\"}", '3', VALID],
  ["rate(foo[5m] anchored)", '3', VALID],
  ["foo + fill(0) bar", '3', VALID],
  ["mad_over_time(foo[5m])", '3', VALID],
  ["info(foo)", '3', VALID],
  ["rate(foo)", '3', [5, 8, "expected type range vector in call to function \"rate\", got instant vector"]],
  ["foo{a=~\"(.*\"}", '3', [4, 12, "error parsing regexp: missing closing ): `^(?:(.*)$`"]],
  ["atan2", '3', [0, 5, 'unexpected operator "atan2"']],
  ["1_000", '3', VALID],
  ["foo @ 1 @ 2", '3', [0, 11, "@ <timestamp> may not be set multiple times"]],
]

describe('checkPromQL', () => {
  it.each(CASES)('%s (%s)', (expr, version, expected) => {
    // When the expression is checked for that Prometheus version
    const issues = checkPromQL(expr, {version})
    // Then it is valid, or has exactly the expected error at the expected span
    if (expected === VALID) {
      expect(issues).toEqual([])
    } else {
      const [from, to, message] = expected
      expect(issues).toEqual([{from, to, message, severity: 'error'}])
    }
  })

  it('defaults to Prometheus 3', () => {
    expect(checkPromQL('limitk(2, foo)')).toEqual([])
    expect(checkPromQL('limitk(2, foo)', {version: '2.42'})).toHaveLength(1)
  })

  it('rejects an empty expression', () => {
    expect(checkPromQL('  # just a comment')).toEqual([
      {from: 0, to: 18, message: 'no expression found in input', severity: 'error'},
    ])
  })

  it('reports offsets in UTF-16 code units', () => {
    // Given a non-BMP character before the faulty matcher
    const expr = 'foo{a="😀", b=~"(x"}'
    const [issue] = checkPromQL(expr)
    // Then the span covers exactly the matcher b=~"(x"
    expect(issue && expr.slice(issue.from, issue.to)).toBe('b=~"(x"')
  })

  it('reports every broken matcher once, in source order', () => {
    const issues = checkPromQL('foo{a=~"(x"} + bar{b=~"y)"}', {version: '2.42'})
    expect(issues.map((i) => i.message)).toEqual([
      'error parsing regexp: missing closing ): `^(?:(x)$`',
      'error parsing regexp: unexpected ): `^(?:y))$`',
    ])
  })

  it('ties offset and @ to the nearest operand, as Prometheus does', () => {
    // lezer parses `a + b offset 5m` as `(a + b) offset 5m`; Prometheus as `a + (b offset 5m)`
    expect(checkPromQL('a + b offset 5m @ 10', {version: '2.42'})).toEqual([])
    expect(checkPromQL('a + sum(b) offset 5m', {version: '2.42'})[0]?.message).toMatch(/^offset modifier must be preceded/)
  })

  it('checks a chain lezer would cut short operand by operand: 1,000 additions pass, as in promtool 2.42', () => {
    expect(checkPromQL(Array(1000).fill('a').join(' + '), {version: '2.42'})).toEqual([])
  })

  it.each([
    ['foo\u0000', "unexpected character: '\\x00'"],
    ['foo ; 1', "unexpected character: ';'"],
    ['foo{a="b" \u0001}', "unexpected character inside braces: '\\x01'"],
  ])('quotes stray characters as Go does: %j', (expr, message) => {
    expect(checkPromQL(expr).map((i) => i.message)).toEqual([message])
  })

  it('accepts multi-line expressions with comments', () => {
    expect(checkPromQL('sum by (job) ( # per job\n  rate(http_requests_total[5m])\n)', {version: '2.42'})).toEqual([])
  })
})

describe('parsePromQL', () => {
  it('returns the lezer tree of the expression', () => {
    const tree = parsePromQL('sum(rate(foo[5m]))')
    expect(tree.topNode.firstChild?.name).toBe('AggregateExpr')
    expect(tree.length).toBe(18)
  })
})
