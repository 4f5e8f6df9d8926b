// The rule manager and test runner on small hand-written cases: for, keep_firing_for, ALERTS, rule
// results visible to later rules, external labels and URL, invalid files, --run and coverage.
import {execFileSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {testFiles} from '../../../src/rules-test/run.js'
import {makeTempDir, removeTempDir} from '../../support/tmp.js'

let dir = ''
beforeAll(async () => {
  dir = await makeTempDir('spock-rules-test-')
  writeFileSync(
    join(dir, 'rules.yml'),
    `groups:
  - name: g
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: Down
        expr: job:up:sum == 0
        for: 2m
        keep_firing_for: 3m
        labels: {severity: page, team: '{{ $externalLabels.team }}'}
        annotations: {summary: '{{ $labels.job }} down, see {{ $externalURL }}', value: '{{ $value }}'}
      - record: alerts_firing
        expr: count(ALERTS{alertstate="firing"})
      - alert: Unused
        expr: vector(0) > 1
`,
  )
})
afterAll(() => removeTempDir(dir))

/** promtool's verdict on the same file (the expectations here are promtool's). */
function promtoolPasses(path: string): boolean {
  try {
    execFileSync('promtool', ['test', 'rules', path], {stdio: 'pipe'})
    return true
  } catch {
    return false
  }
}

function write(name: string, tests: string): string {
  const path = join(dir, name)
  writeFileSync(path, `rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n${tests}`)
  return path
}

const alert = (t: string, alerts: string) => `      - eval_time: ${t}\n        alertname: Down\n        exp_alerts: ${alerts}\n`
const firing = `\n          - exp_labels: {job: api, severity: page, team: sre}\n            exp_annotations: {summary: 'api down, see http://x', value: '0'}`

describe('rules test', () => {
  it('pending for 2m, firing, kept firing 3m after it resolves; ALERTS visible to later rules', async () => {
    // down from 1m to 5m (inclusive), up again from 6m
    const path = write(
      'ok.yml',
      `  - interval: 1m
    name: lifecycle
    external_labels: {team: sre}
    external_url: http://x
    input_series:
      - series: 'up{job="api", instance="a"}'
        values: '1 0 0 0 0 0 1 1 1 1 1 1'
    alert_rule_test:
${alert('2m', '[]')}${alert('3m', firing)}${alert('5m', firing)}${alert('8m', firing)}${alert('9m', '[]')}
    promql_expr_test:
      - expr: alerts_firing
        eval_time: 4m
        exp_samples: [{labels: 'alerts_firing', value: 1}]
      - expr: ALERTS_FOR_STATE
        eval_time: 4m
        exp_samples: [{labels: 'ALERTS_FOR_STATE{alertname="Down", job="api", severity="page", team="sre"}', value: 60}]
`,
    )
    const r = await testFiles([path])
    expect(r.files[0]!.invalid).toEqual([])
    expect(r.files[0]!.tests[0]!.failures).toEqual([])
    expect(r.summary).toMatchObject({tests: 1, passed: 1, failed: 0})
    expect(promtoolPasses(path)).toBe(true)
  })

  it('reports every failure with expected and got', async () => {
    const path = write(
      'fail.yml',
      `  - interval: 1m
    name: wrong
    external_labels: {team: sre}
    external_url: http://x
    input_series:
      - series: 'up{job="api", instance="a"}'
        values: '0x10'
    alert_rule_test:
${alert('1m', firing)}${alert('9m', '[]')}
    promql_expr_test:
      - expr: job:up:sum
        eval_time: 2m
        exp_samples: [{labels: 'job:up:sum{job="api"}', value: 1}]
`,
    )
    const t = (await testFiles([path])).files[0]!.tests[0]!
    expect(t.failures.map((f) => [f.kind, f.evalTime, f.at.line])).toEqual([
      ['alert', 60_000, 12],
      ['alert', 540_000, 17],
      ['expr', 120_000, 22],
    ])
    const f = t.failures[1]!
    expect(f.kind === 'alert' && f.got[0]!.labels).toEqual([['alertname', 'Down'], ['job', 'api'], ['severity', 'page'], ['team', 'sre']])
  })

  it('invalid files: unknown fields and rule files promtool refuses', async () => {
    writeFileSync(join(dir, 'bad-rules.yml'), 'groups:\n  - name: b\n    rules:\n      - record: x\n        expr: sum(\n')
    const unknown = join(dir, 'unknown.yml')
    writeFileSync(unknown, 'rule_files: [rules.yml]\ntests:\n  - interval: 1m\n    fuzzy: true\n')
    const badRules = join(dir, 'uses-bad.yml')
    writeFileSync(badRules, 'rule_files: [bad-rules.yml]\ntests:\n  - interval: 1m\n')
    const r = await testFiles([unknown, badRules])
    expect(r.files[0]!.invalid.map((p) => [p.line, p.message])).toEqual([[4, 'unknown field "fuzzy" in test group']])
    expect(r.files[1]!.invalid[0]!.file).toBe(join(dir, 'bad-rules.yml'))
    expect(r.summary.invalid).toBe(2)
  })

  it('--run selects test groups by name; coverage counts asserted rules', async () => {
    const path = write('two.yml', `  - name: first\n    interval: 1m\n    alert_rule_test:\n${alert('1m', '[]')}  - name: second\n    interval: 1m\n    alert_rule_test:\n${alert('1m', '[]')}`)
    const r = await testFiles([path], {run: '^sec', coverage: true})
    expect(r.files[0]!.tests.map((t) => t.name)).toEqual(['second'])
    expect(r.summary.skipped).toBe(1)
    const cov = r.coverage!
    expect(cov.rules.map((x) => [x.name, x.covered, x.by])).toEqual([
      ['job:up:sum', true, 'via Down'],
      ['Down', true, 'alert_rule_test'],
      ['alerts_firing', false, undefined],
      ['Unused', false, undefined],
    ])
    expect(cov.percent).toBe(50)
  })

  it("fails a query past promtool's sample limit with its error text, as promtool does", async () => {
    // count(m) holds the selected samples twice plus its result: 4,999 series pass, 5,000 fail.
    const file = (n: number): string => {
      const series = Array.from({length: n}, (_, i) => `      - series: 'm{i="${i}"}'\n        values: '1x5'`).join('\n')
      return write(`limit-${n}.yml`, `  - interval: 1m\n    input_series:\n${series}\n    promql_expr_test:\n      - expr: count(m)\n        eval_time: 5m\n        exp_samples: [{labels: '{}', value: ${n}}]\n`)
    }
    const [ok, bad] = [file(4999), file(5000)]
    const r = await testFiles([ok, bad])
    expect(r.files.map((f) => f.tests[0]!.ok)).toEqual([true, false])
    expect(r.files[1]!.tests[0]!.failures).toMatchObject([{kind: 'expr-error', message: 'query processing would load too many samples into memory in query execution'}])
    expect([promtoolPasses(ok), promtoolPasses(bad)]).toEqual([true, false])
  }, 120_000)
})
