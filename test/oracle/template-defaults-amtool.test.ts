// Every built-in template of Alertmanager 0.25 (default.tmpl and email.tmpl, email.default.html included) must
// render byte for byte what `amtool template render` renders, on several alert groups: amtool's own sample
// data, no alerts, one firing alert, many alerts firing and resolved, long and awkward label values.
// Debian's amtool does not embed the built-ins, so it is given the installed copies (what upstream embeds).
import {execFile} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {amtoolDefaultData, dataFromJson, type DataInput} from '../../src/alertmanager/template/data.js'
import {notificationTemplates, renderTemplate} from '../../src/alertmanager/template/render.js'
import {mapConcurrent} from '../../src/concurrency.js'

const run = promisify(execFile)
const SYSTEM = '/usr/share/prometheus/alertmanager'
const dir = mkdtempSync(join(tmpdir(), 'spock-template-defaults-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

/** Templates that take a list of alerts rather than the whole group. */
const LIST_TEMPLATES = new Set(['__text_alert_list', 'pagerduty.default.instances'])

const alert = (status: string, i: number, labels: Record<string, string> = {}, annotations: Record<string, string> = {summary: `summary ${i}`}) => ({
  status, labels: {alertname: 'DiskFull', instance: `db${i}:9100`, ...labels}, annotations,
  startsAt: '2024-03-01T10:00:00Z', endsAt: status === 'resolved' ? '2024-03-01T11:00:00Z' : '0001-01-01T00:00:00Z',
  generatorURL: `http://prom.example/graph?g0.expr=up&i=${i}`, fingerprint: `f${i}`,
})

const group = (status: string, alerts: ReturnType<typeof alert>[], groupLabels: Record<string, string>, common: Record<string, string> = {alertname: 'DiskFull'}) => ({
  receiver: 'team-x', status, alerts, groupLabels, commonLabels: common, commonAnnotations: {}, externalURL: 'http://am.example.com:9093',
})

const LONG = 'x'.repeat(300)
const GROUPS: Record<string, unknown> = {
  none: group('resolved', [], {}),
  'one-firing': group('firing', [alert('firing', 1, {severity: 'page'})], {alertname: 'DiskFull'}, {alertname: 'DiskFull', instance: 'db1:9100', severity: 'page'}),
  'many-mixed': group('firing', [alert('firing', 1), alert('firing', 2, {}, {}), alert('resolved', 3), alert('resolved', 4)], {alertname: 'DiskFull', team: 'db'}),
  'all-resolved': group('resolved', [alert('resolved', 1), alert('resolved', 2)], {alertname: 'DiskFull'}),
  'no-group-labels': group('firing', [alert('firing', 1)], {}),
  awkward: group('firing', [alert('firing', 1, {long: LONG, html: '<script>alert("x")</script> & \'q\'', uni: 'Zürich ✓'}, {description: 'a\nb\tc', link: 'javascript:alert(1)'})],
    {alertname: 'DiskFull', long: LONG}, {alertname: 'DiskFull', long: LONG}),
}

function templateNames(): string[] {
  return [...notificationTemplates([]).trees.keys()].filter((n) => n !== 'default.tmpl' && n !== 'email.tmpl' && !n.startsWith('__spock')).sort()
}

/** One text rendering every built-in, each after a marker line naming it. */
function allTemplatesText(names: readonly string[]): string {
  return names.map((n) => `\n@@@ ${n}\n{{ template "${n}" ${LIST_TEMPLATES.has(n) ? '.Alerts' : '.'} }}`).join('')
}

async function amtool(text: string, dataFile?: string): Promise<string> {
  const args = ['template', 'render', `--template.glob=${SYSTEM}/*.tmpl`, `--template.text=${text}`]
  if (dataFile) args.push(`--template.data=${dataFile}`)
  return (await run('amtool', args, {maxBuffer: 64 * 1024 * 1024})).stdout
}

function split(out: string): Map<string, string> {
  const parts = out.split(/\n@@@ ([^\n]+)\n/)
  const m = new Map<string, string>()
  for (let i = 1; i < parts.length; i += 2) m.set(parts[i]!, parts[i + 1]!)
  return m
}

describe.skipIf(!existsSync(`${SYSTEM}/email.tmpl`))('built-in templates agree with amtool 0.25', () => {
  const names = templateNames()

  it('defines every name the installed default.tmpl and email.tmpl define', () => {
    const theirs = new Set<string>()
    for (const f of ['default.tmpl', 'email.tmpl']) for (const m of readFileSync(join(SYSTEM, f), 'utf8').matchAll(/define "([^"]+)"/g)) theirs.add(m[1]!)
    expect(names).toEqual([...theirs].sort())
    expect(names).toContain('email.default.html')
  })

  it('renders every built-in as amtool does on every group', async () => {
    const text = allTemplatesText(names)
    const cases: {name: string; file?: string; data: DataInput}[] = [{name: 'amtool-sample', data: amtoolDefaultData()}]
    for (const [name, g] of Object.entries(GROUPS)) {
      const file = join(dir, `${name}.json`)
      writeFileSync(file, JSON.stringify(g))
      cases.push({name, file, data: dataFromJson(JSON.stringify(g), file)})
    }
    const theirs = await mapConcurrent(cases, 2, (c) => amtool(text, c.file))
    const diffs: string[] = []
    let compared = 0
    cases.forEach((c, i) => {
      const want = split(theirs[i]!)
      const got = split(renderTemplate({text, files: [], data: c.data}))
      expect([...got.keys()]).toEqual(names)
      for (const n of names) {
        compared++
        if (got.get(n) !== want.get(n)) diffs.push(`${c.name} / ${n}\n  amtool: ${JSON.stringify(want.get(n))}\n  spock:  ${JSON.stringify(got.get(n))}`)
      }
    })
    expect(diffs.join('\n')).toBe('')
    expect(compared).toBe(names.length * cases.length)
    // the HTML mail is really exercised: firing and resolved sections, escaping-free text mode
    expect(split(theirs[3]!).get('email.default.html')).toContain('[2] Resolved')
  }, 60_000)
})
