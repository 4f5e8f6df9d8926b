// Every check can be turned off the same way on every file kind: a comment in the file, or --disable.
import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, test} from 'vitest'
import {checkConfigFiles} from '../../../src/config-check/run.js'
import {parseDisable, unknownChecksMessage} from '../../../src/findings/disable.js'
import {CHECKS, checksFor} from '../../../src/findings/registry.js'
import {lintText} from '../../../src/lint/run.js'
import {SEMANTIC_RULE_CHECKS} from '../../../src/lint/checks/index.js'
import {applySuppressions} from '../../../src/findings/suppress.js'
import type {Problem} from '../../../src/findings/problem.js'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spock-disable-'))
})

// The semantic checks (alerts/*, rule/label, rule/name) are left out: these fixtures are about the disable forms.
const SEMANTIC = new Set(SEMANTIC_RULE_CHECKS.map((c) => c.id))
const checksOf = (problems: readonly Problem[]) => problems.filter((p) => !SEMANTIC.has(p.check)).map((p) => `${p.line} ${p.check}`)

async function configProblems(name: string, text: string, disabled?: string[]): Promise<string[]> {
  const path = join(dir, name)
  await writeFile(path, text)
  const report = await checkConfigFiles([path], {disabled: disabled && new Set(disabled)})
  expect(report.files[0]!.errors).toBe(report.files[0]!.problems.filter((p) => p.severity === 'error').length)
  return report.files.flatMap((f) => checksOf(f.problems))
}

describe('rule files: rule/duplicate', () => {
  const rules = (comment = '') => `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n${comment}  - alert: A\n    expr: up == 1\n`
  test('reported by default', async () => {
    expect(checksOf((await lintText(rules(), 'r.yml')).problems)).toEqual(['6 rule/duplicate'])
  })
  test('off by a comment on the line before', async () => {
    expect(checksOf((await lintText(rules('  # spock disable rule/duplicate\n'), 'r.yml')).problems)).toEqual([])
  })
  test('off by --disable', async () => {
    const report = await lintText(rules(), 'r.yml', {disabled: new Set(['rule/duplicate'])})
    expect(checksOf(report.problems)).toEqual([])
  })
  test('--disable of another check leaves it', async () => {
    expect(checksOf((await lintText(rules(), 'r.yml', {disabled: new Set(['promql/syntax'])})).problems)).toEqual(['6 rule/duplicate'])
  })
})

describe('alertmanager.yml: am/unused-receiver and am/receiver-undefined', () => {
  const am = (comment = '') => `route:\n  receiver: a\n  routes:\n  - receiver: nobody\nreceivers:\n- name: a\n${comment}- name: spare\n`
  test('reported by default', async () => {
    expect(await configProblems('am1.yml', am())).toEqual(['4 am/receiver-undefined', '7 am/unused-receiver'])
  })
  test('off by a comment on the line before (a warning)', async () => {
    expect(await configProblems('am2.yml', am('# spock disable am/unused-receiver\n'))).toEqual(['4 am/receiver-undefined'])
  })
  test('off by a comment on the same line (an error), and the file is then ok', async () => {
    const text = am().replace('  - receiver: nobody', '  - receiver: nobody # spock disable am/receiver-undefined')
    const path = join(dir, 'am3.yml')
    await writeFile(path, text)
    const report = await checkConfigFiles([path])
    expect(report.files[0]!.ok).toBe(true)
    expect(checksOf(report.files[0]!.problems)).toEqual(['7 am/unused-receiver'])
  })
  test('off by --disable', async () => {
    expect(await configProblems('am4.yml', am(), ['am/unused-receiver', 'am/receiver-undefined'])).toEqual([])
  })
  test('disable-file anywhere in the file', async () => {
    expect(await configProblems('am5.yml', `# spock disable-file am/unused-receiver\n${am()}`)).toEqual(['5 am/receiver-undefined'])
  })
})

describe('prometheus.yml: prom/scrape', () => {
  const prom = (comment = '') => `scrape_configs:\n- job_name: a\n  static_configs: [{targets: ['h:1']}]\n${comment}- job_name: a\n  static_configs: [{targets: ['h:2']}]\n`
  test('reported by default', async () => {
    expect(await configProblems('p1.yml', prom())).toEqual(['4 prom/scrape'])
  })
  test('off by a comment on the line before', async () => {
    expect(await configProblems('p2.yml', prom('# spock disable prom/scrape\n'))).toEqual([])
  })
  test('off by --disable', async () => {
    expect(await configProblems('p3.yml', prom(), ['prom/scrape'])).toEqual([])
  })
  test('--disable reaches the rule files prometheus.yml names', async () => {
    await writeFile(join(dir, 'dup.yml'), 'groups:\n- name: g\n  rules:\n  - record: a\n    expr: up\n  - record: a\n    expr: up\n')
    const text = 'rule_files: [dup.yml]\n'
    expect(await configProblems('p4.yml', text)).toEqual(['6 rule/duplicate'])
    expect(await configProblems('p5.yml', text, ['rule/duplicate'])).toEqual([])
  })
})

describe('yaml/multi-document is one id on every file kind', () => {
  test('alertmanager.yml and prometheus.yml report it as rule files do, and a disable-file comment drops it', async () => {
    expect(await configProblems('m1.yml', 'route: {receiver: a}\nreceivers: [{name: a}]\n---\nx: 1\n')).toEqual(['0 yaml/multi-document'])
    expect(await configProblems('m2.yml', 'scrape_configs: []\n---\nx: 1\n')).toEqual(['0 yaml/multi-document'])
    expect(await configProblems('m3.yml', '# spock disable-file yaml/multi-document\nscrape_configs: []\n---\nx: 1\n')).toEqual([])
    expect(checksOf((await lintText('groups: []\n---\ngroups: []\n', 'r.yml')).problems)).toEqual(['2 yaml/multi-document'])
  })
})

describe('suppression comments', () => {
  const p = (file: string, line: number): Problem => ({check: 'am/template-undefined', severity: 'warning', file, line, column: 1, message: 'm'})
  test('line comments of a config do not reach problems in its other files (template files)', () => {
    const source = 'a: 1\n# spock disable am/template-undefined\nb: 2\n'
    expect(applySuppressions(source, [p('am.yml', 3), p('x.tmpl', 3)], 'am.yml').map((x) => x.file)).toEqual(['x.tmpl'])
    expect(applySuppressions(`# spock disable-file am/template-undefined\n${source}`, [p('am.yml', 3), p('x.tmpl', 3)], 'am.yml')).toEqual([])
  })
})

describe('--disable values', () => {
  test('known ids, repeated or comma-separated', () => {
    const r = parseDisable(['rule/duplicate', 'promql/syntax, template/syntax'], checksFor(['rules']))
    expect([...r.disabled]).toEqual(['rule/duplicate', 'promql/syntax', 'template/syntax'])
    expect(r.unknown).toEqual([])
  })
  test('ids unknown to the command are reported, once each', () => {
    const r = parseDisable(['am/unused-receiver', 'nope', 'nope'], checksFor(['rules']))
    expect(r.unknown).toEqual(['am/unused-receiver', 'nope'])
    expect(unknownChecksMessage(r.unknown, checksFor(['rules']))).toMatch(/^unknown checks "am\/unused-receiver", "nope" in --disable; known checks: input\/read, .*rule\/duplicate.*$/)
  })
  test('config check knows every id', () => {
    expect(parseDisable(CHECKS.map((c) => c.id), CHECKS).unknown).toEqual([])
  })
})
