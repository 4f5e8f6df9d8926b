// Prometheus template expansion against what promtool 2.42 printed for the same templates
// (prom-template-expected.json, recorded by test/oracle/template-expand-promtool.test.ts with RECORD=1).
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {expandRuleTemplate} from '../../../src/gotemplate/prom-expand.js'
import {FIXED_TEMPLATES, VALUE_TEMPLATES, VALUES} from './prom-template-cases.js'
import {EXTERNAL_LABELS, expectedKey, FIXED_LABELS, seriesValue} from './prom-template-fixture.js'

const EXPECTED = JSON.parse(readFileSync(new URL('./prom-template-expected.json', import.meta.url), 'utf8')) as Record<string, string>

describe('expandRuleTemplate equals promtool 2.42', () => {
  it('has an expectation for every case', () => {
    expect(Object.keys(EXPECTED).length).toBe(VALUE_TEMPLATES.length * VALUES.length + FIXED_TEMPLATES.length)
  })

  describe.each(VALUE_TEMPLATES.map((t) => [t]))('%s', (template) => {
    it.each(VALUES.map((v) => [v]))('$value = %s', (value) => {
      const got = expandRuleTemplate(template, {labels: {case: String(VALUES.indexOf(value))}, value: seriesValue(value), alertName: 'V', externalLabels: EXTERNAL_LABELS})
      expect(got).toBe(EXPECTED[expectedKey(template, value)])
    })
  })

  it.each(FIXED_TEMPLATES.map((t) => [t]))('%s', (template) => {
    const got = expandRuleTemplate(template, {labels: FIXED_LABELS, value: 42, alertName: 'F', externalLabels: EXTERNAL_LABELS})
    expect(got).toBe(EXPECTED[expectedKey(template)])
  })
})

describe('expandRuleTemplate extras', () => {
  it('runs query through the caller\'s function and sorts by label', () => {
    const query = (q: string) => (q === 'up' ? [{labels: {job: 'b'}, value: 1}, {labels: {job: 'a'}, value: 0}] : [])
    const text = '{{ range sortByLabel "job" (query "up") }}{{ .Labels.job }}={{ .Value }};{{ end }}{{ with query "up" }}{{ . | first | value }} {{ label "job" (first .) }}{{ end }}'
    expect(expandRuleTemplate(text, {labels: {}, value: 1, query})).toBe('a=0;b=1;1 b')
    expect(expandRuleTemplate('{{ query "none" | first }}', {labels: {}, value: 1, query, alertName: 'X'})).toBe(
      '<error expanding template: error executing template __alert_X: template: __alert_X:1:130: executing "__alert_X" at <first>: error calling first: first() called on vector with no elements>',
    )
  })

  it('gives externalURL and pathPrefix when an external URL is set', () => {
    expect(expandRuleTemplate('{{ externalURL }} {{ pathPrefix }} {{ $externalURL }}', {labels: {}, value: 0, externalURL: 'http://p:9090/prom'})).toBe(
      'http://p:9090/prom /prom http://p:9090/prom',
    )
  })

  it('reports a parse error as Prometheus does', () => {
    expect(expandRuleTemplate('{{ nope }}', {labels: {}, value: 0, alertName: 'A'})).toBe(
      '<error expanding template: error parsing template __alert_A: template: __alert_A:1: function "nope" not defined>',
    )
  })
})
