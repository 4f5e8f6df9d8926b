import {RE2JS} from 're2js'
import {describe, expect, test} from 'vitest'
import {applyRelabel, expand} from '../../../../src/prometheus/config/relabel-apply.js'

const labels = (o: Record<string, string>) => new Map(Object.entries(o))
const asObj = (m: Map<string, string> | undefined) => (m ? Object.fromEntries([...m].sort()) : undefined)

describe('expand: Go Regexp.ExpandString on a full match', () => {
  test.each([
    ['$1', '(.*):(\\d+)', 'h:80', 'h'],
    ['${2}x', '(.*):(\\d+)', 'h:80', '80x'],
    ['$2x', '(.*):(\\d+)', 'h:80', ''], // "$2x" names group "2x", which does not exist
    ['${host}-$$', '(?P<host>.*):\\d+', 'h:80', 'h-$'],
    ['$1', 'a.*', 'zzz', undefined],
  ])('%s with %s on %s', (template, re, input, expected) => {
    expect(expand(template, RE2JS.compile(`^(?:${re})$`), input)).toBe(expected)
  })
})

describe('applyRelabel', () => {
  test.each([
    ['replace with defaults copies the source', [{source_labels: ['a'], target_label: 'b'}], {a: 'x'}, {a: 'x', b: 'x'}],
    ['replace to an empty value deletes the target', [{source_labels: ['none'], target_label: 'a'}], {a: 'x'}, {}],
    ['replace skips when the regex does not match', [{source_labels: ['a'], regex: 'y', target_label: 'b'}], {a: 'x'}, {a: 'x'}],
    ['keep drops a non-matching target', [{action: 'keep', source_labels: ['a'], regex: 'y'}], {a: 'x'}, undefined],
    ['drop drops a matching target', [{action: 'drop', source_labels: ['a', 'b'], regex: 'x;y'}], {a: 'x', b: 'y'}, undefined],
    ['keepequal keeps equal labels', [{action: 'keepequal', source_labels: ['a'], target_label: 'b'}], {a: 'x', b: 'x'}, {a: 'x', b: 'x'}],
    ['dropequal drops equal labels', [{action: 'dropequal', source_labels: ['a'], target_label: 'b'}], {a: 'x', b: 'x'}, undefined],
    ['labelmap copies matching names', [{action: 'labelmap', regex: '__meta_(.+)'}], {__meta_zone: 'z'}, {__meta_zone: 'z', zone: 'z'}],
    ['labeldrop and labelkeep', [{action: 'labeldrop', regex: 'tmp.*'}, {action: 'labelkeep', regex: 'a|b'}], {a: '1', tmp1: '2', c: '3'}, {a: '1'}],
    ['lowercase and uppercase', [{action: 'lowercase', source_labels: ['a'], target_label: 'l'}, {action: 'uppercase', source_labels: ['a'], target_label: 'u'}], {a: 'Ab'}, {a: 'Ab', l: 'ab', u: 'AB'}],
  ])('%s', (_name, rules, input, expected) => {
    expect(asObj(applyRelabel(labels(input), rules))).toEqual(expected)
  })

  test('hashmod gives a value below the modulus, the same for the same input', () => {
    const run = () => applyRelabel(labels({a: 'host-1:9100'}), [{action: 'hashmod', source_labels: ['a'], target_label: 'h', modulus: 8}])?.get('h')
    const h = Number(run())
    expect(h).toBeGreaterThanOrEqual(0)
    expect(h).toBeLessThan(8)
    expect(run()).toBe(String(h))
  })
})
