// A rule whose expr is a YAML alias gets its findings on its own line, not folded into the anchor's.
import {describe, expect, test} from 'vitest'
import {lintText} from '../../../src/lint/run.js'

const found = async (yaml: string, fast = true) =>
  (await lintText(yaml, 'f.yml', {version: '3', fast, disabled: new Set(['rule/label', 'alerts/annotation'])})).problems.map((p) => `${p.line}:${p.column} ${p.check} ${p.rule}`)

const ALIAS = `groups:
  - name: g
    rules:
      - alert: first
        expr: &e up
      - alert: second
        expr: *e
      - alert: third
        expr: up
`

describe('findings of an aliased expr', () => {
  test.each([true, false])('are reported on the alias line (fast scanner: %s)', async (fast) => {
    expect(await found(ALIAS, fast)).toEqual(['5:18 alerts/comparison first', '7:15 alerts/comparison second', '9:15 alerts/comparison third'])
  })

  test('an alias of a multi-line anchor: every finding inside it moves', async () => {
    const yaml = `groups:
  - name: g
    rules:
      - alert: first
        expr: &e |
          rate(x_total[5m])
          + rate(x_total[5m])
      - alert: second
        expr: *e
`
    const second = (await found(yaml, false)).filter((x) => x.endsWith(' second'))
    expect(second.length).toBeGreaterThan(0)
    expect(second.every((x) => x.startsWith('9:'))).toBe(true)
  })

  test('rules without aliases keep their positions', async () => {
    const yaml = `groups:
  - name: g
    rules:
      - alert: first
        expr: up
        for: 5m
      - alert: second
        expr: up > 1
`
    expect(await found(yaml)).toEqual(['5:15 alerts/comparison first'])
  })
})
