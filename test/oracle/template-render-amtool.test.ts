// `spock template render` against `amtool template render` (0.25): the same templates, files and data
// must give the same text, or the same error. Debian's amtool does not load Alertmanager's built-in
// templates by itself, so it is given the installed copies (/usr/share/prometheus/alertmanager/*.tmpl)
// first, which is what upstream Alertmanager embeds; spock has them built in.
import {execFile} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {loadAlertmanagerConfig} from '../../src/alertmanager/config/validate.js'
import {renderRequest} from '../../src/alertmanager/template/command.js'
import {TemplateRenderError} from '../../src/alertmanager/template/render.js'
import {mapConcurrent} from '../../src/concurrency.js'
import {ROOT, runCli} from '../support/run-cli.js'

const run = promisify(execFile)
const DIR = join(ROOT, 'test/fixtures/template-render')
const SYSTEM = '/usr/share/prometheus/alertmanager/*.tmpl'
const CONFIG = join(DIR, 'am.yml')

const TEMPLATES: readonly string[] = [
  '{{ template "slack.default.title" . }}',
  '{{ template "slack.default.fallback" . }}',
  '{{ template "slack.default.titlelink" . }}',
  '{{ template "slack.default.username" . }}',
  '{{ template "slack.default.text" . }}',
  '{{ template "pagerduty.default.description" . }}',
  '{{ template "pagerduty.default.clientURL" . }}',
  '{{ template "opsgenie.default.message" . }}',
  '{{ template "opsgenie.default.description" . }}',
  '{{ template "victorops.default.state_message" . }}',
  '{{ template "wechat.default.message" . }}',
  '{{ template "pushover.default.message" . }}',
  '{{ template "sns.default.message" . }}',
  '{{ template "telegram.default.message" . }}',
  '{{ template "discord.default.message" . }}',
  '{{ template "webex.default.message" . }}',
  '{{ template "email.default.subject" . }}',
  '{{ template "__text_alert_list" .Alerts.Resolved }}',
  '{{ template "my.title" . }}',
  '{{ template "my.text" . }}',
  '{{ template "my.list" . }}',
  '{{ range .Alerts }}{{ .StartsAt }}|{{ .EndsAt }}|{{ .StartsAt.Format "Mon Jan _2 15:04:05.000 2006" }};{{ end }}',
  '{{ .CommonLabels.SortedPairs }} {{ .CommonLabels.Names }} {{ .GroupLabels.Values }} {{ (.CommonLabels.Remove (stringSlice "severity")).Names }}',
  '{{ join ", " (stringSlice "a" "b" "c") }} {{ title "disk FULL on db-1" }} {{ toLower "ABC" }} {{ match "^Disk" .CommonAnnotations.summary }}',
  '{{ len .Alerts.Firing }}/{{ len .Alerts.Resolved }}/{{ len .Alerts }} {{ .Status }} {{ .Receiver }} {{ .ExternalURL }}',
  '{{ range $k, $v := .CommonLabels }}{{ $k }}={{ $v }} {{ end }}{{ .CommonLabels.nope }}|{{ index .CommonLabels "nope" }}',
  '{{ range .Alerts.Firing }}{{ .Fingerprint }} {{ .GeneratorURL | urlquery }} {{ .Labels.alertname | printf "%q" }}{{ end }}',
  '{{ with .Alerts }}{{ (index . 0).Status }}{{ end }} {{ safeHtml "<b>" }} {{ html "<b>" }}',
  '{{ .Foo }}',
  '{{ template "nope" . }}',
  '{{ .Alerts.Firing.x }}',
  '{{ join " " .Receiver }}',
  '{{ nofunc }}',
  '',
  '{{ .CommonLabels.alertname }} is {{ if eq .Status "firing" }}on fire{{ else }}calm{{ end }}',
]

/** Receiver fields of the corpus configs that hold template text (deduplicated). */
function corpusTemplates(): string[] {
  const out = new Set<string>()
  const root = '/work/shared/corpus/alertmanager'
  if (!existsSync(root)) return []
  const files = readFileSync(join(root, '..', 'amtool-verdicts.tsv'), 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0]!).filter((p) => p.startsWith('alertmanager/'))
  for (const f of files) {
    let text: string
    try {
      text = readFileSync(join(root, '..', f), 'utf8')
    } catch {
      continue
    }
    for (const m of text.matchAll(/^\s*[a-z_]+:\s*'([^'\n]*\{\{[^'\n]*)'\s*$/gm)) out.add(m[1]!)
  }
  return [...out].sort()
}

async function amtool(text: string): Promise<string> {
  const args = ['template', 'render', `--template.glob=${SYSTEM}`, `--template.glob=${DIR}/*.tmpl`, `--template.data=${DIR}/data.json`, `--template.text=${text}`]
  try {
    const r = await run('amtool', args)
    return r.stdout
  } catch (e) {
    return 'ERROR ' + ((e as {stderr: string}).stderr.replace(/^amtool: error: /, '').trimEnd())
  }
}

function spock(text: string): string {
  const config = loadAlertmanagerConfig(readFileSync(CONFIG, 'utf8'), CONFIG, {version: '0.25'})
  try {
    return renderRequest({text, config: {config, path: CONFIG}, dataFile: join(DIR, 'data.json')}).output
  } catch (e) {
    if (e instanceof TemplateRenderError) return 'ERROR ' + e.message
    throw e
  }
}

/** Seeded templates over Alertmanager's functions and data (many wrong in some way). */
function generated(count: number): string[] {
  let seed = 11
  const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!
  const operands = [
    '.Status', '.Receiver', '.CommonLabels', '.CommonLabels.alertname', '.GroupLabels.Names', '.CommonLabels.SortedPairs.Values',
    '.Alerts.Firing', '(index .Alerts 0).Labels', '"a b"', '"DiskFull on db-1"', '(stringSlice "x" "y")', '1', '2.5', 'nil', '.', '.ExternalURL',
    '(.CommonLabels.Remove .GroupLabels.Names)', '.CommonAnnotations.summary', '"^Disk"', '" "',
  ]
  const funcs = ['toUpper', 'toLower', 'title', 'join', 'match', 'safeHtml', 'reReplaceAll', 'stringSlice', 'len', 'index', 'printf', 'print', 'eq', 'urlquery', 'html']
  return Array.from({length: count}, () => {
    const call = `${pick(funcs)} ${Array.from({length: rnd(3)}, () => pick(operands)).join(' ')}`.trim()
    switch (rnd(4)) {
      case 0: return `{{ ${call} }}`
      case 1: return `{{ ${pick(operands)} | ${call} }}`
      case 2: return `{{ range ${pick(operands)} }}[{{ . }}]{{ end }}`
      default: return `{{ with ${pick(operands)} }}{{ ${call} }}{{ end }}`
    }
  })
}

describe.skipIf(!existsSync('/usr/share/prometheus/alertmanager/default.tmpl'))('template render agrees with amtool 0.25', () => {
  const all = [...TEMPLATES, ...corpusTemplates(), ...generated(60)]

  it('has at least 25 templates', () => {
    expect(all.length).toBeGreaterThanOrEqual(25)
  })

  it('renders every template as amtool does', async () => {
    const want = await mapConcurrent(all, 2, amtool)
    const diffs = all.flatMap((t, i) => {
      const mine = spock(t)
      return mine === want[i] ? [] : [`${JSON.stringify(t)}\n  amtool: ${JSON.stringify(want[i])}\n  spock:  ${JSON.stringify(mine)}`]
    })
    expect(diffs.join('\n')).toBe('')
  }, 120_000)

  it('the command prints the same with -o json, and fails with exit 2 on a template error', async () => {
    const text = '{{ template "slack.default.title" . }} {{ template "my.title" . }}'
    const r = await runCli(['template', 'render', '--config', CONFIG, '--data', join(DIR, 'data.json'), '--template', text, '-o', 'json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({output: await amtool(text)})
    const bad = await runCli(['template', 'render', '--config', CONFIG, '--template', '{{ .Foo }}'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('template: :1:3: executing "" at <.Foo>: can\'t evaluate field Foo in type template.Data')
  }, 60_000)
})
