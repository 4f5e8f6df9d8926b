// Hostile YAML through the built CLI (small sizes of the shapes bench/hostile-yaml.ts runs at full size):
// alias and merge-key bombs, deep nesting, a big flow-style file, many aliases. Each: the verdict promtool or
// amtool gives, one line naming file:line:column, and an answer in bounded time (these took minutes or
// crashed Node before).
import {execFile} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'
import {aliasBomb, bigFlowRules, deepNesting, manyAliases, mergeBomb, type Kind} from '../support/hostile-yaml.js'
import {manyRoutes, manyTargets} from '../support/hostile-inputs.js'

let dir: string
beforeAll(async () => (dir = await makeTempDir('spock-hostile-')))
afterAll(() => removeTempDir(dir))

const goTool = (kind: Kind, file: string): Promise<{code: number; out: string}> => {
  const [cmd, args] = kind === 'rules' ? ['promtool', ['check', 'rules', file]] : kind === 'prometheus' ? ['promtool', ['check', 'config', '--syntax-only', file]] : ['amtool', ['check-config', file]]
  return new Promise((resolve) => execFile(cmd, args, (err, stdout, stderr) => resolve({code: err ? ((err as {code?: number}).code ?? -1) : 0, out: stdout + stderr})))
}

const spock = (kind: Kind, file: string) =>
  runCli(kind === 'rules' ? ['rules', 'check', '--prometheus-version', '2.42', file] : ['config', 'check', '--kind', kind, file], {viaNode: true})

const CASES: {name: string; kind: Kind; text: () => string; message?: RegExp; go?: RegExp}[] = [
  {name: 'rules-merge-bomb', kind: 'rules', text: () => mergeBomb('rules'), message: /excessive aliasing/, go: /excessive aliasing/},
  {name: 'am-merge-bomb', kind: 'alertmanager', text: () => mergeBomb('alertmanager'), message: /excessive aliasing/, go: /excessive aliasing/},
  {name: 'prom-merge-bomb', kind: 'prometheus', text: () => mergeBomb('prometheus'), message: /excessive aliasing/, go: /excessive aliasing/},
  {name: 'rules-alias-bomb', kind: 'rules', text: () => aliasBomb('rules'), message: /excessive aliasing/},
  {name: 'am-alias-bomb', kind: 'alertmanager', text: () => aliasBomb('alertmanager'), message: /excessive aliasing/},
  {name: 'prom-alias-bomb', kind: 'prometheus', text: () => aliasBomb('prometheus'), message: /excessive aliasing/},
  {name: 'rules-deep-seq', kind: 'rules', text: () => deepNesting('rules', 100_000, 'seq'), message: /exceeded max depth of 10000/, go: /exceeded max depth of 10000/},
  {name: 'rules-deep-map', kind: 'rules', text: () => deepNesting('rules', 100_000, 'map'), message: /exceeded max depth of 10000/, go: /exceeded max depth of 10000/},
  {name: 'am-deep-map', kind: 'alertmanager', text: () => deepNesting('alertmanager', 100_000, 'map'), message: /exceeded max depth of 10000/, go: /exceeded max depth of 10000/},
  {name: 'prom-deep-seq', kind: 'prometheus', text: () => deepNesting('prometheus', 100_000, 'seq'), message: /exceeded max depth of 10000/, go: /exceeded max depth of 10000/},
  {name: 'rules-aliases-10k', kind: 'rules', text: () => manyAliases('rules', 10_000)},
  {name: 'am-aliases-10k', kind: 'alertmanager', text: () => manyAliases('alertmanager', 10_000)},
  {name: 'prom-aliases-10k', kind: 'prometheus', text: () => manyAliases('prometheus', 10_000)},
]

describe('hostile YAML: Go\'s verdict, one line, bounded time', () => {
  test.each(CASES)('$name', async ({name, kind, text, message, go}) => {
    const file = join(dir, `${name}.yml`)
    await writeFile(file, text())
    const [official, ours] = await Promise.all([goTool(kind, file), spock(kind, file)])
    expect({name, rejected: ours.code !== 0}).toEqual({name, rejected: official.code !== 0})
    expect(ours.stdout + ours.stderr).not.toMatch(/RangeError|TypeError|heap|\n\s+at /)
    if (go) expect(official.out).toMatch(go)
    if (official.code === 0) return expect(ours.code).toBe(0)
    expect(ours.code).toBe(1) // a finding, as promtool and amtool fail
    const errors = ours.stdout.split('\n').filter((l) => / error: /.test(l))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error: `))
    if (message) expect(errors[0]).toMatch(message)
  }, 90_000) // generous: these ran for minutes, or crashed Node, before
})

test('a flow-style rule file of a few MB: promtool\'s verdict, no out-of-memory', async () => {
  const file = join(dir, 'big-flow.yml')
  await writeFile(file, bigFlowRules(3_000_000))
  const [official, ours] = await Promise.all([goTool('rules', file), spock('rules', file)])
  expect(official.code).toBe(0)
  expect(ours.code, ours.stdout).toBe(0)
}, 90_000)

test('a few MB that only the full parser reads (an anchor): one clear line naming the file', async () => {
  const file = join(dir, 'big-flow-anchor.yml')
  await writeFile(file, bigFlowRules(3_000_000).replace('{record: r0,', '{record: &r r0,'))
  const ours = await spock('rules', file)
  expect(ours.code).toBe(1)
  const errors = ours.stdout.split('\n').filter((l) => / error: /.test(l))
  expect(errors).toHaveLength(1)
  expect(errors[0]).toMatch(/big-flow-anchor\.yml:1:1: error: YAML: 2\.9 MiB of YAML that needs the full parser .* reads at most 2\.5 MiB/)
}, 90_000)

test('a 2.6 MiB block-style alertmanager.yml is checked, with amtool\'s verdict', async () => {
  const file = join(dir, 'am-big.yml')
  const text = manyRoutes(27_000)
  expect(text.length).toBeGreaterThan(2.6 * 1024 * 1024)
  await writeFile(file, text)
  const [official, ours] = await Promise.all([goTool('alertmanager', file), spock('alertmanager', file)])
  expect(official.code).toBe(0)
  expect(ours.code, ours.stdout).toBe(0)
  await writeFile(file, text.replace('group_wait: 10s', 'group_wait: 10 s'))
  const [official2, ours2] = await Promise.all([goTool('alertmanager', file), spock('alertmanager', file)])
  expect(official2.code).not.toBe(0)
  expect(ours2.code, ours2.stdout).toBe(1)
  expect(ours2.stdout).toMatch(/am-big\.yml:\d+:\d+: error: /)
}, 90_000)

test('a 2.6 MiB prometheus.yml with many static targets is checked, with promtool\'s verdict', async () => {
  const file = join(dir, 'prom-big.yml')
  const text = manyTargets(10, 10_000)
  expect(text.length).toBeGreaterThan(2.6 * 1024 * 1024)
  await writeFile(file, text)
  const [official, ours] = await Promise.all([goTool('prometheus', file), spock('prometheus', file)])
  expect(official.code, official.out).toBe(0)
  expect(ours.code, ours.stdout).toBe(0)
}, 90_000)
