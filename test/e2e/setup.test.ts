// README's set-up command, as a newcomer runs it: it leaves a `spock` on the PATH and ends without an error on a
// machine where no server listens. `npm ci` and `npm run build` are left out here (the suite runs after the
// build, and node_modules is shared); the rest runs as written, with npm's global prefix in a temp dir.
import {spawn} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, expect, test} from 'vitest'
import {ROOT} from '../support/run-cli.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const dirs: string[] = []
afterAll(async () => Promise.all(dirs.map((d) => removeTempDir(d))))

function setUpCommand(): string {
  const section = readme.slice(readme.indexOf('## Set-up on a fresh machine'))
  const block = /```sh\n([^\n]+)\n```/.exec(section)
  if (!block) throw new Error('README: no sh block under "Set-up on a fresh machine"')
  return block[1]!
}

function sh(command: string, env: NodeJS.ProcessEnv): Promise<{code: number; out: string; err: string}> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], {cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe']})
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('close', (code) => resolve({code: code ?? -1, out, err}))
  })
}

test('the package is not npm\'s "spock", and installs the command spock', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {name: string; bin: Record<string, string>}
  expect(pkg.name).toBe('spock-ops')
  expect(Object.keys(pkg.bin)).toEqual(['spock'])
  expect(readme).not.toMatch(/^\s*-?\s*(run: )?npx spock/m)
})

test('the set-up command puts spock on the PATH and runs offline commands that pass', async () => {
  const steps = setUpCommand().split(' && ')
  expect(steps.slice(0, 2)).toEqual(['npm ci', 'npm run build'])
  expect(steps).toContain('npm install -g .')
  expect(steps).toContain('spock --help')
  const prefix = await makeTempDir('spock-prefix-')
  dirs.push(prefix)
  const nodeDir = process.execPath.slice(0, process.execPath.lastIndexOf('/'))
  const env = {
    PATH: `${prefix}/bin:${nodeDir}:/usr/bin:/bin`,
    HOME: prefix,
    npm_config_prefix: prefix,
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
    // Nothing listens here: the set-up must not need a server.
    SPOCK_PROMETHEUS_URL: 'http://127.0.0.1:1',
    SPOCK_ALERTMANAGER_URL: 'http://127.0.0.1:1',
  }
  const r = await sh(`${steps.slice(2).join(' && ')} && command -v spock`, env)
  expect(r.code, r.err).toBe(0)
  expect(r.out.trim().split('\n').at(-1)).toBe(`${prefix}/bin/spock`)
  expect(r.out).toContain('USAGE\n  $ spock [COMMAND]')
  expect(r.out).toMatch(/\d+ files?, \d+ rules checked: 0 errors/)
  expect(r.out).toMatch(/\d files? checked: 0 errors/)
})
