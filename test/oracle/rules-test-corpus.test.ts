// spock rules test vs promtool test rules 2.42 on the corpus's unit-test files: the same verdict for every
// file (pass <=> promtool exit 0), and for the failing ones the same failing alerts and expressions.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {testFiles} from '../../src/rules-test/run.js'
import {CORPUS} from '../support/corpus.js'

const verdicts = readFileSync(join(CORPUS, 'promtool-test-verdicts.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t'))
  .map(([path, code, message]) => ({path: path!, ok: code === '0', message: message ?? ''}))

describe('corpus: promtool 2.42 test rules verdicts', () => {
  test('every unit-test file gets promtool\'s verdict', async () => {
    expect(verdicts.length).toBeGreaterThan(20)
    const report = await testFiles(verdicts.map((v) => join(CORPUS, v.path)))
    const got = report.files.map((f, i) => ({path: verdicts[i]!.path, ok: f.invalid.length === 0 && f.tests.every((t) => t.ok)}))
    expect(got).toEqual(verdicts.map((v) => ({path: v.path, ok: v.ok})))
  })

  test('failing.yml fails on the same alerts and expressions as promtool', async () => {
    const report = await testFiles([join(CORPUS, 'rules-tests/prometheus__prometheus/cmd/promtool/testdata/failing.yml')])
    const failures = report.files[0]!.tests.flatMap((t) => t.failures.map((f) => `${t.name}: ${f.kind === 'alert' ? f.alertname : f.kind === 'expr' ? f.expr : f.kind}@${f.evalTime}`))
    expect(failures.sort()).toEqual(['Failing alert test: AlwaysFiring@300000', 'Failing alert test: InstanceDown@300000', 'Failing test: Test@0', 'Failing test: test@0'])
    const instanceDown = report.files[0]!.tests[1]!.failures.find((f) => f.kind === 'alert' && f.alertname === 'InstanceDown')
    expect(instanceDown?.kind === 'alert' && instanceDown.got).toEqual([
      {
        labels: [['alertname', 'InstanceDown'], ['job', 'test'], ['severity', 'page']],
        annotations: [['description', ' of job test has been down for more than 5 minutes.'], ['summary', 'Instance  down']],
      },
    ])
  })
})
