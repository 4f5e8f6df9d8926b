// rules check lints for the Prometheus of the promtool on the PATH unless told otherwise, and says so with -v.
import {chmod, mkdir, symlink, writeFile} from 'node:fs/promises'
import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

let dir: string
let rules: string
let node = dirname(process.execPath) // replaced by a directory holding node alone (node may live beside promtool)
// sort_by_label exists in Prometheus 3 only: promtool 2.42 rejects it.
const RULES = 'groups:\n- name: a\n  rules:\n  - record: job:x:sum\n    expr: sort_by_label(up, "job")\n'

beforeAll(async () => {
  dir = await makeTempDir('spock-promver-')
  rules = join(dir, 'rules.yml')
  await writeFile(rules, RULES)
  await mkdir(join(dir, 'fake3'))
  await writeFile(join(dir, 'fake3', 'promtool'), '#!/bin/sh\necho "promtool, version 3.1.0 (branch: HEAD)"\n')
  await chmod(join(dir, 'fake3', 'promtool'), 0o755)
  await mkdir(join(dir, 'home'))
  await mkdir(join(dir, 'node'))
  await symlink(process.execPath, join(dir, 'node', 'node'))
  node = join(dir, 'node')
})
afterAll(async () => removeTempDir(dir))

const env = (path: string) => ({PATH: path, HOME: join(dir, 'home')})

describe('default --prometheus-version', () => {
  test('the installed promtool (2.42) decides, and -v says so', async () => {
    const r = await runCli(['rules', 'check', rules, '-v'], {env: env(`${node}:${process.env.PATH}`)})
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('unknown function with name "sort_by_label"')
    expect(r.stderr).toMatch(/^spock: linting for Prometheus 2\.42, the version of \S*promtool \(2\.42[^)]*\); --prometheus-version chooses another$/m)
    expect(existsSync(join(dir, 'home', '.cache', 'spock', 'promtool-version.json'))).toBe(true)
    const again = await runCli(['rules', 'check', rules], {env: env(`${node}:${process.env.PATH}`)})
    expect(again.code).toBe(1)
  })

  test('a promtool 3 on the PATH: 3', async () => {
    const r = await runCli(['rules', 'check', rules, '-v'], {env: env(`${join(dir, 'fake3')}:${node}`)})
    expect(r.stderr).toContain('linting for Prometheus 3, the version of')
    expect(r.code).toBe(0)
  })

  test('no promtool: 3', async () => {
    const r = await runCli(['rules', 'check', rules, '-v'], {env: env(node)})
    expect(r.stderr).toContain('spock: linting for Prometheus 3 (no promtool on the PATH)')
    expect(r.code).toBe(0)
  })

  test('the flag and SPOCK_PROMETHEUS_VERSION win over promtool', async () => {
    expect((await runCli(['rules', 'check', rules, '--prometheus-version', '3'], {env: env(`${node}:${process.env.PATH}`)})).code).toBe(0)
    expect((await runCli(['rules', 'check', rules], {env: {...env(`${node}:${process.env.PATH}`), SPOCK_PROMETHEUS_VERSION: '3'}})).code).toBe(0)
    expect((await runCli(['rules', 'check', rules, '--prometheus-version', '2.42'], {env: env(`${join(dir, 'fake3')}:${node}`)})).code).toBe(1)
  })
})
