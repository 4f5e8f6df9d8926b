import {chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterEach, beforeEach, describe, expect, test} from 'vitest'
import {initProject} from '../../../src/scaffold/init.js'
import {parseReceivers, type InitChoices} from '../../../src/scaffold/options.js'

const choices: InitChoices = {
  receivers: parseReceivers([]), routing: 'severity', scrapes: [], interval: '30s', labels: {}, regions: [], rules: ['meta'],
  metricPrefix: 'app_', slo: 99.9, alertmanagerVersion: '0.25', prometheusVersion: '2.42',
}

describe('initProject writes safely', () => {
  const templatesDir = fileURLToPath(new URL('../../../config-templates', import.meta.url))
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spock-init-'))
  })
  afterEach(() => rm(dir, {recursive: true, force: true}))
  const init = (target: string, force = false) => initProject({templatesDir, targetDir: target, choices, force, dryRun: false})

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

// Issue #10: a path that cannot hold the files is a clear usage error, never "internal error" or a spin.
describe('initProject refuses unusable directories in plain words', () => {
  const templatesDir = fileURLToPath(new URL('../../../config-templates', import.meta.url))
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spock-init-'))
  })
  afterEach(() => rm(dir, {recursive: true, force: true}))
  const init = (target: string, dryRun = false) => initProject({templatesDir, targetDir: target, choices, force: false, dryRun})

  test.each([false, true])('a path that is a file (dry run %s)', async (dryRun) => {
    await writeFile(join(dir, 'file'), 'x')
    await expect(init(join(dir, 'file'), dryRun)).rejects.toThrowError(/^cannot use .*\/file for spock init: it is a file, not a directory$/)
    await expect(init(join(dir, 'file', 'sub'), dryRun)).rejects.toThrowError(/\/file is a file, not a directory/)
  })
  test('under /sys and /proc: refused at once (Node\'s recursive mkdir spins forever under /proc)', async () => {
    const t0 = Date.now()
    await expect(init('/proc/spock-x/y')).rejects.toThrowError(/\/proc is a kernel pseudo-file system/)
    await expect(init('/sys/spock-x')).rejects.toThrowError(/\/sys is a kernel pseudo-file system/)
    expect(Date.now() - t0).toBeLessThan(2000)
  })
  test('dry run over existing files gives the same refusal as the real run', async () => {
    await writeFile(join(dir, 'alerts.yml'), 'groups: []\n')
    await expect(init(dir, true)).rejects.toThrowError(/alerts.yml already exists; nothing would be written/)
    await expect(init(dir, false)).rejects.toThrowError(/alerts.yml already exists; nothing was written/)
  })
})

describe('secrets are files, never inline', () => {
  const templatesDir = fileURLToPath(new URL('../../../config-templates', import.meta.url))
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spock-init-'))
  })
  afterEach(() => rm(dir, {recursive: true, force: true}))

  test('--env-file writes each known variable to its secret file, mode 0600; the configs hold only paths', async () => {
    const env = {path: '.env', text: 'export SLACK_WEBHOOK_URL="https://hooks.slack.example/T0/B0/xyz"\nSMTP_PASSWORD=s3cret # smtp\nDISCORD_WEBHOOK_URL=https://discord.example/api/webhooks/1/tok\nUNUSED=1\n'}
    const r = await initProject({
      templatesDir, targetDir: dir, force: false, dryRun: false, envFile: env,
      choices: {...choices, receivers: parseReceivers(['slack', 'email', 'discord', 'pagerduty'])},
    })
    const secret = (n: string) => readFile(join(dir, 'secrets', n), 'utf8')
    expect(await secret('slack-webhook-url')).toBe('https://hooks.slack.example/T0/B0/xyz')
    expect(await secret('email-smtp-password')).toBe('s3cret')
    expect(await secret('discord-webhook-url')).toBe('https://discord.example/api/webhooks/1/tok/slack') // Slack-compatible endpoint on 0.25
    expect((await stat(join(dir, 'secrets', 'slack-webhook-url'))).mode & 0o777).toBe(0o600)
    expect((await stat(join(dir, 'secrets'))).mode & 0o777).toBe(0o700)
    const am = await readFile(join(dir, 'alertmanager.yml'), 'utf8')
    expect(am).not.toMatch(/xyz|s3cret|tok/)
    expect(am).toContain(`api_url_file: ${join(dir, 'secrets', 'slack-webhook-url')}`)
    expect(r.secrets.map((s) => [s.env[0], s.written])).toEqual([['SLACK_WEBHOOK_URL', true], ['EMAIL_SMTP_PASSWORD', true], ['DISCORD_WEBHOOK_URL', true], ['PAGERDUTY_ROUTING_KEY', false]])
    expect(r.notes.join('\n')).toMatch(/not used: UNUSED/)
    expect(JSON.stringify(r)).not.toMatch(/xyz|s3cret/)
  })
  test('a symlinked secrets dir is refused', async () => {
    await mkdir(join(dir, 'elsewhere'))
    await symlink(join(dir, 'elsewhere'), join(dir, 'secrets'))
    await expect(initProject({templatesDir, targetDir: dir, force: true, dryRun: false, envFile: {path: '.env', text: 'SLACK_WEBHOOK_URL=x\n'}, choices: {...choices, receivers: parseReceivers(['slack'])}}))
      .rejects.toThrowError(/secrets is a symbolic link/)
    expect(await readdir(join(dir, 'elsewhere'))).toEqual([])
  })
})
