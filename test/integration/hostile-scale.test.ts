// Hostile sizes and shapes: many routes and receivers, deep nesting, a ReDoS regex, many findings, huge
// PromQL. Each case asserts the verdict (against amtool/promtool run live where cheap) and that it ends.
import {execFile} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {deepRoutes, manyFindings, manyReceivers, manyRoutes, oneRule, redosRoute} from '../support/hostile-inputs.js'
import {runCli} from '../support/run-cli.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const run = promisify(execFile)
const BOUND = 120_000 // "does not hang": these took minutes, hung, or crashed before

async function tool(cmd: string, args: string[]): Promise<{code: number; stdout: string}> {
  try {
    const r = await run(cmd, args, {env: {...process.env, HOME: '/nonexistent'}, maxBuffer: 64 << 20})
    return {code: 0, stdout: r.stdout}
  } catch (err) {
    const e = err as {code: number; stdout: string}
    return {code: e.code, stdout: e.stdout}
  }
}

let dir: string
const file = async (name: string, text: string) => {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}
beforeAll(async () => {
  dir = await makeTempDir('spock-hostile-')
})
afterAll(async () => removeTempDir(dir))

const noCrash = (out: string) => expect(out).not.toMatch(/RangeError|Maximum call stack|at .*\.js:\d+/)

describe('alertmanager.yml at scale agrees with amtool', () => {
  test('10k sibling routes: config check, routes test', {timeout: BOUND}, async () => {
    const path = await file('routes.yml', manyRoutes(10_000))
    const [ours, theirs] = await Promise.all([runCli(['config', 'check', path]), tool('amtool', ['check-config', path])])
    expect(theirs.code).toBe(0)
    expect(ours.code, ours.stdout + ours.stderr).toBe(0)
    const labels = ['service=svc-9999', 'env=prod']
    const [test1, test2] = await Promise.all([runCli(['routes', 'test', '--config', path, ...labels]), tool('amtool', ['config', 'routes', 'test', '--config.file', path, ...labels])])
    expect(test1.stdout).toBe(test2.stdout)
    expect(test1.stdout.trim()).toBe('team-9')
  })

  test('10k receivers', {timeout: BOUND}, async () => {
    const path = await file('receivers.yml', manyReceivers(10_000))
    const [ours, theirs] = await Promise.all([runCli(['config', 'check', path]), tool('amtool', ['check-config', path])])
    expect(theirs.code).toBe(0)
    noCrash(ours.stdout + ours.stderr)
    expect(ours.code, ours.stdout + ours.stderr).toBe(0)
  })

  test('150 nested routes are no "empty route" (amtool accepts them)', {timeout: BOUND}, async () => {
    const path = await file('deep.yml', deepRoutes(150))
    const [ours, theirs] = await Promise.all([runCli(['config', 'check', path]), tool('amtool', ['check-config', path])])
    expect(theirs.code).toBe(0)
    expect(ours.stdout).not.toMatch(/is empty/)
    expect(ours.code, ours.stdout).toBe(0)
    const labels = Array.from({length: 150}, (_, i) => `level=${i + 1}`).slice(-1)
    const [t1, t2] = await Promise.all([runCli(['routes', 'test', '--config', path, ...labels]), tool('amtool', ['config', 'routes', 'test', '--config.file', path, ...labels])])
    expect(t1.stdout).toBe(t2.stdout)
  })

  test('nesting past Go\'s YAML limit: the same error as amtool', {timeout: BOUND}, async () => {
    const path = await file('deeper.yml', deepRoutes(5000, 'flow'))
    const [ours, theirs] = await Promise.all([runCli(['config', 'check', path]), tool('amtool', ['check-config', path])])
    expect(theirs.stdout).toMatch(/exceeded max depth of 10000/)
    expect(ours.code).toBe(1)
    expect(ours.stdout).toMatch(/yaml: exceeded max depth of 10000/)
  })

  test.each([
    ['1,000 nested routes, block style', 1000, 'block'],
    ['2,000 nested routes, flow style', 2000, 'flow'],
  ] as const)('%s: amtool\'s verdict, routes show and test agree', {timeout: BOUND}, async (_name, depth, style) => {
    const path = await file(`deep-${style}.yml`, deepRoutes(depth, style))
    const [ours, theirs] = await Promise.all([runCli(['config', 'check', path]), tool('amtool', ['check-config', path])])
    noCrash(ours.stdout + ours.stderr)
    expect(theirs.code).toBe(0)
    expect(ours.code, ours.stdout).toBe(0)
    const [show1, show2] = await Promise.all([runCli(['routes', 'show', '--details', 'none', '--config', path]), tool('amtool', ['config', 'routes', 'show', '--config.file', path])])
    expect(show1.stdout.trim()).toBe(show2.stdout.replace(/^Routing tree:\n/, '').trim())
    const labels = Array.from({length: depth}, (_, i) => `level=${i + 1}`).slice(0, 1)
    const [t1, t2] = await Promise.all([runCli(['routes', 'test', '--config', path, ...labels]), tool('amtool', ['config', 'routes', 'test', '--config.file', path, ...labels])])
    expect(t1.stdout).toBe(t2.stdout)
  })

  test.each(['json', 'yaml'] as const)('routes show -o %s of 2,000 nested routes: the whole tree, in bounded memory', {timeout: BOUND}, async (format) => {
    // Indented, this tree was gigabytes (each route's path repeats its depth, one number a line): out of memory
    const path = await file('deep-show.yml', deepRoutes(2000))
    const r = await runCli(['routes', 'show', '--config', path, '-o', format], {env: {NODE_OPTIONS: '--max-old-space-size=256'}})
    noCrash(r.stdout + r.stderr)
    expect(r.code, r.stderr).toBe(0)
    // Past 64 levels both formats are written on one line as JSON (which is YAML too); the yaml package's
    // parser recurses and cannot read 4,000 nested flow collections back, so JSON.parse checks both
    if (format === 'yaml') expect(r.stdout.startsWith('{')).toBe(true)
    let node = JSON.parse(r.stdout) as {path: number[]; receiver: string; routes: unknown[]}
    let depth = 0
    while (node.routes.length > 0) {
      expect(node.routes).toHaveLength(1)
      node = node.routes[0] as typeof node
      depth++
    }
    expect(depth).toBe(2000)
    expect(node.path).toEqual(Array.from({length: 2000}, () => 1))
    expect(node.receiver).toBe('leaf')
  })

  test('routes test with a ReDoS regex answers as amtool does, at once', {timeout: BOUND}, async () => {
    const path = await file('redos.yml', redosRoute())
    for (const value of ['a'.repeat(40), 'a'.repeat(40) + 'z', 'y']) {
      const [ours, theirs] = await Promise.all([runCli(['routes', 'test', '--config', path, `x=${value}`]), tool('amtool', ['config', 'routes', 'test', '--config.file', path, `x=${value}`])])
      expect(ours.stdout, value).toBe(theirs.stdout)
    }
  })
})

describe('rules check at scale', () => {
  test('130k findings in one check (more than a spread can take)', {timeout: BOUND}, async () => {
    const path = await file('findings.yml', manyFindings(130_000))
    const ours = await runCli(['rules', 'check', '--prometheus-version', '2.42', '-o', 'json', path])
    noCrash(ours.stderr)
    expect(ours.code).toBe(1)
    expect(JSON.parse(ours.stdout).summary.errors).toBe(130_000)
  })

  const CASES: [string, string][] = [
    ['3000 unary minuses', '- '.repeat(3000) + '1'],
    ['3000 unary minuses on a string', '- '.repeat(3000) + '"x"'],
    ['600 nested calls', 'abs('.repeat(600) + 'up' + ')'.repeat(600)],
    ['600 nested calls, range vector inside', 'abs('.repeat(600) + 'up[5m]' + ')'.repeat(600)],
    ['600 parentheses, one unclosed', '('.repeat(600) + 'up' + ')'.repeat(599)],
    ['300 KB sum, trailing operator', Array(25_000).fill('up{a="b"}').join(' + ') + ' +'],
    ['300 KB sum, unclosed parenthesis', '(' + Array(25_000).fill('up{a="b"}').join(' + ')],
    ['300 KB sum (checked operand by operand)', Array(25_000).fill('up{a="b"}').join(' + ')],
    ['300 KB sum ending in a set operation with a scalar', Array(25_000).fill('up{a="b"}').join(' + ') + ' and 1'],
    ['300 KB chain of mixed operators and operands', Array(8_000).fill('rate(x[5m]) * 2 - sum by (job) (y)').join(' / ')],
    ['300 KB chain with a bad operand', Array(25_000).fill('up{a="b"}').join(' + ') + ' + foo()'],
    ['600 parentheses around a 300-operator chain', '('.repeat(600) + Array(300).fill('up').join(' + ') + ')'.repeat(600)],
  ]
  test.each(CASES)('%s: promtool\'s verdict', {timeout: BOUND}, async (name, expr) => {
    const path = await file(`${name.replace(/\W+/g, '-')}.yml`, oneRule(expr))
    const [ours, theirs] = await Promise.all([runCli(['rules', 'check', '--prometheus-version', '2.42', path]), tool('promtool', ['check', 'rules', path])])
    noCrash(ours.stdout + ours.stderr)
    expect(ours.code, ours.stdout).toBe(theirs.code)
  })

  test('an expression spock cannot validate is a warning that fails under --fail-on warning', {timeout: BOUND}, async () => {
    const path = await file('big-valid.yml', oneRule('('.repeat(5000) + Array(300).fill('up').join(' + ') + ')'.repeat(5000)))
    const [ours, strict] = await Promise.all([
      runCli(['rules', 'check', '--prometheus-version', '2.42', path]),
      runCli(['rules', 'check', '--prometheus-version', '2.42', '--fail-on', 'warning', path]),
    ])
    expect(ours.stdout).toMatch(/warning: PromQL: .*not (validated|checked)/)
    expect(ours.code).toBe(0)
    expect(strict.code).toBe(1)
  })
})
