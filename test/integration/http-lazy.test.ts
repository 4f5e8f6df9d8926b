// undici is loaded only by commands that talk to a server. The built CLI runs with a module loader hook
// that logs every file it loads; no file an offline command loads may contain undici's code (esbuild
// bundles it into a chunk of its own, which keeps undici's source paths in comments).
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {unusedUrl} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const UNDICI_CODE = /node_modules\/undici\/lib\//
let dir: string
let register: string

beforeAll(async () => {
  dir = await makeTempDir('spock-http-lazy-')
  const hooks = join(dir, 'hooks.mjs')
  await writeFile(
    hooks,
    "import {appendFileSync} from 'node:fs'\n" +
      'export async function load(url, context, next) {\n' +
      "  if (url.startsWith('file:')) appendFileSync(process.env.SPOCK_TEST_MODULE_LOG, url + '\\n')\n" +
      '  return next(url, context)\n}\n',
  )
  register = join(dir, 'register.mjs')
  await writeFile(register, `import {register} from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`)
})
afterAll(() => removeTempDir(dir))

/** The files the CLI loaded for these arguments, and which of them hold undici's code. */
async function loaded(args: string[], name: string): Promise<{files: string[]; undici: string[]; code: number}> {
  const log = join(dir, `${name}.log`)
  await writeFile(log, '')
  const r = await runCli(args, {env: {NODE_OPTIONS: `--import=${pathToFileURL(register).href}`, SPOCK_TEST_MODULE_LOG: log}})
  const files = [...new Set((await readFile(log, 'utf8')).split('\n').filter(Boolean))].map((u) => fileURLToPath(u))
  const undici: string[] = []
  for (const f of files) if (UNDICI_CODE.test(await readFile(f, 'utf8'))) undici.push(f)
  return {files, undici, code: r.code}
}

test.each([
  ['--version', ['--version']],
  ['rules check', ['rules', 'check', 'test/fixtures/one-rule.yml']],
  ['config check', ['config', 'check', 'test/fixtures/alertmanager-routing.yml']],
  ['routes test --config', ['routes', 'test', '--config', 'test/fixtures/alertmanager-routing.yml', 'team=db']],
])('%s never loads undici', async (name, args) => {
  const r = await loaded(args, name.replace(/\W+/g, '-'))
  expect(r.code).toBe(0)
  expect(r.files.some((f) => f.endsWith('/dist/main.js'))).toBe(true) // the hook saw the CLI load
  expect(r.undici).toEqual([])
})

test('a command that talks to a server does load it (so the check above can fail)', async () => {
  const r = await loaded(['silences', 'list', '--alertmanager-url', await unusedUrl()], 'silences-list')
  expect(r.code).toBe(3)
  expect(r.undici).toHaveLength(1)
})
