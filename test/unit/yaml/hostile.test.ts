// Hostile YAML at the parser layer: Go's verdicts (no "\/" escape, tabs at line starts, CR-only line ends,
// excessive aliasing, max depth, invalid UTF-8) and bounded work (no alias expansion, no deep recursion).
import {describe, expect, test} from 'vitest'
import {aliasProblem, aliasTargets, allowedAliasRatio} from '../../../src/yaml/aliases.js'
import {parseYaml} from '../../../src/yaml/document.js'
import {MAX_FULL_PARSE, normalizeBreaks, tooDeep} from '../../../src/yaml/limits.js'
import {decodeYamlBytes, InvalidUtf8Error} from '../../../src/yaml/utf8.js'
import {parseRuleYaml} from '../../../src/lint/parse.js'
import {parseWithYamlPackage} from '../../../src/yaml/from-yaml.js'
import {scanRuleYaml} from '../../../src/yaml/scan.js'
import {aliasBomb, deepNesting, manyAliases, mergeBomb} from '../../support/hostile-yaml.js'

const codes = (text: string) => parseYaml(text).errors.map((e) => `${e.line}:${e.column} ${e.code}`)
const RULES = 'groups:\n  - name: g\n    rules:\n      - record: a\n        expr: b\n'

describe('escapes', () => {
  test('"\\/" is not an escape for Go', () => {
    expect(codes('a: "x\\/y"\n')).toEqual(['1:6 GO_YAML_ESCAPE'])
    expect(codes('"k\\/": v\n')).toEqual(['1:3 GO_YAML_ESCAPE'])
  })
  test('"\\\\/" (an escaped backslash, then /) and single quotes are fine', () => {
    expect(codes('a: "x\\\\/y"\nb: \'x\\/y\'\nc: x\\/y\n')).toEqual([])
  })
  test('the fast rule scanner leaves "\\/" to the full parser', () => {
    expect(scanRuleYaml(RULES.replace('expr: b', 'expr: "b\\/c"'))).toBeUndefined()
    expect(scanRuleYaml(RULES.replace('expr: b', 'expr: "b\\\\c"'))).toBeDefined()
  })
})

describe('tabs at the start of a line', () => {
  test('a line holding only a tab between a key and its block', () => {
    expect(codes('groups:\n\t\n  - name: g\n')).toEqual(['2:1 GO_YAML_TAB'])
    expect(codes('groups:\n  \t\n  - name: g\n')).toEqual(['2:3 GO_YAML_TAB'])
    expect(codes('a: 1\n\t# comment\nb: 2\n')).toEqual(['2:1 GO_YAML_TAB'])
  })
  test('allowed inside [...], quoted values, block scalars and after a value', () => {
    expect(codes('a: [\n\t\n  1]\n')).toEqual([])
    expect(codes('a: "x\n\t\n  y"\n')).toEqual([])
    expect(codes('a: |\n  x\n  \ty\n')).toEqual([])
    expect(codes('a: 1\t\nb: 2 # \t\n')).toEqual([])
  })
})

describe('CR-only line ends (old Mac files)', () => {
  test('read as line breaks, with the same offsets', () => {
    const text = 'a: 1\rb:\r  - x\r'
    expect(normalizeBreaks(text)).toBe('a: 1\nb:\n  - x\n')
    expect(normalizeBreaks('a\r\nb')).toBe('a\r\nb')
    const parsed = parseYaml(text)
    expect(parsed.errors).toEqual([])
    expect(parsed.doc?.toJS()).toEqual({a: 1, b: ['x']})
  })
  test('rule files: fast scanner and full parser', async () => {
    for (const fast of [true, false]) {
      const doc = await parseRuleYaml(RULES.replaceAll('\n', '\r'), {fast})
      expect(doc.errors).toEqual([])
      expect(doc.root?.kind).toBe('map')
    }
  })
})

describe('nesting', () => {
  test('100k levels: one problem, no stack overflow; Go\'s message past its own limit', () => {
    for (const shape of ['seq', 'map'] as const) {
      const parsed = parseYaml(deepNesting('rules', 100_000, shape))
      expect(parsed.errors).toHaveLength(1)
      expect(parsed.errors[0]).toMatchObject({line: 1, code: 'TOO_DEEP'})
      expect(parsed.errors[0]!.message).toMatch(/^exceeded max depth of 10000/)
    }
  })
  test('between spock\'s limit and Go\'s: still refused, with spock\'s message', () => {
    expect(tooDeep(deepNesting('rules', 1000, 'seq'))?.message).toMatch(/^nesting deeper than 400 levels/)
    expect(tooDeep(`a:\n${'- '.repeat(1000)}x\n`)?.code).toBe('TOO_DEEP')
  })
  test('brackets inside quotes and comments do not count', () => {
    const brackets = '['.repeat(500)
    expect(tooDeep(`a: "${brackets}"\nb: '${brackets}'\n# ${brackets}\n`)).toBeUndefined()
    expect(tooDeep(deepNesting('rules', 300, 'map'))).toBeUndefined()
  })
})

describe('aliases', () => {
  test('Go\'s allowed share of aliased nodes', () => {
    expect(allowedAliasRatio(1000)).toBe(0.99)
    expect(allowedAliasRatio(400_000)).toBe(0.99)
    expect(allowedAliasRatio(2_200_000)).toBeCloseTo(0.545)
    expect(allowedAliasRatio(4_000_000)).toBe(0.1)
  })
  test('alias and merge-key bombs: excessive aliasing, found at once, nothing expanded', () => {
    for (const text of [aliasBomb('rules'), mergeBomb('alertmanager'), aliasBomb('prometheus', 30, 30), mergeBomb('rules', 40, 40)]) {
      const parsed = parseYaml(text)
      expect(parsed.aliasing).toBe(true)
      expect(parsed.errors.map((e) => e.code)).toContain('GO_YAML_ALIASING')
      expect(parseWithYamlPackage(text).root).toBeUndefined() // not converted either
    }
  }, 30_000) // generous: before the fix each took minutes
  test('a small document may be mostly aliases (under 1000 nodes)', () => {
    const parsed = parseYaml(aliasBomb('rules', 2, 9))
    expect(parsed.aliasing).toBe(false)
  })
  test('an alias inside the node it names', () => {
    expect(codes('a: &x [1, *x]\n')).toEqual(['1:11 GO_YAML_ALIAS_CYCLE'])
  })
  test('3k aliases used once each: accepted, each resolved to the last anchor of its name before it', () => {
    const parsed = parseYaml(manyAliases('alertmanager', 3000))
    expect(parsed.errors).toEqual([])
    expect(parsed.aliasTargets.size).toBe(3000)
    const again = parseYaml('a: &x 1\nb: *x\nc: &x 2\nd: *x\n')
    expect(aliasProblem(again.doc!)).toBeUndefined()
    expect([...aliasTargets(again.doc!).values()].map((n) => String(n))).toEqual(['1', '2'])
  }, 30_000)
  test('an alias becomes the node its anchor became (shared, not copied)', () => {
    const doc = parseWithYamlPackage('a: &x {k: v}\nb: *x\nc: *x\n')
    const root = doc.root!
    expect(root.kind === 'map' && root.pairs[1]!.value === root.pairs[2]!.value).toBe(true)
  })
  test('merge keys still merge, explicit keys first', () => {
    const doc = parseWithYamlPackage('a: &x {k: 1, l: 2}\nb:\n  <<: [*x, *x]\n  k: 3\n')
    const b = doc.root!.kind === 'map' ? doc.root!.pairs[1]!.value : undefined
    expect(b?.kind === 'map' && b.pairs.map((p) => `${p.key.value}=${p.value.kind === 'scalar' ? p.value.value : ''}`)).toEqual(['k=3', 'l=2'])
  })
})

describe('size', () => {
  test('text past the full parser\'s limit is refused before parsing', () => {
    const text = `a: [${'1, '.repeat(MAX_FULL_PARSE / 3 + 10)}1]\n`
    const parsed = parseYaml(text)
    expect(parsed.doc).toBeUndefined()
    expect(parsed.errors).toMatchObject([{line: 1, column: 1, code: 'TOO_LARGE'}])
  })
})

describe('invalid UTF-8', () => {
  test('line and column of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('a: 1\nb: caf'), Buffer.from([0xe9]), Buffer.from('\n')])
    expect(() => decodeYamlBytes(bytes)).toThrow(InvalidUtf8Error)
    try {
      decodeYamlBytes(bytes)
    } catch (e) {
      expect(e).toMatchObject({line: 2, column: 7})
      expect((e as Error).message).toMatch(/not valid UTF-8 \(line 2, column 7\)/)
    }
  })
  test('overlong and surrogate encodings are invalid; valid text passes', () => {
    expect(() => decodeYamlBytes(Buffer.from([0x61, 0xc0, 0xaf]))).toThrow(InvalidUtf8Error)
    expect(() => decodeYamlBytes(Buffer.from([0xed, 0xa0, 0x80]))).toThrow(InvalidUtf8Error)
    expect(decodeYamlBytes(Buffer.from('a: café ✓\n'))).toBe('a: café ✓\n')
  })
})

describe('duplicate keys', () => {
  test('reported where the yaml package reported them: scalar keys equal by value', () => {
    expect(codes('a: 1\nb: 2\na: 3\n"a": 4\n? a\n: 5\n{x: 1}: 2\n1: x\n"1": y\n')).toEqual(['3:1 DUPLICATE_KEY', '4:1 DUPLICATE_KEY', '5:3 DUPLICATE_KEY'])
    expect(codes('a:\n  b: 1\n  b: 2\nc: [{d: 1, d: 2}]\n')).toEqual(['3:3 DUPLICATE_KEY', '4:12 DUPLICATE_KEY'])
  })
  test('a mapping of 40k keys: linear (every key was compared with every earlier one)', () => {
    const text = Array.from({length: 40_000}, (_, i) => `k${i}: v`).join('\n') + '\nk7: again\n'
    expect(codes(text)).toEqual(['40001:1 DUPLICATE_KEY'])
  }, 60_000) // generous: minutes before
})
