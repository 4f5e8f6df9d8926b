// prometheus.yml rule_files / file_sd files and alertmanager.yml templates: bounded globs, regular files only.
import {execFileSync} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {checkTemplates, fsTemplateSource} from '../../../src/alertmanager/config/templates.js'
import {checkPrometheusConfig, type ConfigFs} from '../../../src/prometheus/config/check.js'
import {nodeConfigFs} from '../../../src/prometheus/config/fs.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spock-cfg-globs-'))
  execFileSync('mkfifo', [join(dir, 'pipe.yml'), join(dir, 'pipe.json'), join(dir, 'pipe.tmpl')])
  await writeFile(join(dir, 'ok.yml'), 'groups: []\n')
  await writeFile(join(dir, 'targets.json'), JSON.stringify([{targets: ['a:1']}]))
})
afterAll(() => rm(dir, {recursive: true, force: true}))

const prom = (text: string, fs?: ConfigFs) => checkPrometheusConfig(text, join(dir, 'prometheus.yml'), fs ? {fs} : {})

describe('rule_files', () => {
  test('a glob over /dev: one error naming what is not a regular file, no rule file from /dev', () => {
    const r = prom('rule_files: ["/dev/*"]\n')
    expect(r.ruleFiles).toEqual([])
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({check: 'prom/rule-files', severity: 'error', line: 1})
    expect(r.problems[0]!.message).toMatch(/^rule_files "\/dev\/\*": matches \d+ entries that are not regular files: \/dev\/\S+ \((character device|directory)\)/)
  })
  test('a FIFO among the matches is named and left out', () => {
    const r = prom('rule_files: ["*.yml"]\n')
    expect(r.ruleFiles).toEqual([join(dir, 'ok.yml')])
    expect(r.problems.map((p) => p.message)).toEqual([`rule_files "*.yml": ${join(dir, 'pipe.yml')} is a named pipe (FIFO), not a regular file`])
  })
  test('past 10,000 matches: one error, nothing read', () => {
    const many = Array.from({length: 10_001}, (_, i) => `r${i}.yml`)
    const fs: ConfigFs = {exists: () => true, readFile: () => '', list: (d) => (d === '/rules' ? many : undefined)}
    const r = prom('rule_files: ["/rules/*.yml"]\n', fs)
    expect(r.ruleFiles).toEqual([])
    expect(r.problems.map((p) => p.message)).toEqual(['rule_files "/rules/*.yml" matches more than 10,000 files'])
  })
})

describe('file_sd files', () => {
  test('a FIFO is named, a file past the cap is reported, nothing hangs', () => {
    const text = 'scrape_configs:\n  - job_name: a\n    file_sd_configs: [{files: ["pipe.json", "targets.json"]}]\n'
    expect(prom(text).problems.map((p) => p.message)).toEqual([`file_sd files "pipe.json": ${join(dir, 'pipe.json')} is a named pipe (FIFO), not a regular file`])
    expect(prom(text, nodeConfigFs({maxBytes: 10})).problems.map((p) => p.message)).toEqual([
      'checking SD file "targets.json": it is 21 bytes, larger than the 10 bytes limit',
      `file_sd files "pipe.json": ${join(dir, 'pipe.json')} is a named pipe (FIFO), not a regular file`,
    ])
  })
})

describe('alertmanager templates', () => {
  const check = (pattern: string, maxBytes?: number) =>
    checkTemplates({configPath: join(dir, 'alertmanager.yml'), patterns: [{pattern, line: 5, column: 12}], fields: [], version: '0.25', source: fsTemplateSource({maxBytes})})
  test('/* : one error for the entries that are not regular files (amtool: "read /bin: is a directory")', () => {
    const problems = check('/*', 1)
    expect(problems[0]).toMatchObject({check: 'am/template-parse', severity: 'error', line: 5, column: 12})
    expect(problems[0]!.message).toMatch(/^templates: "\/\*": matches \d+ entries that are not regular files: /)
    // regular files at / are past the 1-byte cap: each is one line, not a read of the whole file
    for (const p of problems.slice(1)) expect(p.message).toMatch(/^cannot read template file \/\S+: it is .*larger than the 1 byte limit$/)
  })
  test('/dev/zero and a FIFO are refused without reading', () => {
    expect(check('/dev/zero').map((p) => p.message)).toEqual(['templates: "/dev/zero": /dev/zero is a character device, not a regular file'])
    expect(check('*.tmpl').map((p) => p.message)).toEqual([`templates: "*.tmpl": ${join(dir, 'pipe.tmpl')} is a named pipe (FIFO), not a regular file`])
  })
})
