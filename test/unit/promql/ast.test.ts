import {describe, expect, it} from 'vitest'
import {PromQLParseError, parseExpr, typeOf, type Expr} from '../../../src/promql/ast.js'

const strip = (e: Expr): unknown => JSON.parse(JSON.stringify(e, (k, v) => (k === 're' ? undefined : v)))

describe('parseExpr', () => {
  it('builds a selector with matchers, offset and @', () => {
    expect(strip(parseExpr('foo{a="b", c=~"x.*"} offset 5m @ 100'))).toEqual({
      kind: 'vector',
      matchers: [
        {name: '__name__', type: '=', value: 'foo'},
        {name: 'a', type: '=', value: 'b'},
        {name: 'c', type: '=~', value: 'x.*'},
      ],
      offset: 300_000,
      at: 100_000,
    })
  })

  it('binds offset to the nearest operand, as Prometheus does (lezer binds it to the whole binary)', () => {
    const e = parseExpr('a + b offset 1m')
    expect(e.kind).toBe('binary')
    if (e.kind !== 'binary') return
    expect(e.lhs).toMatchObject({kind: 'vector', offset: 0})
    expect(e.rhs).toMatchObject({kind: 'vector', offset: 60_000})
  })

  it('puts offset and @ of a range on its selector', () => {
    expect(parseExpr('rate(x[5m] offset -1m @ end())')).toMatchObject({
      kind: 'call',
      func: 'rate',
      args: [{kind: 'matrix', range: 300_000, vector: {offset: -60_000, at: 'end'}}],
    })
  })

  it('reads subqueries with and without a step', () => {
    expect(parseExpr('x[10m:1m] @ start()')).toMatchObject({kind: 'subquery', range: 600_000, step: 60_000, at: 'start'})
    expect(parseExpr('max_over_time(x[10m:])')).toMatchObject({args: [{kind: 'subquery', step: 0}]})
  })

  it('reads vector matching and bool', () => {
    expect(parseExpr('a > bool on(x) group_left(y) b')).toMatchObject({
      kind: 'binary',
      op: '>',
      bool: true,
      matching: {card: 'many-to-one', on: true, labels: ['x'], include: ['y']},
    })
    expect(parseExpr('a and b')).toMatchObject({matching: {card: 'many-to-many'}})
  })

  it('reads aggregations with a parameter and grouping either side', () => {
    expect(strip(parseExpr('topk by (job) (3, x)'))).toMatchObject({kind: 'aggregate', op: 'topk', grouping: ['job'], without: false, param: {kind: 'number', value: 3}})
    expect(parseExpr('sum(x) without (a)')).toMatchObject({kind: 'aggregate', op: 'sum', grouping: ['a'], without: true})
  })

  it('reads holt_winters, which lezer does not know', () => {
    expect(parseExpr('holt_winters(x[5m], 0.5, 0.5)')).toMatchObject({kind: 'call', func: 'holt_winters'})
  })

  it('makes a sign looser than ^ (-1 ^ 2 is -1)', () => {
    expect(parseExpr('-1 ^ 2')).toMatchObject({kind: 'unary', op: '-', expr: {kind: 'binary', op: '^'}})
  })

  it('reads numbers and strings as Go does', () => {
    expect(parseExpr('0x1F')).toEqual({kind: 'number', value: 31})
    expect(parseExpr('-Inf')).toEqual({kind: 'number', value: -Infinity})
    expect(parseExpr('"a\\tb\\u00e9"')).toEqual({kind: 'string', value: 'a\tbé'})
    expect(parseExpr('`a\\n`')).toEqual({kind: 'string', value: 'a\\n'})
  })

  it('types expressions', () => {
    expect(typeOf(parseExpr('time()'))).toBe('scalar')
    expect(typeOf(parseExpr('x[5m]'))).toBe('matrix')
    expect(typeOf(parseExpr('1 + x'))).toBe('vector')
  })

  it('rejects what Prometheus rejects, with its message', () => {
    expect(() => parseExpr('foo{')).toThrow(PromQLParseError)
    expect(() => parseExpr('sum(x) offset 5m')).toThrow(/offset modifier must be preceded/)
    expect(() => parseExpr('1 > 2')).toThrow(/comparisons between scalars must use BOOL modifier/)
  })
})
