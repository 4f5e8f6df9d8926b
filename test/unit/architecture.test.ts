// The layer rules of docs/architecture.md: src/ obeys them, and they catch a planted violation.
import {execFile} from 'node:child_process'
import {copyFileSync, mkdirSync, writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {makeTempDir} from '../support/tmp.js'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../..')
const depcruise = join(root, 'node_modules/.bin/depcruise')

async function cruise(cwd: string): Promise<{code: number; out: string}> {
  try {
    const {stdout} = await run(depcruise, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {cwd})
    return {code: 0, out: stdout}
  } catch (err) {
    const e = err as {code: number; stdout: string; stderr: string}
    return {code: e.code, out: e.stdout + e.stderr}
  }
}

describe('layer rules', () => {
  it('src/ has no sideways or upward import', async () => {
    const r = await cruise(root)
    expect(r.out).toContain('no dependency violations')
    expect(r.code).toBe(0)
  }, 60_000)

  it('fail on sideways, upward and yaml-package imports', async () => {
    const dir = await makeTempDir('spock-layers-')
    copyFileSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'))
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({compilerOptions: {module: 'NodeNext', moduleResolution: 'NodeNext'}}))
    const file = (path: string, text: string): void => {
      mkdirSync(join(dir, path, '..'), {recursive: true})
      writeFileSync(join(dir, path), text)
    }
    file('src/prometheus/api.ts', 'export const api = 1\n')
    file('src/alertmanager/routes.ts', "import {api} from '../prometheus/api.js'\nexport const r = api\n")
    file('src/lint/run.ts', 'export const lint = 1\n')
    file('src/yaml/nodes.ts', "import {lint} from '../lint/run.js'\nexport const n = lint\n")
    file('src/lint/checks/x.ts', 'export const x = 1\n')
    file('src/rules-routes/run.ts', "import {x} from '../lint/checks/x.js'\nimport {lint} from '../lint/run.js'\nexport const y = x + lint\n")
    file('src/output/render.ts', "import {parse} from 'yaml'\nexport const p = parse\n")
    mkdirSync(join(dir, 'node_modules'), {recursive: true})
    file('node_modules/yaml/package.json', JSON.stringify({name: 'yaml', main: 'index.js'}))
    file('node_modules/yaml/index.js', 'exports.parse = () => 1\n')
    const r = await cruise(dir)
    expect(r.code).not.toBe(0)
    expect(r.out).toContain('no-sideways-alertmanager: src/alertmanager/routes.ts → src/prometheus/api.ts')
    expect(r.out).toContain('floor-stays-down: src/yaml/nodes.ts → src/lint/run.ts')
    expect(r.out).toContain('rules-routes-uses-lint-entry: src/rules-routes/run.ts → src/lint/checks/x.ts')
    expect(r.out).not.toContain('src/rules-routes/run.ts → src/lint/run.ts')
    expect(r.out).toMatch(/yaml-through-the-floor: src\/output\/render\.ts → node_modules\/yaml/)
  }, 60_000)
})
