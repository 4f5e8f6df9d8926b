// `context use` changes the bytes of current-context's value and nothing else (README promises it).
import {describe, expect, test} from 'vitest'
import {setTopLevelKey} from '../../../src/yaml/plain.js'

const cases: Array<[string, string, string]> = [
  // [before, after] with current-context set to "b"
  ['# mine\ncurrent-context: a   # the one I use\ncontexts:\n  a: {prometheus: {url: "http://a:9090"}}\n  b:   {prometheus:   {url: http://b:9090}}\n', 'b',
    '# mine\ncurrent-context: b   # the one I use\ncontexts:\n  a: {prometheus: {url: "http://a:9090"}}\n  b:   {prometheus:   {url: http://b:9090}}\n'],
  ['contexts:\r\n  a: {}\r\n  b: {}\r\ncurrent-context: "a"\r\n', 'b', 'contexts:\r\n  a: {}\r\n  b: {}\r\ncurrent-context: b\r\n'],
  ["contexts:\n    a:\n        prometheus:\n            url: 'http://x'    # four spaces\n    b: {}\n", 'b',
    "current-context: b\ncontexts:\n    a:\n        prometheus:\n            url: 'http://x'    # four spaces\n    b: {}\n"],
  ['current-context:\ncontexts: {a: {}, b: {}}\n', 'b', 'current-context: b\ncontexts: {a: {}, b: {}}\n'],
  ['current-context: a\ncontexts: {a: {}, "yes": {}}\n', 'yes', 'current-context: "yes"\ncontexts: {a: {}, "yes": {}}\n'],
  ['current-context: a\ncontexts: {a: {}, "b c": {}}\n', 'b c', 'current-context: "b c"\ncontexts: {a: {}, "b c": {}}\n'],
  ['# only a comment\n\ncontexts:\n  b: {}\n', 'b', '# only a comment\n\ncurrent-context: b\ncontexts:\n  b: {}\n'],
]

describe('setTopLevelKey keeps every other byte', () => {
  test.each(cases)('%j', (before, name, after) => {
    expect(setTopLevelKey(before, 'current-context', name)).toBe(after)
  })
})
