// Start-up shortcuts must not change what spock does: --version without oclif prints what oclif printed, and
// V8's compile cache (bin/compile-cache.js; used on Node >= 22.1) never serves the code of an older build,
// and a cache that cannot be written (or no HOME) changes nothing.
import {execFile} from 'node:child_process'
import {cp, mkdir, readdir, readFile, realpath, symlink, writeFile} from 'node:fs/promises'
import module from 'node:module'
import {delimiter, dirname, join} from 'node:path'
import {Config} from '@oclif/core'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {ROOT, runCli} from '../support/run-cli.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const RULE = join(ROOT, 'test/fixtures/one-rule.yml')
const hasCompileCache = typeof (module as {enableCompileCache?: unknown}).enableCompileCache === 'function'

test.each([['--version'], ['-V']])('%s prints oclif’s user agent, as oclif did', async (flag) => {
  const r = await runCli([flag])
  expect(r).toEqual({code: 0, stdout: `${(await Config.load(ROOT)).userAgent}\n`, stderr: ''})
})

/** A copy of the built CLI in a temp dir: the tests change it as a rebuild would. */
async function copyCli(prefix: string): Promise<{dir: string; app: string}> {
  const dir = await makeTempDir(prefix)
  const app = join(dir, 'app')
  for (const f of ['bin', 'dist', 'package.json', 'oclif.manifest.json']) await cp(join(ROOT, f), join(app, f), {recursive: true})
  await symlink(await realpath(join(ROOT, 'node_modules')), join(app, 'node_modules'))
  return {dir, app}
}

/** The copied CLI through its shebang, with exactly this environment (plus PATH to this node). */
function runCopy(dir: string, app: string, args: string[], env: Record<string, string>) {
  return new Promise<{code: number; stdout: string; stderr: string}>((done) => {
    const PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH}`
    execFile(join(app, 'bin/run.js'), args, {env: {PATH, ...env}, cwd: dir}, (err, stdout, stderr) =>
      done({code: err ? Number((err as {code?: number}).code ?? -1) : 0, stdout, stderr}),
    )
  })
}

describe('the compile cache', () => {
  let dir: string
  let app: string

  beforeAll(async () => ({dir, app} = await copyCli('spock-startup-')))
  afterAll(() => removeTempDir(dir))

  const run = (args: string[], env: Record<string, string>) => runCopy(dir, app, args, {NO_COLOR: '1', ...env})
  const check = (env: Record<string, string>) => run(['rules', 'check', '--prometheus-version', '2.42', RULE], env)

  test('a rebuilt dist/ is run, never the cached code of the old one', async () => {
    const env = {XDG_CACHE_HOME: join(dir, 'cache')}
    const before = await check(env)
    expect(before.stdout).toContain('which is not allowed')
    expect((await check(env)).stdout).toBe(before.stdout) // the second run reads the cache (Node >= 22.1)
    if (hasCompileCache) expect(await readdir(join(dir, 'cache/spock/compile-cache'))).not.toHaveLength(0)
    // "Rebuild": the same file, the same length (V8's own check compares lengths), a different message.
    const chunks = (await readdir(join(app, 'dist'))).filter((f) => f.endsWith('.js'))
    let changed = 0
    for (const f of chunks) {
      const text = await readFile(join(app, 'dist', f), 'utf8')
      if (!text.includes('which is not allowed')) continue
      await writeFile(join(app, 'dist', f), text.replaceAll('which is not allowed', 'which is NOT ALLOWED'))
      changed++
    }
    expect(changed).toBe(1)
    const after = await check(env)
    expect(after.code).toBe(before.code)
    expect(after.stdout).toContain('which is NOT ALLOWED')
    expect(after.stdout).not.toContain('which is not allowed')
  })

  test('an unusable cache directory or no HOME: the same output, no warning', async () => {
    const base = await check({SPOCK_NO_COMPILE_CACHE: '1', HOME: dir})
    expect(base.stderr).toBe('')
    const file = join(dir, 'a-file')
    await writeFile(file, '')
    const readOnly = join(dir, 'read-only')
    await mkdir(readOnly, {mode: 0o500})
    // Below a regular file (mkdir fails even as root), read-only, and neither XDG_CACHE_HOME nor HOME.
    const envs: Record<string, string>[] = [{XDG_CACHE_HOME: join(file, 'below')}, {XDG_CACHE_HOME: readOnly}, {}]
    for (const env of envs) {
      expect(await check(env)).toEqual(base)
    }
  })
})

describe('the help cache', () => {
  let dir: string
  let app: string

  beforeAll(async () => ({dir, app} = await copyCli('spock-help-')))
  afterAll(() => removeTempDir(dir))

  const run = (args: string[], env: Record<string, string>) => runCopy(dir, app, args, env)

  test.each([[[]], [['--help']], [['-h']], [['rules', 'check', '--help']], [['help', 'silences']], [['silences', 'create', '-h']]])(
    'spock %j: the cached text is what oclif prints',
    async (args) => {
      const env = {XDG_CACHE_HOME: join(dir, 'cache')}
      const oclif = await run(args, {...env, SPOCK_NO_HELP_CACHE: '1'})
      expect(oclif.code).toBe(0)
      expect(oclif.stdout).toContain('USAGE')
      const first = await run(args, env) // oclif, kept
      const second = await run(args, env) // the cache
      expect(first).toEqual(oclif)
      expect(second).toEqual(oclif)
    },
  )

  test('kept per terminal and environment: FORCE_COLOR gets its own text', async () => {
    const env = {XDG_CACHE_HOME: join(dir, 'cache-colour')}
    const plain = await run(['rules', 'check', '--help'], env)
    const colour = await run(['rules', 'check', '--help'], {...env, FORCE_COLOR: '1'})
    expect(colour.stdout).toContain('\u001B[')
    expect(plain.stdout).not.toContain('\u001B[')
    expect((await run(['rules', 'check', '--help'], env)).stdout).toBe(plain.stdout)
    expect(await readdir(join(dir, 'cache-colour/spock/help'))).toHaveLength(2)
  })

  test('errors are never cached, and a rebuilt dist/ never prints the old text', async () => {
    const env = {XDG_CACHE_HOME: join(dir, 'cache-rebuild')}
    const missing = await run(['no-such-command', '--help'], env)
    expect(missing.code).toBe(2)
    expect(await run(['no-such-command', '--help'], env)).toEqual(missing)
    const before = await run(['rules', 'check', '--help'], env)
    expect(before.stdout).toContain('Lint Prometheus rule files')
    // "Rebuild": a new description in the manifest, and a new inputs hash as the build writes it.
    const manifest = join(app, 'oclif.manifest.json')
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replaceAll('Lint Prometheus rule files', 'LINT PROMETHEUS RULE FILES'))
    await writeFile(join(app, 'dist/.inputs'), 'another build')
    const after = await run(['rules', 'check', '--help'], env)
    expect(after.stdout).toContain('LINT PROMETHEUS RULE FILES')
    expect(after.stdout).not.toContain('Lint Prometheus rule files')
  })
})
