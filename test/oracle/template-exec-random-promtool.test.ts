// Generated templates (functions, operands, pipelines, control structures; many of them wrong in some
// way) expanded by promtool 2.42 and by spock: the same text or the same error, position included.
import {execFile} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {expandRuleTemplate} from '../../src/gotemplate/prom-expand.js'
import {unquoteValue} from '../../src/gotemplate/strconv.js'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'spock-exec-random-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const COUNT = 1500
const LABELS = {job: 'node', instance: 'db-1.example.com:9100', path: '/var/lib'}
const VALUE = 1234.5

const OPERANDS = [
  '$value', '.Value', '$labels.job', '$labels.missing', '$labels', '.Labels.instance', '1', '0', '-3', '2.5', '1e3', '0x10', "'a'",
  '"str"', '""', '"%d"', 'true', 'false', 'nil', '(args 1 "a")', '(len $labels)', '$', '.', '$externalURL', '"héllo"',
]
const FUNCS = [
  'humanize', 'humanize1024', 'humanizeDuration', 'humanizePercentage', 'printf', 'print', 'println', 'len', 'index', 'eq', 'ne',
  'lt', 'le', 'gt', 'ge', 'and', 'or', 'not', 'html', 'js', 'urlquery', 'title', 'toUpper', 'toLower', 'slice', 'match',
  'reReplaceAll', 'stripPort', 'stripDomain', 'args', 'first', 'label', 'value', 'parseDuration', 'toTime', 'safeHtml',
]

function generate(): string[] {
  let seed = 7
  const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!
  const call = (): string => {
    const f = pick(FUNCS)
    const args = Array.from({length: rnd(4)}, () => pick(OPERANDS))
    return [f, ...args].join(' ')
  }
  const out: string[] = []
  for (let i = 0; i < COUNT; i++) {
    switch (rnd(6)) {
      case 0: out.push(`{{ ${call()} }}`); break
      case 1: out.push(`{{ ${pick(OPERANDS)} | ${call()} }}`); break
      case 2: out.push(`{{ if ${call()} }}yes{{ else }}no{{ end }}`); break
      case 3: out.push(`{{ with ${pick(OPERANDS)} }}[{{ . }}]{{ else }}none{{ end }}`); break
      case 4: out.push(`{{ range $i, $e := ${pick(OPERANDS)} }}{{ $i }}={{ $e }};{{ end }}`); break
      default: out.push(`a {{ ${pick(OPERANDS)} }} b {{ ${call()} | ${pick(FUNCS)} }}`)
    }
  }
  return out
}

describe('generated templates agree with promtool test rules', () => {
  it(`expands ${COUNT} generated templates as promtool does`, async () => {
    const templates = generate()
    writeFileSync(join(dir, 'rules.yml'), `groups:\n- name: g\n  rules:\n  - alert: R\n    expr: m + 0\n    annotations:\n${templates.map((t, i) => `      t${i}: ${JSON.stringify(t)}`).join('\n')}\n`)
    const series = Object.entries(LABELS).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')
    writeFileSync(join(dir, 'test.yml'), `rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n- interval: 1m\n  input_series:\n  - series: 'm{${series}}'\n    values: '${VALUE}'\n  alert_rule_test:\n  - eval_time: 0m\n    alertname: R\n    exp_alerts: []\n`)
    const r = await run('promtool', ['test', 'rules', join(dir, 'test.yml')]).catch((e: {stdout: string; stderr: string}) => e)
    const annotations = /Annotations:\{(.*)\}/.exec(r.stdout + r.stderr)?.[1] ?? ''
    const got = new Map([...annotations.matchAll(/t(\d+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [Number(m[1]), unquoteValue(`"${m[2]}"`)]))
    expect(got.size).toBe(COUNT)
    const diffs: string[] = []
    templates.forEach((t, i) => {
      const mine = expandRuleTemplate(t, {labels: LABELS, value: VALUE, alertName: 'R'})
      if (mine !== got.get(i)) diffs.push(`${t}\n  promtool: ${JSON.stringify(got.get(i))}\n  spock:    ${JSON.stringify(mine)}`)
    })
    expect(diffs.join('\n')).toBe('')
  }, 60_000)
})
