// `spock rules test` as a user runs it: exit codes, the table with diffs, json, junit, github, --min-coverage.
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {CORPUS} from '../support/corpus.js'

const TESTDATA = join(CORPUS, 'rules-tests/prometheus__prometheus/cmd/promtool/testdata')
const run = (...args: string[]) => runCli(['rules', 'test', ...args], {cwd: TESTDATA})

describe('spock rules test', () => {
  it('exit 0 when every test passes, with a summary line', async () => {
    const r = await run('at-modifier-test.yml', 'negative-offset-test.yml')
    expect(r.stderr).toBe('')
    expect(r.stdout.trim()).toBe('2 test files, 2 tests: 2 passed, 0 failed')
    expect(r.code).toBe(0)
  })

  it('exit 1 with every failure, its test, line, eval time and a diff', async () => {
    const r = await run('failing.yml', 'rules_run.yml')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('failing.yml:33: FAIL test "Failing alert test": alert InstanceDown at 5m: expected 0 firing alerts, got 1\n  + alert {alertname="InstanceDown", job="test", severity="page"} (firing, not expected)')
    expect(r.stdout).toContain('rules_run.yml:')
    expect(r.stdout.trimEnd()).toMatch(/\n2 test files, 4 tests: 1 passed, 3 failed$/)
  })

  it('exit 2 when a file is invalid, naming file:line', async () => {
    const r = await run('rules_run_fuzzy.yml', 'at-modifier-test.yml')
    expect(r.code).toBe(2)
    expect(r.stdout).toContain('rules_run_fuzzy.yml:6:1: invalid: unknown field "fuzzy_compare" in unit test file')
  })

  it('-o json, -o junit and -o github', async () => {
    const json = JSON.parse((await run('failing.yml', '-o', 'json')).stdout) as {files: Array<{ok: boolean; tests: Array<{failures: Array<{kind: string; evalTime: number; line: number}>}>}>; summary: {failed: number}}
    expect(json.summary.failed).toBe(2)
    expect(json.files[0]!.tests[1]!.failures[0]).toMatchObject({kind: 'alert', evalTime: 300, line: 33})
    const junit = (await run('failing.yml', '-o', 'junit')).stdout
    expect(junit).toContain('<failure message="test &quot;Failing alert test&quot;: alert InstanceDown at 5m: expected 0 firing alerts, got 1"')
    const github = (await run('failing.yml', '-o', 'github')).stdout
    expect(github.split('\n')[0]).toMatch(/^::error file=failing\.yml,line=20,col=\d+,title=rules-test\/failed::test "Failing test": alert Test at 0s/)
  })

  it('--coverage lists the rules; --min-coverage fails under the percentage', async () => {
    const r = await run('failing.yml', '--coverage', '--min-coverage', '50')
    expect(r.stdout).toContain('2 of 5 rules asserted by a test (40%)')
    expect(r.stderr).toContain('rule coverage 40% is under --min-coverage 50%')
    expect(r.code).toBe(1)
  })
})
