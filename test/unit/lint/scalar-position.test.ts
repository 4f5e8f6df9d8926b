import {describe, expect, test} from 'vitest'
import {parseRuleYaml} from '../../../src/lint/parse.js'
import {positionInScalar} from '../../../src/yaml/scalar-position.js'
import type {YMap} from '../../../src/yaml/nodes.js'

// Given `v: <scalar>` and a character of its decoded value, where is that character in the file?
const cases: Array<[string, string, string]> = [
  ['plain', 'v: sum(rate(x))\n', 'x'],
  ['double-quoted', 'v: "a \\"b\\" x"\n', 'x'],
  ['single-quoted', "v: 'it''s x'\n", 'x'],
  ['unicode escape', 'v: "\\u00e9 x"\n', 'x'],
  ['literal block', 'v: |\n  sum(\n    x\n  )\n', 'x'],
  ['folded block', 'v: >\n  a b\n  c x\n', 'x'],
  ['multi-line plain (full parser)', 'v: a b\n  c x\n', 'x'],
  ['multi-line double-quoted', 'v: "a b\n  c x"\n', 'x'],
]

describe('positionInScalar', () => {
  test.each(cases)('%s', async (_name, text, char) => {
    const doc = await parseRuleYaml(text)
    const node = (doc.root as YMap).pairs[0]!.value
    if (node.kind !== 'scalar') throw new Error('expected a scalar')
    const at = positionInScalar(text, node, node.value.indexOf(char))
    expect(text.split('\n')[at.line - 1]![at.column - 1]).toBe(char)
  })

  test('offset 0 is the node itself', async () => {
    const doc = await parseRuleYaml('v: |\n  x\n')
    const node = (doc.root as YMap).pairs[0]!.value
    expect(positionInScalar('v: |\n  x\n', node, 0)).toEqual({line: 1, column: 4})
  })
})
