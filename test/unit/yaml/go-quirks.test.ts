// Go YAML quirks (src/yaml/go-quirks.ts): each quirk rejects what Go's YAML parsers reject, and its
// neighbour form that Go accepts stays accepted.
import {describe, expect, test} from 'vitest'
import {parseYaml} from '../../../src/yaml/document.js'
import {scanRuleYaml} from '../../../src/yaml/scan.js'

const codes = (text: string): string[] => parseYaml(text).errors.map((e) => e.code)
const first = (text: string) => parseYaml(text).errors[0]

describe('"?" inside a flow collection', () => {
  test('rejected in a plain value, accepted when quoted', () => {
    expect(first('a: [x?y]\n')).toMatchObject({code: 'GO_YAML_FLOW', line: 1, column: 6})
    expect(codes('a: ["x?y"]\n')).toEqual([])
  })
})

describe('":" starting a plain value inside a flow collection', () => {
  test('rejected in [...] and {...}', () => {
    expect(first('a: [:9090]\n')).toMatchObject({code: 'GO_YAML_FLOW', line: 1, column: 5})
    expect(first('a: {b: :c}\n')?.message).toMatch(/^did not find expected node content: .*quote the value/)
  })
  test('accepted when quoted, inside the value, or in block context', () => {
    expect(codes('a: [":9090", x:9090]\n')).toEqual([])
    expect(codes('a: :9090\n')).toEqual([])
  })
})

describe('%YAML directive', () => {
  test('any version but 1.1 is rejected on the directive line', () => {
    expect(first('# c\n%YAML 1.2\n---\na: 1\n')).toMatchObject({code: 'GO_YAML_DIRECTIVE', line: 2, column: 1})
    expect(first('%YAML 1.2\n---\na: 1\n')?.message).toMatch(/^found incompatible YAML document: .*remove the %YAML 1.2 line/)
  })
  test('%YAML 1.1 and no directive are accepted', () => {
    expect(codes('%YAML 1.1\n---\na: 1\n')).toEqual([])
    expect(codes('---\na: "%YAML 1.2"\n')).toEqual([])
  })
})

describe('anchor and alias names', () => {
  test('a character Go does not allow in the name is rejected where it stands', () => {
    expect(first('a: &x.y 1\n')).toMatchObject({code: 'GO_YAML_ANCHOR', line: 1, column: 6})
    expect(first('a: &x%y 1\n')?.message).toMatch(/^found character that cannot start any token: /)
    expect(first('a:\n  - *.example.com\n')).toMatchObject({code: 'GO_YAML_ANCHOR', line: 2, column: 6})
  })
  test('letters, digits, "-" and "_" are accepted, and so is a quoted value', () => {
    expect(codes('a: &x-y_1 1\nb: *x-y_1\n')).toEqual([])
    expect(codes('a:\n  - "*.example.com"\n')).toEqual([])
  })
})

describe('alias to an unknown anchor', () => {
  test('rejected when no anchor or only a later one defines it', () => {
    expect(first('a: *x\n')).toMatchObject({code: 'GO_YAML_ALIAS', line: 1, column: 4})
    expect(first('a: *x\nb: &x 1\n')?.message).toMatch(/^unknown anchor 'x' referenced: /)
  })
  test('accepted after its anchor', () => {
    expect(codes('b: &x 1\na: *x\n')).toEqual([])
  })
})

describe('tab after a block sequence dash', () => {
  test('rejected after "-", before a value or a comment', () => {
    expect(first('a:\n  - \tb\n')).toMatchObject({code: 'GO_YAML_TAB', line: 2, column: 5})
    expect(codes('a:\n  -\tb\n')).toEqual(['GO_YAML_TAB'])
    expect(codes('a:\n  - \t# c\n    b\n')).toEqual(['GO_YAML_TAB'])
  })
  test('accepted with spaces, after ":", and inside a block scalar', () => {
    expect(codes('a:\n  - b\nc: \td\n')).toEqual([])
    expect(codes('a: |\n  - \tb\n')).toEqual([])
  })
  test('the rule-file fast scanner leaves a tab after "-" to the full parser', () => {
    expect(scanRuleYaml('a:\n  - b\n  - \tc\n')).toBeUndefined()
    expect(scanRuleYaml('a:\n  - b\n  - c\n')).toBeDefined()
  })
})

describe('control characters', () => {
  test('rejected anywhere, even in quotes and comments', () => {
    expect(first('a: "x\x1by"\n')).toMatchObject({code: 'GO_YAML_CONTROL', line: 1, column: 6})
    expect(codes('# \x7f\na: 1\n')).toEqual(['GO_YAML_CONTROL'])
    expect(first('a: "\x80"\n')?.message).toMatch(/^control characters are not allowed: .*U\+0080/)
  })
  test('tab, NEL, no-break space and a BOM are accepted', () => {
    expect(codes('a: "x\ty\x85 \xa0 \ufeff"\n')).toEqual([])
  })
  test('the rule-file fast scanner leaves them to the full parser', () => {
    expect(scanRuleYaml('a: "x\x1by"\n')).toBeUndefined()
    expect(scanRuleYaml('a: "x\xa0y"\n')).toBeDefined()
  })
})
