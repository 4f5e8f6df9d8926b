// Quoted values continued at their key's indentation: indent, re-parse, map offsets back.
import {describe, expect, test} from 'vitest'
import {parseYaml} from '../../../src/yaml/document.js'
import {repairQuotedContinuations} from '../../../src/yaml/quoted-repair.js'

const AM = 'receivers:\n- name: r\n  slack_configs:\n  - text: "line one\n    line two"\n    title: \'it\'\'s\n    b\'\n    channel: "#x"\n'

describe('repairQuotedContinuations', () => {
  test('indents continuation lines deeper than the quote; offsets map back to the original', () => {
    const open = AM.indexOf('"line')
    const repair = repairQuotedContinuations(AM, [open + 3])!
    expect(repair.text).toContain(`"line one\n${' '.repeat(11)}line two"`) // one deeper than the quote's column
    const later = repair.text.indexOf('channel')
    expect(repair.toOriginal(later)).toBe(AM.indexOf('channel'))
    expect(repair.toOriginal(0)).toBe(0)
  })

  test('nothing to do for a value that never closes, or that a document marker ends', () => {
    expect(repairQuotedContinuations('a: "one\n two\n', [4])).toBeUndefined()
    expect(repairQuotedContinuations('a: "one\n---\n"\n', [4])).toBeUndefined()
  })

  test('an escaped line break in a double-quoted value is still a continuation line', () => {
    const text = 'x:\n  a: "one\\\n  two"\n'
    expect(repairQuotedContinuations(text, [text.indexOf('"')])?.text).toContain(`\n${' '.repeat(6)}two"`)
  })
})

describe('parseYaml with the repair', () => {
  test('values are the same as Go reads them, positions point into the original text', () => {
    const parsed = parseYaml(AM)
    expect(parsed.errors).toEqual([])
    const js = parsed.doc!.toJS() as {receivers: {slack_configs: Record<string, string>[]}[]}
    expect(js.receivers[0]!.slack_configs[0]).toEqual({text: 'line one line two', title: "it's b", channel: '#x'})
    const channel = (parsed.doc!.getIn(['receivers', 0, 'slack_configs', 0, 'channel'], true) as {range: [number, number, number]})
    expect(parsed.nodePosition(channel as never)).toMatchObject({line: 8, column: 14})
  })

  test('goQuirks: false (spock\'s own config) keeps plain YAML 1.2: the same text is an error', () => {
    expect(parseYaml(AM, {goQuirks: false}).errors.length).toBeGreaterThan(0)
  })
})
