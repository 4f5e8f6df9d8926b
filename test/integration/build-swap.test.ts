// `npm run build` (and so `npm test`) never leaves dist/ or the manifest unusable while it runs: other runs of
// the CLI meanwhile (tests, a user) see the old build or the new one, never a missing or half-written one.
import {spawn} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {expect, test} from 'vitest'
import {ROOT} from '../support/run-cli.js'

function usable(): string | undefined {
  for (const f of ['dist/main.js', 'dist/commands/status.js', 'dist/commands/rules/check.js']) if (!existsSync(join(ROOT, f))) return `${f} missing`
  try {
    const m = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>}
    if (!m.commands.status) return 'manifest without commands'
  } catch (e) {
    return `manifest unreadable: ${(e as Error).message}`
  }
  return undefined
}

function build(args: string[]): {done: Promise<{code: number; out: string}>} {
  const child = spawn(process.execPath, ['scripts/build.mjs', ...args], {cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe']})
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (out += d.toString()))
  return {done: new Promise((resolve) => child.on('close', (code) => resolve({code: code ?? -1, out})))}
}

test('a forced rebuild swaps dist/ and the manifest in: usable at every moment', async () => {
  const {done} = build(['--force'])
  let finished = false
  void done.then(() => (finished = true))
  const broken: string[] = []
  let looks = 0
  while (!finished) {
    const why = usable()
    if (why) broken.push(why)
    looks++
    await delay(1)
  }
  const r = await done
  expect(r.code, r.out).toBe(0)
  expect(looks).toBeGreaterThan(20)
  expect(broken).toEqual([])
  expect(usable()).toBeUndefined()
})

test('an unchanged tree is not rebuilt', async () => {
  const r = await build([]).done
  expect(r.code, r.out).toBe(0)
  expect(r.out).toContain('build: dist/ is up to date')
})
