import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, test} from 'vitest'
import {listContexts, useContext} from '../../../src/context/contexts.js'
import {configPath, loadConfig} from '../../../src/context/load.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spock-load-'))
})
afterEach(async () => {
  await rm(dir, {recursive: true, force: true})
})

describe('configPath', () => {
  test('flag, then SPOCK_CONFIG, then XDG, then HOME', () => {
    expect(configPath('/f.yml', {SPOCK_CONFIG: '/e.yml'})).toEqual({path: '/f.yml', explicit: true})
    expect(configPath(undefined, {SPOCK_CONFIG: '/e.yml'})).toEqual({path: '/e.yml', explicit: true})
    expect(configPath(undefined, {XDG_CONFIG_HOME: '/x', HOME: '/h'}).path).toBe('/x/spock/config.yml')
    expect(configPath(undefined, {HOME: '/h'}).path).toBe('/h/.config/spock/config.yml')
  })
})

describe('loadConfig', () => {
  test('a missing default file is fine; a missing explicit file is an error', async () => {
    expect((await loadConfig(undefined, {HOME: dir})).exists).toBe(false)
    await expect(loadConfig(join(dir, 'nope.yml'), {})).rejects.toThrowError(/cannot read spock config .*nope.yml: no such file/)
  })

  test('every problem is reported with file:line:column', async () => {
    // Given a config with an unknown key, a wrong type, and an inline password
    const path = join(dir, 'config.yml')
    await writeFile(
      path,
      ['current-context: prod', 'contexts:', '  prod:', '    prometheus:', '      url: 42', '      timout: 5s', '    alertmanager:', '      basic_auth: {username: u, password: hunter2}', ''].join('\n'),
    )
    // When it is loaded
    const err = await loadConfig(path, {}).catch((e: Error) => e)
    // Then each problem has its own line, with positions
    expect(err).toBeInstanceOf(Error)
    const msg = (err as Error).message
    expect(msg).toContain(`${path}:5:12: contexts.prod.prometheus.url: "url" must be a string`)
    expect(msg).toContain(`${path}:6:7: contexts.prod.prometheus.timout: unknown field "timout"`)
    expect(msg).toContain(`${path}:8:33: contexts.prod.alertmanager.basic_auth.password: unknown field "password"`)
    expect(msg).not.toContain('hunter2')
  })

  test('current-context must exist', async () => {
    const path = join(dir, 'config.yml')
    await writeFile(path, 'current-context: nope\ncontexts:\n  prod: {}\n')
    await expect(loadConfig(path, {})).rejects.toThrowError(/config.yml:1:18: current-context "nope" is not defined/)
  })

  test('YAML syntax errors are positioned', async () => {
    const path = join(dir, 'config.yml')
    await writeFile(path, 'contexts:\n  a: 1\n  a: 2\n')
    await expect(loadConfig(path, {})).rejects.toThrowError(/config.yml:3:3: Map keys must be unique/)
  })
})

describe('contexts', () => {
  test('use keeps comments and other keys; list marks the current one', async () => {
    const path = join(dir, 'config.yml')
    await writeFile(path, '# my contexts\ncurrent-context: a\ncontexts:\n  a: {prometheus: {url: "http://u:pw@a:9090"}}\n  b: {alertmanager: {urls: [http://b:9093, http://T0KEN@c:9093]}}\n')
    const before = await loadConfig(path, {})
    await useContext(path, before.config, 'b')
    const text = await readFile(path, 'utf8')
    expect(text).toContain('# my contexts')
    expect(text).toContain('current-context: b')
    const after = await loadConfig(path, {})
    expect(listContexts(after.config)).toEqual([
      {name: 'a', current: false, prometheus: 'http://xxxxx:xxxxx@a:9090/', alertmanager: []},
      {name: 'b', current: true, prometheus: '', alertmanager: ['http://b:9093/', 'http://xxxxx@c:9093/']},
    ])
    await expect(useContext(path, after.config, 'c')).rejects.toThrowError(/context "c" is not defined/)
  })
})
