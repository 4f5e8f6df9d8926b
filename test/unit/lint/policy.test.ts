import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {ConfigError} from '../../../src/errors.js'
import {loadPolicy, parsePolicy, unknownPolicyIds} from '../../../src/lint/policy.js'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spock-policy-'))
})
afterAll(() => rm(dir, {recursive: true, force: true}))

const errorOf = async (text: string): Promise<string> => {
  try {
    await parsePolicy(text, '.spock.yml')
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as Error).message
  }
  throw new Error('expected an error')
}

describe('lint policy file', () => {
  test('a full policy parses', async () => {
    const text = [
      'disable: [rule/name]',
      'severity: {alerts/template: error}',
      'checks:',
      '  rule/label:',
      '    labels: [{name: severity, values: [page, ticket]}, {name: team, value: "[a-z]+", required: false}]',
      '  alerts/annotation: {one_of: [summary], annotations: [{name: runbook_url}]}',
      '  rule/name: {record: "\\\\w+:\\\\w+", alert: "[A-Z].*"}',
      '  alerts/for: {evaluation_interval: 30s}',
      '',
    ].join('\n')
    const p = await parsePolicy(text, '.spock.yml')
    expect(p.disable).toEqual(['rule/name'])
    expect(p.checks?.['rule/label']?.labels[1]).toEqual({name: 'team', value: '[a-z]+', required: false})
    expect(p.checks?.['rule/name']?.record).toBe('\\w+:\\w+')
  })
  test('an unknown key is an error with file:line:column', async () => {
    expect(await errorOf('checks:\n  rule/label:\n    lables: []\n')).toMatch(/\.spock\.yml:3:5: checks\.rule\/label\.lables: unknown field "lables"/)
    expect(await errorOf('disabled: [x]\n')).toMatch(/\.spock\.yml:1:1: disabled: unknown field "disabled"/)
  })
  test('wrong types, bad severities and invalid regexes are errors with positions', async () => {
    expect(await errorOf('severity: {rule/label: fatal}\n')).toMatch(/\.spock\.yml:1:/)
    expect(await errorOf('checks:\n  rule/name: {record: "("}\n')).toMatch(/\.spock\.yml:2:\d+: checks\.rule\/name\.record/)
    expect(await errorOf('disable: rule/name\n')).toMatch(/\.spock\.yml:1:10: disable/)
  })
  test('ids the policy names are checked against the registry', () => {
    expect(unknownPolicyIds({disable: ['rule/name', 'nope'], severity: {'x/y': 'error'}}, new Set(['rule/name']))).toEqual(['nope', 'x/y'])
  })
  test('.spock.yml in the directory is optional; --lint-config must exist', async () => {
    expect(await loadPolicy(undefined, dir)).toEqual({policy: {}})
    await writeFile(join(dir, '.spock.yml'), 'disable: [alerts/for]\n')
    expect((await loadPolicy(undefined, dir)).policy).toEqual({disable: ['alerts/for']})
    await expect(loadPolicy(join(dir, 'missing.yml'), dir)).rejects.toThrow(/cannot read lint policy .*missing\.yml: no such file/)
  })
})
