// Prometheus's template expander against promtool 2.42: every template of prom-template-cases.ts is
// expanded by `promtool test rules` (its failure report prints the expanded annotations) and by
// spock's expandRuleTemplate; they must be identical. With RECORD=1 the promtool output is written to
// test/unit/gotemplate/prom-template-expected.json (the unit test's expectations).
import {execFile} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {expandRuleTemplate} from '../../src/gotemplate/prom-expand.js'
import {unquoteValue} from '../../src/gotemplate/strconv.js'
import {FIXED_TEMPLATES, VALUE_TEMPLATES, VALUES} from '../unit/gotemplate/prom-template-cases.js'
import {expectedKey, FIXED_LABELS, EXTERNAL_LABELS, seriesValue} from '../unit/gotemplate/prom-template-fixture.js'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'spock-prom-expand-'))
afterAll(() => { if (process.env["KEEP"] !== "1") rmSync(dir, {recursive: true, force: true}) })

const q = (s: string): string => JSON.stringify(s)

function writeFiles(): string {
  const annotations = (ts: readonly string[]): string => ts.map((t, i) => `      t${i}: ${q(t)}`).join('\n')
  writeFileSync(join(dir, 'rules.yml'), `groups:
- name: g
  rules:
  - alert: V
    expr: m + 0
    annotations:
${annotations(VALUE_TEMPLATES)}
  - alert: F
    expr: f + 0
    annotations:
${annotations(FIXED_TEMPLATES)}
`)
  const fixed = Object.entries(FIXED_LABELS).map(([k, v]) => `${k}=${q(v)}`).join(',')
  writeFileSync(join(dir, 'test.yml'), `rule_files: [rules.yml]
evaluation_interval: 1m
tests:
- interval: 1m
  input_series:
${VALUES.map((v, i) => `  - series: 'm{case="${i}"}'\n    values: '${v}'`).join('\n')}
  - series: 'f{${fixed}}'
    values: '42'
  alert_rule_test:
  - eval_time: 0m
    alertname: V
    exp_alerts: []
  - eval_time: 0m
    alertname: F
    exp_alerts: []
`)
  return join(dir, 'test.yml')
}

/** Labels:{...} / Annotations:{...} pairs from promtool's failure report, keyed by test id. */
function parseGot(out: string): Map<string, string> {
  const got = new Map<string, string>()
  const pair = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g
  const blocks = out.split(/\n\s*\d+:\n/)
  for (const block of blocks) {
    const labels = /Labels:\{(.*)\}/.exec(block)?.[1]
    const annotations = /Annotations:\{(.*)\}/.exec(block)?.[1]
    if (labels === undefined || annotations === undefined) continue
    const l = Object.fromEntries([...labels.matchAll(pair)].map((m) => [m[1]!, unquoteValue(`"${m[2]}"`)]))
    for (const m of annotations.matchAll(pair)) {
      const idx = Number(m[1]!.slice(1))
      const key = l['alertname'] === 'V' ? expectedKey(VALUE_TEMPLATES[idx]!, VALUES[Number(l['case'])]!) : expectedKey(FIXED_TEMPLATES[idx]!)
      got.set(key, unquoteValue(`"${m[2]}"`))
    }
  }
  return got
}

describe('template expansion agrees with promtool test rules', () => {
  it('expands every case as promtool does', async () => {
    const file = writeFiles()
    const r = await run('promtool', ['test', 'rules', file]).catch((e: {stdout: string; stderr: string}) => e)
    const got = parseGot(r.stdout + r.stderr)
    expect(got.size).toBe(VALUE_TEMPLATES.length * VALUES.length + FIXED_TEMPLATES.length)
    if (process.env['RECORD'] === '1') {
      writeFileSync(new URL('../unit/gotemplate/prom-template-expected.json', import.meta.url), JSON.stringify(Object.fromEntries(got), null, 1) + '\n')
    }
    const mismatches: string[] = []
    for (const [key, want] of got) {
      const {template, value} = JSON.parse(key) as {template: string; value?: string}
      const labels = value === undefined ? FIXED_LABELS : {case: String(VALUES.indexOf(value))}
      const mine = expandRuleTemplate(template, {
        labels, value: value === undefined ? 42 : seriesValue(value), alertName: value === undefined ? 'F' : 'V',
        externalLabels: EXTERNAL_LABELS,
      })
      if (mine !== want) mismatches.push(`${key}\n  promtool: ${JSON.stringify(want)}\n  spock:    ${JSON.stringify(mine)}`)
    }
    expect(mismatches.join('\n')).toBe('')
  }, 60_000)
})
