// html mode of the executor (html/template's contextual escaping). The expected file is what Alertmanager 0.25
// put in an email's html part for test/fixtures/template-render/html/contexts.tmpl (captured from a real
// Alertmanager sending to the SMTP sink, as test/integration/template-receiver.test.ts does on every run).
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {templateData} from '../../../src/alertmanager/template/data.js'
import {alertmanagerFuncs} from '../../../src/gotemplate/am-funcs.js'
import {TemplateSet} from '../../../src/gotemplate/exec.js'
import {escapeHtmlText, HtmlContext} from '../../../src/gotemplate/html-escape.js'

const DIR = join(import.meta.dirname, '../../fixtures/template-render/html')
const LABELS = {alertname: 'A', X: 'db & "ops"', Y: "it's <b>", U: 'javascript:x()', H: '<b>bold</b> & <i>x</i>'}

function html(text: string, mode: {html?: boolean} = {html: true}): string {
  const set = new TemplateSet(alertmanagerFuncs('0.25')).option('missingkey=zero')
  set.parse('', text)
  return set.execute('', templateData({status: 'firing', alerts: [{status: 'firing', labels: LABELS}], commonLabels: LABELS}), undefined, mode)
}

describe('html/template escaping', () => {
  it('escapes every context of the fixture as Alertmanager 0.25 did', () => {
    const text = readFileSync(join(DIR, 'contexts.tmpl'), 'utf8')
    expect(html(text)).toBe(readFileSync(join(DIR, 'contexts.alertmanager-0.25.html'), 'utf8'))
  })

  it('leaves text mode alone and drops HTML comments only in html mode', () => {
    const t = '<!-- x {{ .CommonLabels.X }} -->{{ .CommonLabels.Y }}'
    expect(html(t, {})).toBe(`<!-- x db & "ops" -->it's <b>`)
    expect(html(t)).toBe('it&#39;s &lt;b&gt;')
  })

  it('escapes text as htmlEscaper does, NUL included', () => {
    expect(escapeHtmlText('a\0<>&"\'+')).toBe('a\uFFFD&lt;&gt;&amp;&#34;&#39;&#43;')
  })

  it('keeps its context across values: a value never closes a tag or an attribute', () => {
    const c = new HtmlContext()
    expect(c.text('<a title="')).toBe('<a title="')
    expect(c.value('"><script>')).toBe('&#34;&gt;&lt;script&gt;')
    expect(c.text('" href="')).toBe('" href="')
    expect(c.value('JavaScript:alert(1)')).toBe('#ZgotmplZ')
    expect(c.value('mailto:a@b')).toBe('mailto:a@b') // still at the start of the URL: filtered, and mailto is allowed
    expect(c.value('data:x')).toBe('#ZgotmplZ')
    expect(c.text('">')).toBe('">')
    expect(c.value('<i>')).toBe('&lt;i&gt;')
  })
})
