// Alertmanager's template data model and functions, without amtool (the oracle test compares with it).
import {describe, expect, it} from 'vitest'
import {casesTitle} from '../../../src/gotemplate/am-funcs.js'
import {dataFromJson, kv, parseGoTime, syntheticData} from '../../../src/alertmanager/template/data.js'
import {renderTemplate} from '../../../src/alertmanager/template/render.js'

const render = (text: string, labels: Record<string, string> = {alertname: 'DiskFull', severity: 'page'}): string =>
  renderTemplate({text, files: [], data: syntheticData(labels, {receiver: 'team-x', now: Date.UTC(2024, 0, 2, 3, 4, 5)})})

describe('Alertmanager templates', () => {
  it('titles words as cases.Title (amtool 0.25 output)', () => {
    expect(casesTitle("hello wORLD foo_bar x-y don't 1st place a.b.c ÉCOLE ß élan O'NEIL mcDonald x1y x_y 3d foo.bar e-mail it’s AB12cd")).toBe(
      "Hello World Foo_bar X-Y Don't 1St Place A.b.c École Ss Élan O'neil Mcdonald X1y X_y 3D Foo.bar E-Mail It’s Ab12cd",
    )
  })

  it('gives KV its methods, alertname first', () => {
    const m = kv({b: '2', alertname: 'X', a: '1'})
    const sorted = (m as unknown as {SortedPairs(): {Name: string}[]}).SortedPairs()
    expect(sorted.map((p) => p.Name)).toEqual(['alertname', 'a', 'b'])
    expect(render('{{ .CommonLabels.Names }} {{ (.CommonLabels.Remove (stringSlice "severity")).Values }} {{ .CommonLabels.SortedPairs }}')).toBe(
      '[alertname severity] [DiskFull] [{alertname DiskFull} {severity page}]',
    )
  })

  it('renders the built-in subject and Firing/Resolved for a synthetic alert', () => {
    expect(render('{{ template "slack.default.title" . }}|{{ template "slack.default.titlelink" . }}|{{ len .Alerts.Firing }}{{ len .Alerts.Resolved }}')).toBe(
      '[FIRING:1] DiskFull page |http://localhost:9093/#/alerts?receiver=team-x|10',
    )
    expect(render('{{ (index .Alerts 0).StartsAt }}')).toBe('2024-01-02 03:04:05 +0000 UTC')
  })

  it('parses JSON data as Go does (times with zones, the zero time, case-insensitive keys)', () => {
    expect(parseGoTime('0001-01-01T00:00:00Z').String()).toBe('0001-01-01 00:00:00 +0000 UTC')
    expect(parseGoTime('2024-03-01T09:00:00.25+09:00').String()).toBe('2024-03-01 09:00:00.25 +0900 +0900')
    const d = dataFromJson('{"Receiver":"r","STATUS":"resolved","alerts":[{"status":"resolved","labels":{"a":"b"}}]}', 'x.json')
    expect(d.receiver).toBe('r')
    expect(d.status).toBe('resolved')
    expect(renderTemplate({text: '{{ .Status }} {{ len .Alerts.Resolved }} {{ (index .Alerts 0).EndsAt }}', files: [], data: d})).toBe(
      'resolved 1 0001-01-01 00:00:00 +0000 UTC',
    )
  })

  it('reports errors with Go\'s text, and ships email.default.html', () => {
    expect(() => render('{{ .Nope }}')).toThrow('template: :1:3: executing "" at <.Nope>: can\'t evaluate field Nope in type template.Data')
    expect(render('{{ template "email.default.html" . }}')).toContain('1 alert for \n                alertname=DiskFull\n')
    expect(render('')).toBe('')
  })
})
