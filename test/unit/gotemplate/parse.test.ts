// The Go text/template port must give promtool's verdict and message for every case.
import {describe, expect, it} from 'vitest'
import {checkAlertTemplate, checkNotificationTemplate} from '../../../src/gotemplate/check.js'
import {
  ALERTMANAGER_LATER_FUNC_ADDITIONS,
  ALERTMANAGER_TEMPLATE_FUNCS,
  GO_BUILTIN_FUNCS,
  PROMETHEUS_3_FUNC_ADDITIONS,
  PROMETHEUS_TEMPLATE_FUNCS,
} from '../../../src/gotemplate/funcs.js'
import {parseTemplate} from '../../../src/gotemplate/parser.js'
import {ALERT_TEMPLATE_CASES} from './cases.js'

describe('checkAlertTemplate (promtool 2.42 messages)', () => {
  it('has a large table with both verdicts', () => {
    expect(ALERT_TEMPLATE_CASES.length).toBeGreaterThanOrEqual(80)
    expect(ALERT_TEMPLATE_CASES.filter((c) => c.want === null).length).toBeGreaterThan(40)
    expect(ALERT_TEMPLATE_CASES.filter((c) => c.want !== null).length).toBeGreaterThan(40)
  })

  it.each(ALERT_TEMPLATE_CASES.map((c) => [JSON.stringify(c.text), c] as const))('%s', (_, c) => {
    // Given an annotation value of an alert named X, when promtool's parse is replayed,
    const got = checkAlertTemplate('X', c.text.replaceAll('__ALERT__', 'X'))
    // then the message is Go's, and the line is the one inside it.
    expect(got?.message ?? null).toBe(c.want)
    if (got) expect(`:${got.line}:`).toBe(/^template: [^:]*(:\d+:)/.exec(got.message)?.[1])
  })
})

describe('parseTemplate', () => {
  const funcs = PROMETHEUS_TEMPLATE_FUNCS

  it('lists defined and referenced template names', () => {
    const r = parseTemplate('{{define "a"}}x{{end}}{{template "b" .}}{{block "c" .}}y{{end}}{{template "a"}}', {name: 't', funcs})
    expect(r).toEqual({ok: true, info: {defined: ['a', 'c'], referenced: ['b', 'c', 'a']}})
  })

  it('accepts raw-string names', () => {
    const r = parseTemplate('{{define `a b`}}x{{end}}', {name: 't', funcs})
    expect(r.ok && r.info.defined).toEqual(['a b'])
  })

  it.each([
    ['[[ .Foo ]] {{ not an action', undefined],
    ['[[ foo ]]', 'template: t:1: function "foo" not defined'],
    ['[[- .Foo -]] [[/* c */]]', undefined],
    ['[[ .Foo ', 'template: t:1: unclosed action'],
  ])('custom delimiters [[ ]]: %s', (text, want) => {
    const r = parseTemplate(text, {name: 't', funcs, leftDelim: '[[', rightDelim: ']]'})
    expect(r.ok ? undefined : r.error.message).toBe(want)
  })

  it('checks functions against exactly the given set', () => {
    const r = parseTemplate('{{ humanize 1 }}', {name: 't', funcs: GO_BUILTIN_FUNCS})
    expect(r.ok ? '' : r.error.message).toBe('template: t:1: function "humanize" not defined')
    expect(parseTemplate('{{ printf "%d" 1 }}', {name: 't', funcs: GO_BUILTIN_FUNCS}).ok).toBe(true)
  })

  it('makes extra vars visible at top level only', () => {
    const opts = {name: 't', funcs, vars: ['$labels']}
    expect(parseTemplate('{{ $labels.job }}', opts).ok).toBe(true)
    const inDefine = parseTemplate('{{define "d"}}{{ $labels.job }}{{end}}', opts)
    expect(inDefine.ok ? '' : inDefine.error.message).toBe('template: t:1: undefined variable "$labels"')
  })

  it('reports the line of the token being read, as Go does', () => {
    const r = parseTemplate('a\nb\n{{ if . }}\n{{ nope }}', {name: 't', funcs})
    expect(r.ok ? undefined : r.error).toEqual({message: 'template: t:4: function "nope" not defined', line: 4})
  })

  it('handles astral-plane text and quoting', () => {
    const r = parseTemplate('😀\n{{ "😀" 😀 }}', {name: 't', funcs})
    expect(r.ok ? undefined : r.error.message).toBe("template: t:2: unrecognized character in action: U+1F600 '😀'")
  })
})

describe('checkNotificationTemplate (Alertmanager 0.25)', () => {
  it.each([
    ['{{ define "x" }}{{ .CommonLabels.alertname | toUpper }}{{ end }}', undefined],
    ['{{ define "x" }}{{ stringSlice "a" "b" | join ", " }}{{ title "a" }}{{ end }}', undefined],
    ['{{ define "x" }}{{ reReplaceAll "a" "b" . | safeHtml }}{{ if match "a" . }}{{ end }}{{ end }}', undefined],
    ['{{ define "x" }}{{ trimSpace . }}{{ end }}', 'template: a.tmpl:1: function "trimSpace" not defined'],
    ['{{ define "x" }}{{ humanize 1 }}{{ end }}', 'template: a.tmpl:1: function "humanize" not defined'],
    ['{{ define "x" }}\n{{ .Foo\n', 'template: a.tmpl:3: unclosed action started at a.tmpl:2'],
    ['{{ define "x" }}a{{ end }}{{ define "x" }}b{{ end }}', 'template: a.tmpl:1: template: multiple definition of template "x"'],
    ['{{ define "a.tmpl" }}a{{ end }}b', 'template: a.tmpl:1: template: multiple definition of template "a.tmpl"'],
    ['{{ define x }}{{ end }}', 'template: a.tmpl:1: unexpected "x" in define clause'],
  ])('%s', (text, want) => {
    expect(checkNotificationTemplate('/etc/alertmanager/templates/a.tmpl', text)?.message).toBe(want)
  })

  it('keeps later additions out of the 2.42 / 0.25 sets', () => {
    for (const f of PROMETHEUS_3_FUNC_ADDITIONS) expect(PROMETHEUS_TEMPLATE_FUNCS.has(f), f).toBe(false)
    for (const f of ALERTMANAGER_LATER_FUNC_ADDITIONS) expect(ALERTMANAGER_TEMPLATE_FUNCS.has(f), f).toBe(false)
    for (const f of GO_BUILTIN_FUNCS) expect(PROMETHEUS_TEMPLATE_FUNCS.has(f) && ALERTMANAGER_TEMPLATE_FUNCS.has(f), f).toBe(true)
  })

  it('knows the Alertmanager 0.25 function set', () => {
    expect([...ALERTMANAGER_TEMPLATE_FUNCS].filter((f) => !GO_BUILTIN_FUNCS.has(f)).sort()).toEqual(
      ['join', 'match', 'reReplaceAll', 'safeHtml', 'stringSlice', 'title', 'toLower', 'toUpper'],
    )
  })
})

describe('limits', () => {
  it('returns an error instead of crashing on absurd nesting', () => {
    const text = `{{ ${'('.repeat(20_000)}1${')'.repeat(20_000)} }}`
    const r = parseTemplate(text, {name: 't', funcs: GO_BUILTIN_FUNCS})
    expect(r).toEqual({ok: false, error: {message: 'template: t: nesting too deep for spock to check', line: 0}})
  })

  it('parses realistic nesting (200 levels) like Go', () => {
    const text = `${'{{ if 1 }}'.repeat(200)}${'{{ end }}'.repeat(200)}{{ ${'('.repeat(200)}1${')'.repeat(200)} }}`
    expect(parseTemplate(text, {name: 't', funcs: GO_BUILTIN_FUNCS}).ok).toBe(true)
  })
})
