import {execFileSync} from 'node:child_process'
import {mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {FileError} from '../../../src/files/read.js'
import {expandInputs} from '../../../src/lint/inputs.js'
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
  await mkdir(join(dir, 'empty'))
  await mkdir(join(dir, 'other/txt'), {recursive: true})
  await writeFile(join(dir, 'other/txt/notes.txt'), GOOD)
  await mkdir(join(dir, 'piped'))
  execFileSync('mkfifo', [join(dir, 'piped/p.yml')])
  await symlink('loop-b.yml', join(dir, 'loop-a.yml'))
  await symlink('loop-a.yml', join(dir, 'loop-b.yml'))
  await writeFile(join(dir, 'odd[1].yml'), GOOD)
})

/** The FileError an input fails with (exit 2), or undefined. */
async function failure(args: string[], opts = {}): Promise<FileError | undefined> {
  const e = await lintFiles(args, opts).then(() => undefined, (err: unknown) => err)
  if (e !== undefined && !(e instanceof FileError)) throw e
  return e
}
afterAll(() => rm(dir, {recursive: true, force: true}))

describe('expandInputs', () => {
  test('directories: *.yml and *.yaml, recursive, sorted, no dot-directories', async () => {
    const found = await expandInputs([join(dir, 'rules')])
    expect(found.map((i) => i.path.slice(dir.length + 1))).toEqual(['rules/a.yml', 'rules/sub/b.yaml'])
  })
  test('globs, with ** across directories', async () => {
    const found = await expandInputs([join(dir, 'rules/**/*.yaml'), join(dir, '*.yml')])
    expect(found.map((i) => i.path.slice(dir.length + 1))).toEqual(['rules/sub/b.yaml', 'dup.yml', 'latin1.yml', 'odd[1].yml'])
  })
  test('not strict: missing files and empty globs are marked, stdin is kept', async () => {
    const found = await expandInputs([join(dir, 'nope.yml'), join(dir, 'x*.yml'), '-'], {strict: false})
    expect(found.map((i) => i.missing ?? i.path)).toEqual(['no such file or directory', 'no file matches this pattern', '-'])
  })
  test('a file named with glob characters is taken as named', async () => {
    expect((await expandInputs([join(dir, 'odd[1].yml')])).map((i) => i.path)).toEqual([join(dir, 'odd[1].yml')])
  })
  test('a glob bound is an input error, not a hang', async () => {
    await expect(expandInputs([join(dir, '**/*.yml')], {glob: {maxMatches: 2}})).rejects.toThrowError(/matches more than 2 files/)
  })
})

describe('inputs that yield no rule file: exit 2, one line naming the path', () => {
  test.each([
    ['nope.yml', 'no such file or directory'],
    ['x*.yml', 'no file matches this pattern'],
    ['empty', 'no *.yml or *.yaml file in this directory or below it'],
    ['other', 'no *.yml or *.yaml file in this directory or below it'],
    ['piped', 'it is a named pipe (FIFO), not a regular file'],
    ['loop-a.yml', 'symlink loop (too many levels of symbolic links)'],
  ])('%s: %s', async (name, why) => {
    const e = await failure([join(dir, name)])
    expect(e?.exitCode).toBe(2)
    expect(e?.message).toBe(`cannot read ${join(dir, name === 'piped' ? 'piped/p.yml' : name)}: ${why}`)
  })
  test('/dev/zero is refused at once', async () => {
    expect((await failure(['/dev/zero']))?.message).toBe('cannot read /dev/zero: it is a character device, not a regular file')
  })
  test('a file past --max-file-size', async () => {
    expect((await failure([join(dir, 'dup.yml')], {maxFileSize: 10}))?.message).toMatch(/dup.yml: it is \d+ bytes, larger than the 10 bytes limit$/)
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
  test('with inputErrors report (rule files a config names), a missing file is an error of that file', async () => {
    const report = await lintFiles([join(dir, 'missing.yml'), join(dir, 'piped/p.yml')], {inputErrors: 'report'})
    expect(report.files.map((f) => f.problems.map((p) => [p.check, p.message]))).toEqual([
      [['input/read', `cannot read ${join(dir, 'missing.yml')}: no such file or directory`]],
      [['input/read', `cannot read ${join(dir, 'piped/p.yml')}: it is a named pipe (FIFO), not a regular file`]],
    ])
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
