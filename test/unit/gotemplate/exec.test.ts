// The executor's own behaviour: options, bounds, scopes (Go 1.19 text/template semantics).
import {describe, expect, it} from 'vitest'
import {executeTemplate, TemplateExecError} from '../../../src/gotemplate/exec.js'
import {goFunc} from '../../../src/gotemplate/signature.js'

const run = (t: string, data: unknown = {}, opts = {}): string => executeTemplate(t, data, opts)
const fail = (t: string, data: unknown = {}, opts = {}): string => {
  try {
    run(t, data, opts)
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateExecError)
    return (e as Error).message
  }
  throw new Error('expected an error')
}

describe('executeTemplate', () => {
  it('prints <no value> for missing keys by default and honours missingkey', () => {
    expect(run('{{ .a }}|{{ .m.x }}', {m: {y: 'z'}})).toBe('<no value>|<no value>')
    expect(run('{{ .m.x }}', {m: {y: 'z'}}, {option: 'missingkey=zero'})).toBe('')
    expect(fail('{{ .m.x }}', {m: {y: 'z'}}, {option: 'missingkey=error'})).toBe(
      'template: template:1:5: executing "template" at <.m.x>: map has no entry for key "x"',
    )
  })

  it('ranges over maps in key order, slices with indexes, and supports break/continue and else', () => {
    expect(run('{{ range $k, $v := . }}{{ $k }}{{ $v }}{{ end }}', {b: 2n, a: 1n, c: 3n})).toBe('a1b2c3')
    expect(run('{{ range $i, $e := . }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ if eq $e "d" }}{{ break }}{{ end }}{{ $e }}{{ end }}', ['a', 'b', 'c', 'd', 'e'])).toBe('ac')
    expect(run('{{ range . }}x{{ else }}empty{{ end }}', [])).toBe('empty')
    expect(fail('{{ range . }}{{ end }}', 3n)).toBe('template: template:1:9: executing "template" at <.>: range can\'t iterate over 3')
  })

  it('calls methods on data and user functions with Go argument checks', () => {
    const data = {Alerts: Object.assign(['a', 'b'], {Firing: () => ['a']})}
    expect(run('{{ len .Alerts.Firing }} {{ len .Alerts }}', data)).toBe('1 2')
    const funcs = {twice: goFunc(['string'], (s: string) => s + s)}
    expect(run('{{ twice "ab" }}', {}, {funcs})).toBe('abab')
    expect(fail('{{ twice 3 }}', {}, {funcs})).toBe('template: template:1:9: executing "template" at <3>: expected string; found 3')
    expect(fail('{{ twice }}', {}, {funcs})).toBe('template: template:1:3: executing "template" at <twice>: wrong number of args for twice: want 1 got 0')
  })

  it('uses other named templates and stops runaway recursion', () => {
    expect(run('{{ template "t" . }}', 'x', {templates: {'a.tmpl': '{{ define "t" }}<{{ . }}>{{ end }}'}})).toBe('<x>')
    expect(fail('{{ define "r" }}{{ template "r" }}{{ end }}{{ template "r" }}', {}, {maxDepth: 50})).toBe(
      'template: template:1:28: executing "r" at <{{template "r"}}>: exceeded maximum template depth (50)',
    )
    expect(fail('{{ define "r" }}{{ template "r" }}{{ end }}{{ template "r" }}')).toMatch(/exceeded maximum template depth \(100000\)$/)
    expect(fail('{{ range $ }}{{ range $ }}{{ range $ }}{{ end }}{{ end }}{{ end }}', Array(300).fill(1), {maxSteps: 10000})).toMatch(/exceeded 10000 steps/)
  })

  it('keeps variable scopes as Go does', () => {
    expect(run('{{ $x := 1 }}{{ with 2 }}{{ $x := . }}{{ $x }}{{ end }}{{ $x }}{{ with 3 }}{{ $x = . }}{{ end }}{{ $x }}')).toBe('213')
    expect(run('{{ define "t" }}{{ $ }}{{ end }}{{ template "t" 5 }}', 1n)).toBe('5')
  })

  it('distinguishes int and float64 as Go does', () => {
    expect(run('{{ printf "%d %v %T %T" 3 3.0 3 . }}', 2.5)).toBe('3 3 int float64')
    expect(fail('{{ lt . 3 }}', 2.5)).toMatch(/error calling lt: incompatible types for comparison$/)
    expect(run('{{ lt .f 3.0 }} {{ eq .n 1 }}', {n: 1n, f: 2.5})).toBe('true true')
  })
})
