// Differential test: checkNotificationTemplate must give the verdict and message that the real
// `amtool check-config` (Alertmanager 0.25, go1.19.8) gives for a notification template file.
import {execFile} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {checkNotificationTemplate} from '../../src/gotemplate/check.js'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'spock-gotemplate-amtool-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const CASES: readonly {file: string; text: string}[] = [
  {file: 'valid.tmpl', text: '{{ define "my.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ end }}\n'},
  {file: 'funcs.tmpl', text: '{{ define "f" }}{{ stringSlice "a" "b" | join ", " }} {{ title "x" }} {{ reReplaceAll "a" "b" "c" | safeHtml }}{{ if match "a" "b" }}{{ toLower "A" }}{{ end }}{{ end }}'},
  {file: 'uses-default.tmpl', text: '{{ define "mine" }}{{ template "slack.default.title" . }}{{ template "__subject" . }}{{ end }}'},
  {file: 'range.tmpl', text: '{{ define "r" }}{{ range $i, $a := .Alerts.Firing }}{{ if $i }}, {{ end }}{{ $a.Labels.instance }}{{ end }}{{ end }}'},
  {file: 'undefined-func.tmpl', text: '{{ define "x" }}{{ .Status | humanize }}{{ end }}'},
  {file: 'later-func.tmpl', text: '{{ define "x" }}{{ .Status | trimSpace }}{{ end }}'},
  {file: 'unclosed.tmpl', text: '{{ define "x" }}\n{{ .Status\n{{ end }}\n'},
  {file: 'unclosed-eof.tmpl', text: '{{ define "x" }}\n\n{{ .Status'},
  {file: 'started-at.tmpl', text: '{{ define "x" }}\n{{ .Status\n'},
  {file: 'bad-define.tmpl', text: '{{ define x }}y{{ end }}'},
  {file: 'define-no-end.tmpl', text: '{{ define "x" }}y\n'},
  {file: 'nested-define.tmpl', text: '{{ define "x" }}{{ define "y" }}{{ end }}{{ end }}'},
  {file: 'twice.tmpl', text: '{{ define "x" }}a{{ end }}\n{{ define "x" }}b{{ end }}'},
  {file: 'self.tmpl', text: '{{ define "self.tmpl" }}a{{ end }}body'},
  {file: 'undefined-var.tmpl', text: '{{ define "x" }}{{ $labels.job }}{{ end }}'},
  {file: 'break.tmpl', text: '{{ define "x" }}{{ break }}{{ end }}'},
  {file: 'comment.tmpl', text: '{{/* header */}}\n{{- define "x" -}} a {{- end -}}\n{{/* unclosed'},
]

/** Runs amtool check-config once over one config per case; returns its FAILED message per case (or null). */
async function amtoolVerdicts(): Promise<(string | null)[]> {
  const configs = CASES.map(({file, text}, i) => {
    const caseDir = join(dir, `c${i}`)
    mkdirSync(caseDir)
    writeFileSync(join(caseDir, file), text)
    const config = join(caseDir, 'alertmanager.yml')
    writeFileSync(config, `route:\n  receiver: r\nreceivers:\n- name: r\ntemplates:\n- ${JSON.stringify(join(caseDir, '*.tmpl'))}\n`)
    return config
  })
  let output: string
  try {
    const r = await run('amtool', ['check-config', ...configs], {env: {...process.env, HOME: dir}})
    output = r.stdout + r.stderr
  } catch (error) {
    const e = error as {code?: number; stdout?: string; stderr?: string}
    if (e.code !== 1) throw error
    output = `${e.stdout ?? ''}${e.stderr ?? ''}`
  }
  return configs.map((config) => {
    const section = output.split(`Checking '${config}'`)[1]?.split("Checking '")[0] ?? ''
    const failed = /^ {2}FAILED: (.*)$/m.exec(section)
    if (!failed && !/^ {2}SUCCESS$/m.test(section)) throw new Error(`no verdict for ${config} in:\n${output}`)
    return failed ? failed[1]! : null
  })
}

describe('notification templates: spock vs amtool 0.25', () => {
  it('gives the same verdict and message for every file', async () => {
    const theirs = await amtoolVerdicts()
    const rows = CASES.map((c, i) => ({
      file: c.file,
      amtool: theirs[i],
      spock: checkNotificationTemplate(join('/any/dir', c.file), c.text)?.message ?? null,
    }))
    expect(rows.filter((r) => r.amtool !== r.spock)).toEqual([])
    // Both verdicts are exercised.
    expect(rows.filter((r) => r.amtool === null).length).toBeGreaterThanOrEqual(4)
    expect(rows.filter((r) => r.amtool !== null).length).toBeGreaterThanOrEqual(8)
  })
})
