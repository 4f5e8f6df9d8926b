// Every command takes -o table|json|yaml with SPOCK_OUTPUT as its environment twin, and one name for the
// human format (table; text is its alias). Read from oclif.manifest.json, so commands added later are held
// to it too; one command is run to show the variable is honoured at run time, not only declared.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {ROOT, runCli} from '../support/run-cli.js'

interface ManifestFlag {
  name: string
  char?: string
  env?: string
  default?: unknown
  options?: string[]
  type: string
  allowNo?: boolean
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, {flags: Record<string, ManifestFlag>}>}
const commands = Object.entries(manifest.commands)
/** Formats for programs and CI; every other option of -o is a name of the human format. */
const MACHINE = new Set(['json', 'yaml', 'github', 'sarif', 'junit', 'checkstyle'])

describe('-o/--output on every command', () => {
  test('the manifest lists the commands', () => {
    expect(commands.length).toBeGreaterThanOrEqual(30)
  })

  test.each(commands.map(([id, c]) => [id.replaceAll(':', ' '), c.flags] as const))('%s', (_name, flags) => {
    const o = flags.output
    expect(o, 'no --output flag').toBeDefined()
    expect({char: o!.char, env: o!.env, type: o!.type, default: o!.default}).toEqual({char: 'o', env: 'SPOCK_OUTPUT', type: 'option', default: 'table'})
    expect(o!.options).toEqual(expect.arrayContaining(['table', 'json', 'yaml']))
    expect(o!.options!.filter((x) => !MACHINE.has(x))).toEqual(['table', 'text'])
    // The shared flags beside it, and no second way to pick a format.
    expect(Object.keys(flags)).toEqual(expect.arrayContaining(['json', 'no-color', 'verbose']))
    expect(Object.values(flags).filter((f) => f.char === 'o' || f.env === 'SPOCK_OUTPUT').map((f) => f.name)).toEqual(['output'])
    expect(Object.keys(flags).filter((n) => /^(format|output-format|out)$/.test(n))).toEqual([])
  })

  test('SPOCK_OUTPUT is honoured at run time, and -o wins over it', async () => {
    const yaml = await runCli(['checks', 'list'], {env: {SPOCK_OUTPUT: 'yaml'}})
    expect(yaml.code, yaml.stderr).toBe(0)
    expect(yaml.stdout).toMatch(/^- id: /)
    const table = await runCli(['checks', 'list', '-o', 'text'], {env: {SPOCK_OUTPUT: 'json'}})
    expect(table.stdout).toMatch(/^ID\s/)
  })
})
