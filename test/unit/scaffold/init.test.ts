import {chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterEach, beforeEach, describe, expect, test} from 'vitest'
import {initProject, withReceiver} from '../../../src/scaffold/init.js'

describe('withReceiver', () => {
  test('replaces everything after the marker with the indented receiver', () => {
    const am = 'route:\n  receiver: default\nreceivers:\n  - name: w\n  # spock:receiver here\n  - name: default\n'
    expect(withReceiver(am, '- name: default\n  webhook_configs:\n    - url: http://x/\n')).toBe(
      'route:\n  receiver: default\nreceivers:\n  - name: w\n  # spock:receiver here\n  - name: default\n    webhook_configs:\n      - url: http://x/\n',
    )
  })
  test('a template without the marker is an error', () => {
    expect(() => withReceiver('receivers: []\n', '- name: x\n')).toThrowError(/has no "# spock:receiver" line/)
  })
})

describe('initProject writes safely', () => {
  const templatesDir = fileURLToPath(new URL('../../../config-templates', import.meta.url))
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spock-init-'))
  })
  afterEach(() => rm(dir, {recursive: true, force: true}))
  const init = (target: string, force = false) => initProject({templatesDir, targetDir: target, receiver: 'webhook', force, dryRun: false})

  test('a symlink planted at the temp path is never written through', async () => {
    const target = join(dir, 'out')
    await mkdir(target)
    const victim = join(dir, 'victim.txt')
    await writeFile(victim, 'precious\n')
    for (const f of ['prometheus.yml', 'alerts.yml', 'alertmanager.yml']) await symlink(victim, join(target, `${f}.spock-tmp`))
    await init(target)
    expect(await readFile(victim, 'utf8')).toBe('precious\n')
    expect(await readFile(join(target, 'prometheus.yml'), 'utf8')).toMatch(/scrape_configs/)
    expect((await readdir(target)).filter((f) => f.includes('spock-tmp-'))).toEqual([]) // no temp file left behind
  })
  test('--force replaces a symlink at the target instead of writing through it', async () => {
    const victim = join(dir, 'victim.txt')
    await writeFile(victim, 'precious\n')
    await symlink(victim, join(dir, 'alerts.yml'))
    await expect(init(dir)).rejects.toThrowError(/alerts.yml already exists/)
    await init(dir, true)
    expect(await readFile(victim, 'utf8')).toBe('precious\n')
    expect((await lstat(join(dir, 'alerts.yml'))).isFile()).toBe(true)
  })
  test('--force keeps the mode of the file it replaces', async () => {
    await writeFile(join(dir, 'alertmanager.yml'), 'old\n', {mode: 0o600})
    await chmod(join(dir, 'alertmanager.yml'), 0o600)
    await init(dir, true)
    expect((await stat(join(dir, 'alertmanager.yml'))).mode & 0o777).toBe(0o600)
    expect(await readFile(join(dir, 'alertmanager.yml'), 'utf8')).toMatch(/receivers:/)
  })
})
