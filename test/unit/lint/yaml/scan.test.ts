import {describe, expect, test} from 'vitest'
import {parseWithYamlPackage} from '../../../../src/yaml/from-yaml.js'
import type {YNode} from '../../../../src/yaml/nodes.js'
import {scanRuleYaml} from '../../../../src/yaml/scan.js'

// The comparable shape of a tree: kinds, positions, decoded values, styles.
function shape(node: YNode | undefined): unknown {
  if (!node) return undefined
  const at = `${node.line}:${node.column}`
  if (node.kind === 'scalar') return {at, value: node.value, style: node.style}
  if (node.kind === 'seq') return {at, seq: node.items.map(shape)}
  return {at, map: node.pairs.map((p) => [shape(p.key), shape(p.value)])}
}

const group = (rules: string) => `groups:\n- name: g\n  rules:\n${rules}`

// Inputs the fast scanner must accept, and decode exactly as the `yaml` package does.
const accepted: Array<[string, string]> = [
  ['empty file', ''],
  ['only comments', '# a\n\n  # b\n'],
  ['document start', '---\ngroups: []\n'],
  ['indented sequence', 'groups:\n  - name: a\n    rules: []\n'],
  ['plain, quoted and commented values', group('  - alert: A # c\n    expr: \'up == 0\'\n    for: "5m"\n    labels: {}\n')],
  ['quote escapes', group('  - alert: "A\\tB \\u00e9 \\"q\\" \\\\"\n    expr: \'it\'\'s\'\n')],
  ['literal block, kept indentation', group('  - record: r\n    expr: |\n      sum(\n        x\n      )\n\n  - alert: B\n    expr: up\n')],
  ['literal strip and trailing blank lines', group('  - record: r\n    expr: |-\n      a\n\n      b\n\n\n')],
  ['folded block', group('  - alert: A\n    expr: up\n    annotations:\n      d: >\n        one\n        two\n\n        three\n')],
  ['folded strip', group('  - alert: A\n    expr: up\n    annotations:\n      d: >-\n        one\n        two\n')],
  ['empty values', group('  - alert: A\n    expr:\n    labels:\n')],
  ['null forms', 'a: ~\nb: null\nc:\n'],
  ['sequence of scalars', 'a:\n- x\n- "y"\n-\n'],
  ['nested sequence entry on next line', 'a:\n-\n  b: c\n'],
  ['multi-line double-quoted', 'a: "one\n  two\n\n  three"\n'],
  ['multi-line single-quoted', "a: 'one\n  two'\nb: c\n"],
  ['colons inside plain values', 'a: http://x:9090/y\nb: a:b\n'],
  ['unicode', 'a: "é ✓"\nb: ünïcode\n'],
  ['quoted keys', '"a": 1\n\'b c\': 2\n'],
  ['multi-line plain scalar', 'a: one\n  two\n\n   three\nb: x\n'],
  ['multi-line plain in a sequence', 'a:\n- one\n  two\n- three\n'],
  ['continuation lines starting with indicators', 'a: one\n  {{ $x }} - y\n  - z\n  [w] *v\n'],
  ['flow mapping', 'a: {b: c}\n'],
  ['flow sequence', 'a: [b]\n'],
  ['nested flow collections', 'a: {b: [c, "d e", \'f\'], g: {h: i}, j: [], k: {}} # c\nl: [[x], [y, [z]]]\n'],
  ['flow in a block sequence', 'a:\n- [b, c]\n- {d: e}\n'],
  ['matchers in flow', 'm: [\'service="svc-0"\', \'env=~"prod|staging"\', team="t0"]\n'],
  ['deep block nesting', Array.from({length: 80}, (_, i) => `${' '.repeat(2 * i)}k${i}:`).join('\n') + ' v\n'],
  ['multi-line plain expr', group('  - alert: A\n    expr: sum(rate(x[5m]))\n      by (job) > 1\n    for: 5m\n')],
]

describe('scanRuleYaml agrees with the yaml package', () => {
  test.each(accepted)('%s', (_name, text) => {
    // Given a file in the rule-file subset, when both parsers read it
    const fast = scanRuleYaml(text)
    const slow = parseWithYamlPackage(text)
    // Then the fast scanner accepts it and builds the same tree
    expect(fast).toBeDefined()
    expect(slow.errors).toEqual([])
    expect(shape(fast!.root)).toEqual(shape(slow.root))
  })
})

// Inputs outside the subset (or broken): the scanner must hand over to the full parser.
const refused: Array<[string, string]> = [
  ['tab indentation', 'groups:\n\t- name: g\n'],
  ['duplicate key', 'a: 1\na: 2\n'],
  ['anchor and alias', 'a: &x 1\nb: *x\n'],
  ['tag', 'a: !!str 1\n'],
  ['flow sequence on two lines', 'a: [b,\n  c]\n'],
  ['trailing comma in a flow sequence', 'a: [b, c,]\n'],
  ['empty flow entry', 'a: [b, , c]\n'],
  ['colon in a plain flow value', 'a: [b:c]\n'],
  ['question mark in a plain flow value', 'a: [b?c]\n'],
  ['alias in a flow sequence', 'a: &x 1\nb: [*x]\n'],
  ['duplicate key in a flow mapping', 'a: {b: 1, b: 2}\n'],
  ['empty value in a flow mapping', 'a: {b: , c: 1}\n'],
  ['comment ends a plain scalar', 'a: one # c\n  two\n'],
  ['mapping indicator in a continuation line', 'a: one\n  two: three\n'],
  ['two documents', 'a: 1\n---\nb: 2\n'],
  ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
  ['mapping value in plain scalar', 'a: b: c\n'],
  ['template braces at value start', 'a: {{ $value }}\n'],
  ['sequence after value', 'a: b\n- c\n'],
  ['unclosed quote', 'a: "b\n'],
  ['merge key', 'a:\n  <<: {}\n'],
  ['CRLF', 'a: 1\r\n'],
  ['backtick', 'a: `x`\n'],
  ['keep chomping', 'a: |+\n  x\n\n'],
]

describe('scanRuleYaml refuses what it does not handle', () => {
  test.each(refused)('%s', (_name, text) => {
    expect(scanRuleYaml(text)).toBeUndefined()
  })
})

describe('scanRuleYaml on generated rule files', () => {
  test('accepts every clean generated file, with the same tree as the yaml package', async () => {
    const {generateRuleFile} = await import('../../../support/generate-rules.js')
    for (let seed = 1; seed <= 20; seed++) {
      const {text} = generateRuleFile({seed, rules: 30})
      const fast = scanRuleYaml(text)
      expect(fast, `seed ${seed}`).toBeDefined()
      expect(shape(fast!.root)).toEqual(shape(parseWithYamlPackage(text).root))
    }
  })
  test('with faults: whatever it accepts, it reads as the yaml package does', async () => {
    const {generateRuleFile} = await import('../../../support/generate-rules.js')
    let refused = 0
    for (let seed = 1; seed <= 60; seed++) {
      const {text} = generateRuleFile({seed, rules: 8, faults: 2})
      const fast = scanRuleYaml(text)
      if (!fast) {
        refused++
        continue
      }
      const slow = parseWithYamlPackage(text)
      expect(slow.errors, `seed ${seed}`).toEqual([])
      expect(shape(fast.root)).toEqual(shape(slow.root))
    }
    expect(refused).toBeGreaterThan(0) // YAML faults (tabs, repeated keys, indentation) go to the full parser
  })
})
