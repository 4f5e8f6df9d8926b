// The built CLI on inputs that used to hang, fill memory or leak JS error names: each ends quickly with the
// right exit code, one line naming the file, and no stack.
import {execFile, execFileSync} from 'node:child_process'
import {mkdir, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli, type CliResult} from '../support/run-cli.js'
import {isolatedEnv, makeTempDir, removeTempDir} from '../support/tmp.js'

const BOUND = 30_000 // ms: "does not hang" (these hung or ran out of memory before)
const RULES = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n'
let dir: string
let env: Record<string, string>

beforeAll(async () => {
  dir = await makeTempDir('spock-hostile-')
  env = isolatedEnv(dir)
  execFileSync('mkfifo', [join(dir, 'fifo.yml')])
  await mkdir(join(dir, 'empty'))
  await mkdir(join(dir, 'pipes'))
  execFileSync('mkfifo', [join(dir, 'pipes/a.yml')])
  await symlink('loop-b.yml', join(dir, 'loop-a.yml'))
  await symlink('loop-a.yml', join(dir, 'loop-b.yml'))
  await writeFile(join(dir, 'big.yml'), RULES + `# ${'x'.repeat(4000)}\n`)
  await writeFile(join(dir, 'dev-rules.yml'), 'rule_files: ["/dev/*"]\n')
  await writeFile(join(dir, 'root-rules.yml'), 'rule_files: ["/*"]\n')
  await writeFile(join(dir, 'pipe-rules.yml'), 'rule_files: ["pipes/*.yml"]\n')
  await writeFile(join(dir, 'am-root.yml'), 'route:\n  receiver: x\nreceivers:\n  - name: x\ntemplates: ["/*"]\n')
  // a glob that matches a good file and a directory, for the Go tools' verdict
  await mkdir(join(dir, 'mixed/sub'), {recursive: true})
  await writeFile(join(dir, 'mixed/good.yml'), RULES)
  await writeFile(join(dir, 'mixed/good.tmpl'), '{{ define "x" }}x{{ end }}\n')
  await writeFile(join(dir, 'mixed-rules.yml'), 'rule_files: ["mixed/*"]\n')
  await writeFile(join(dir, 'mixed-am.yml'), 'route:\n  receiver: x\nreceivers:\n  - name: x\ntemplates: ["mixed/*"]\n')
})
afterAll(() => removeTempDir(dir))

const run = (args: string[], extra: Record<string, string> = {}) => runCli(args, {env: {...env, ...extra}, cwd: dir})

/** Exit 2 and exactly `spock: error: cannot read FILE: WHY` plus a hint line; no stack, no JS error name. */
function expectInputError(r: CliResult, file: string, why: RegExp): void {
  expect(r.code).toBe(2)
  const lines = r.stderr.trimEnd().split('\n')
  expect(lines[0]).toMatch(new RegExp(`^spock: error: cannot read ${escape(file)}: `))
  expect(lines[0]).toMatch(why)
  expect(lines.slice(1)).toEqual([expect.stringMatching(/^ {2}hint: \S/)])
  expectNoInternals(r)
}

function expectNoInternals(r: CliResult): void {
  const all = r.stdout + r.stderr
  expect(all).not.toMatch(/\b(RangeError|TypeError|ReferenceError|SyntaxError|Error):/)
  expect(all).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  expect(all).not.toMatch(/internal error/)
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

describe.each(['rules', 'config'])('spock %s check on what is not a regular file', (topic) => {
  test('/dev/zero', {timeout: BOUND}, async () => {
    expectInputError(await run([topic, 'check', '/dev/zero']), '/dev/zero', /character device, not a regular file$/)
  })
  test('a FIFO', {timeout: BOUND}, async () => {
    expectInputError(await run([topic, 'check', 'fifo.yml']), 'fifo.yml', /named pipe \(FIFO\), not a regular file$/)
  })
  test('a symlink loop says so', {timeout: BOUND}, async () => {
    expectInputError(await run([topic, 'check', 'loop-a.yml']), 'loop-a.yml', /symlink loop/)
  })
  test('a file past --max-file-size', {timeout: BOUND}, async () => {
    expectInputError(await run([topic, 'check', 'big.yml', '--max-file-size', '1KiB']), 'big.yml', /larger than the 1 KiB limit$/)
  })
  test('a file past SPOCK_MAX_FILE_SIZE', {timeout: BOUND}, async () => {
    expectInputError(await run([topic, 'check', 'big.yml'], {SPOCK_MAX_FILE_SIZE: '2000'}), 'big.yml', /larger than the 2000 bytes limit$/)
  })
})

describe('spock rules check on paths that yield no rule file', () => {
  test('an empty directory', {timeout: BOUND}, async () => {
    expectInputError(await run(['rules', 'check', 'empty']), 'empty', /no \*\.yml or \*\.yaml file in this directory/)
  })
  test('a directory holding only a FIFO', {timeout: BOUND}, async () => {
    expectInputError(await run(['rules', 'check', 'pipes']), 'pipes/a.yml', /named pipe/)
  })
  test('a glob that matches nothing', {timeout: BOUND}, async () => {
    expectInputError(await run(['rules', 'check', 'nothing/*.yml']), 'nothing/*.yml', /no file matches this pattern$/)
  })
  test('a bad --max-file-size is a usage error', {timeout: BOUND}, async () => {
    const r = await run(['rules', 'check', 'big.yml', '--max-file-size', 'huge'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spock: error: invalid --max-file-size "huge"/)
  })
  test('a file within the cap is still linted', {timeout: BOUND}, async () => {
    const r = await run(['rules', 'check', 'big.yml', '--max-file-size', '1MiB'])
    expect(r.code).toBe(0)
  })
})

describe('spock config check: globs in the config', () => {
  test('a directory where a file is needed', {timeout: BOUND}, async () => {
    expectInputError(await run(['config', 'check', 'empty']), 'empty', /it is a directory$/)
  })
  test.each([
    ['dev-rules.yml', 'rule_files "/dev/*": matches'],
    ['root-rules.yml', 'rule_files "/*": matches'],
    ['pipe-rules.yml', `rule_files "pipes/*.yml": pipes/a.yml is a named pipe (FIFO), not a regular file`],
    ['am-root.yml', 'templates: "/*": matches'],
  ])('%s: exit 1 (as promtool / amtool), one problem naming what is not a regular file', {timeout: BOUND}, async (file, message) => {
    const r = await run(['config', 'check', file])
    expect(r.code).toBe(1)
    const problem = r.stdout.split('\n').filter((l) => l.includes('not a regular file') || l.includes('not regular files'))
    expect(problem).toHaveLength(1)
    expect(problem[0]).toContain(`${file}:`)
    expect(problem[0]).toContain(message)
    expectNoInternals(r)
  })
})

/** Exit code of a Go tool, killed after the bound (they hang on a FIFO or /dev/zero, not on these). */
function goTool(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    execFile(cmd, args, {cwd: dir, timeout: BOUND - 5000}, (err) => resolve(err ? ((err as {code?: number}).code ?? -1) : 0))
  })
}

describe('the same verdict as promtool and amtool where they give one', () => {
  test('rule_files glob matching a directory: promtool check config fails ("is a directory"), so does spock', {timeout: BOUND}, async () => {
    expect(await goTool('promtool', ['check', 'config', 'mixed-rules.yml'])).toBe(1)
    const r = await run(['config', 'check', 'mixed-rules.yml'])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('rule_files "mixed/*": mixed/sub is a directory, not a regular file')
  })
  test('templates glob matching a directory: amtool check-config fails, so does spock', {timeout: BOUND}, async () => {
    expect(await goTool('amtool', ['check-config', 'mixed-am.yml'])).toBe(1)
    const r = await run(['config', 'check', 'mixed-am.yml'])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`templates: "mixed/*": ${join(dir, 'mixed/sub')} is a directory, not a regular file`)
  })
})
