import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {expandInputs, globToRegExp} from '../../../src/lint/inputs.js'
import {reportExitCode} from '../../../src/findings/report.js'
import {lintFiles} from '../../../src/lint/run.js'
import {PROMTOOL_RULE_CHECKS} from '../../../src/lint/checks/index.js'

let dir: string
const GOOD = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n'
const BAD = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: rate(up)\n'
const DUP = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n  - alert: A\n    expr: up\n'

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spock-lint-'))
  await mkdir(join(dir, 'rules/sub'), {recursive: true})
  await mkdir(join(dir, 'rules/.hidden'), {recursive: true})
  await writeFile(join(dir, 'rules/a.yml'), GOOD)
  await writeFile(join(dir, 'rules/sub/b.yaml'), BAD)
  await writeFile(join(dir, 'rules/sub/c.txt'), GOOD)
  await writeFile(join(dir, 'rules/.hidden/d.yml'), BAD)
  await writeFile(join(dir, 'dup.yml'), DUP)
  await writeFile(join(dir, 'latin1.yml'), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]))
})
afterAll(() => rm(dir, {recursive: true, force: true}))

describe('expandInputs', () => {
  test('directories: *.yml and *.yaml, recursive, sorted, no dot-directories', async () => {
    const found = await expandInputs([join(dir, 'rules')])
    expect(found.map((i) => i.path.slice(dir.length + 1))).toEqual(['rules/a.yml', 'rules/sub/b.yaml'])
  })
  test('globs, with ** across directories', async () => {
    const found = await expandInputs([join(dir, 'rules/**/*.yaml'), join(dir, '*.yml')])
    expect(found.map((i) => i.path.slice(dir.length + 1))).toEqual(['rules/sub/b.yaml', 'dup.yml', 'latin1.yml'])
  })
  test('missing files and empty globs are reported, stdin is kept', async () => {
    const found = await expandInputs([join(dir, 'nope.yml'), join(dir, 'x*.yml'), '-'])
    expect(found.map((i) => i.missing ?? i.path)).toEqual(['no such file or directory', 'no file matches this pattern', '-'])
  })
  test.each([
    ['*.yml', 'a.yml', true],
    ['*.yml', 'd/a.yml', false],
    ['**/*.yml', 'd/e/a.yml', true],
    ['**/*.yml', 'a.yml', true],
    ['r?.y[am]ml', 'r1.yaml', true],
    ['r[!0-9].yml', 'r1.yml', false],
  ])('glob %s matches %s: %s', (glob, path, match) => {
    expect(globToRegExp(glob).test(path)).toBe(match)
  })
})

describe('lintFiles and exit codes', () => {
  test('one report per file, summary totals, exit 1 on an error', async () => {
    const report = await lintFiles([join(dir, 'rules'), join(dir, 'dup.yml')], {version: '2.42', checks: PROMTOOL_RULE_CHECKS})
    expect(report.files.map((f) => f.ok)).toEqual([true, false, true])
    expect(report.summary).toEqual({files: 3, rules: 4, errors: 1, warnings: 1})
    expect(reportExitCode(report)).toBe(1)
  })
  test('warnings fail only with --fail-on warning', async () => {
    const report = await lintFiles([join(dir, 'dup.yml')], {version: '2.42'})
    expect(reportExitCode(report, 'error')).toBe(0)
    expect(reportExitCode(report, 'warning')).toBe(1)
  })
  test('a missing file is an error for that file', async () => {
    const report = await lintFiles([join(dir, 'missing.yml')])
    expect(report.files[0]).toMatchObject({ok: false, problems: [{check: 'input/read', line: 0}]})
    expect(reportExitCode(report)).toBe(1)
  })
  test('invalid UTF-8 is a YAML error with a position', async () => {
    const report = await lintFiles([join(dir, 'latin1.yml')])
    expect(report.files[0]!.problems).toMatchObject([{check: 'yaml/parse', line: 1, column: 4}])
  })
  test('stdin', async () => {
    const report = await lintFiles(['-'], {readStdin: async () => BAD, version: '2.42'})
    expect(report.files[0]).toMatchObject({path: '-', ok: false, rules: 1})
  })
})
