import {describe, expect, test} from 'vitest'
import {withReceiver} from '../../../src/scaffold/init.js'

describe('withReceiver', () => {
  test('replaces everything after the marker with the indented receiver', () => {
    const am = 'route:\n  receiver: default\nreceivers:\n  - name: w\n  # spock:receiver here\n  - name: default\n'
    expect(withReceiver(am, '- name: default\n  webhook_configs:\n    - url: http://x/\n')).toBe(
      'route:\n  receiver: default\nreceivers:\n  - name: w\n  # spock:receiver here\n  - name: default\n    webhook_configs:\n      - url: http://x/\n',
    )
  })
  test('a template without the marker is an error', () => {
    expect(() => withReceiver('receivers: []\n', '- name: x\n')).toThrowError(/has no "# spock:receiver" line/)
  })
})
