// spock's alertmanager.yml verdicts against amtool 0.25 check-config: the stored verdicts for the whole
// corpus, and a live amtool run on every file (to catch a drifted verdict file).
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {checkAlertmanagerConfig, hasErrors} from '../../src/alertmanager/config/validate.js'
import {AM_CASES} from '../unit/alertmanager/config/am-cases.js'
import {mapConcurrent} from '../../src/concurrency.js'
import {CORPUS} from '../support/corpus.js'


interface Row {
  path: string
  exit: number
  message: string
  hint: string
}

function readRows(): Row[] {
  const hints = new Map<string, string>()
  for (const line of readFileSync(join(CORPUS, 'EXPECTATIONS.tsv'), 'utf8').trim().split('\n').slice(1)) {
    const cols = line.split('\t')
    hints.set(cols[0]!, cols[6] ?? '')
  }
  return readFileSync(join(CORPUS, 'amtool-verdicts.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => {
    const [path, exit, message] = line.split('\t')
    return {path: path!, exit: Number(exit), message: message ?? '', hint: hints.get(path!) ?? ''}
  })
}

function spockFails(path: string): {fails: boolean; errors: string[]} {
  const file = join(CORPUS, path)
  const {problems} = checkAlertmanagerConfig(readFileSync(file, 'utf8'), file, {version: '0.25'})
  return {fails: hasErrors(problems), errors: problems.filter((p) => p.severity === 'error').map((p) => `${p.line}:${p.column} ${p.message}`)}
}

function amtool(file: string): Promise<number> {
  return new Promise((resolve) => {
    execFile('amtool', ['check-config', file], {timeout: 20_000}, (err) => {
      resolve(err ? ((err as {code?: number}).code ?? 1) : 0)
    })
  })
}


const rows = readRows()

describe('config check vs amtool check-config 0.25', () => {
  test('the corpus is there', () => {
    expect(rows.length).toBeGreaterThan(100)
  })

  test('agrees with the stored verdict on every file without a version-skew hint', () => {
    // Given every corpus file amtool judged
    const disagreements = rows
      .filter((r) => r.hint === '')
      .map((r) => ({...r, spock: spockFails(r.path)}))
      .filter((r) => r.spock.fails !== (r.exit !== 0))
      .map((r) => `${r.path}: amtool exit ${r.exit} (${r.message}); spock: ${r.spock.errors.join(' | ') || 'no errors'}`)
    // Then spock fails exactly the files amtool fails
    expect(disagreements).toEqual([])
  })

  test('also agrees on the files with a version-skew hint (spock validates for 0.25 by default)', () => {
    const disagreements = rows.filter((r) => r.hint !== '').filter((r) => spockFails(r.path).fails !== (r.exit !== 0)).map((r) => r.path)
    expect(disagreements).toEqual([])
  })

  test('agrees with a live amtool run on every file', async () => {
    const live = await mapConcurrent(rows, 8, async (r) => ({path: r.path, exit: await amtool(join(CORPUS, r.path))}))
    const disagreements = live.filter((r) => spockFails(r.path).fails !== (r.exit !== 0)).map((r) => `${r.path}: amtool exit ${r.exit}`)
    expect(disagreements).toEqual([])
  })

  test('every failing file gets at least one positioned error', () => {
    const unpositioned = rows
      .filter((r) => r.exit !== 0)
      .filter((r) => {
        const file = join(CORPUS, r.path)
        const {problems} = checkAlertmanagerConfig(readFileSync(file, 'utf8'), file)
        return !problems.some((p) => p.severity === 'error' && p.line > 0)
      })
      .map((r) => r.path)
    expect(unpositioned).toEqual([])
  })
})

describe('config check vs amtool check-config 0.25 on small hand-written cases', () => {
  test('live amtool, the recorded verdict and spock agree on every case', async () => {
    // Given each case written to a temp dir
    const dir = mkdtempSync(join(tmpdir(), 'spock-amcases-'))
    try {
      const files = AM_CASES.map((c) => {
        const file = join(dir, `${c.name}.yml`)
        writeFileSync(file, c.yaml)
        return {c, file}
      })
      // When amtool and spock check them
      const live = await mapConcurrent(files, 8, async (f) => ({...f, exit: await amtool(f.file)}))
      // Then all three agree
      const bad = live
        .filter(({c, file, exit}) => exit !== c.amtoolExit || hasErrors(checkAlertmanagerConfig(c.yaml, file, {templates: false}).problems) !== (exit !== 0))
        .map(({c, exit}) => `${c.name}: amtool ${exit}, recorded ${c.amtoolExit}`)
      expect(bad).toEqual([])
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})

describe('template files vs amtool check-config 0.25', () => {
  const TEMPLATES: {name: string; text: string}[] = [
    {name: 'valid', text: '{{ define "custom.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ end }}\n'},
    {name: 'unclosed-action', text: '{{ define "x" }}{{ if .Status }}firing{{ end }}\n'},
    {name: 'unknown-function', text: '{{ define "x" }}{{ .Status | shout }}{{ end }}\n'},
    {name: 'redefined', text: '{{ define "slack.default.title" }}mine{{ end }}\n'},
    {name: 'bad-syntax', text: '{{ define "x" }}{{ .Status }\n{{ end }}\n'},
    {name: 'html-only-context', text: '<a href="{{ .ExternalURL }}">x</a>{{ define "y" }}<script>{{ . }}</script>{{ end }}\n'},
  ]

  test('spock and amtool agree on each template file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spock-amtmpl-'))
    try {
      const files = TEMPLATES.map((t) => {
        writeFileSync(join(dir, `${t.name}.tmpl`), t.text)
        const file = join(dir, `${t.name}.yml`)
        writeFileSync(file, `templates: ['${t.name}.tmpl']\nroute:\n  receiver: r\nreceivers:\n- name: r\n`)
        return {t, file}
      })
      const live = await mapConcurrent(files, 8, async (f) => ({...f, exit: await amtool(f.file)}))
      const rows = live.map(({t, file, exit}) => [t.name, exit !== 0, hasErrors(checkAlertmanagerConfig(readFileSync(file, 'utf8'), file).problems)])
      // Then both fail exactly the broken files (and amtool does fail some)
      expect(rows.filter(([, amtoolFails, spockFails]) => amtoolFails !== spockFails)).toEqual([])
      expect(rows.filter(([, amtoolFails]) => amtoolFails).length).toBeGreaterThan(1)
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})

describe('schema version latest against upstream expectations', () => {
  // Fragments prometheus-operator tests without a root receiver: invalid for every Alertmanager release.
  const KNOWN = ['active_time_intervals_is_dropped', 'time_intervals_and_active_time_intervals_in_route_config', 'valid_global_config_with_Pagerduty_URL']

  test('files upstream calls valid pass, files it calls invalid fail', () => {
    const lines = readFileSync(join(CORPUS, 'EXPECTATIONS.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'))
    const checked = lines.filter((c) => c[0]!.startsWith('alertmanager/') && /^(valid|invalid)/.test(c[3]!))
    const bad = checked
      .filter((c) => !KNOWN.some((k) => c[0]!.includes(k)))
      .filter((c) => {
        const file = join(CORPUS, c[0]!)
        const fails = hasErrors(checkAlertmanagerConfig(readFileSync(file, 'utf8'), file, {version: 'latest', templates: false}).problems)
        return fails !== c[3]!.startsWith('invalid')
      })
      .map((c) => `${c[0]}: upstream says ${c[3]}`)
    expect(checked.length).toBeGreaterThan(100)
    expect(bad).toEqual([])
  })
})
