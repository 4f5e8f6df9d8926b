// Usage errors of every command, from the manifest (commands added later are covered too): a missing or an
// extra argument is one readable line naming it, with the command's usage as the hint, exit 2.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {ROOT, runCli} from '../support/run-cli.js'

interface ManifestCommand {
  strict?: boolean
  args: Record<string, {name: string; description?: string; required?: boolean}>
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>}
const commands = Object.entries(manifest.commands)
const words = (id: string) => id.split(':')
const withRequired = commands.filter(([, c]) => Object.values(c.args).some((a) => a.required))
const strict = commands.filter(([, c]) => c.strict !== false)

describe('usage errors', () => {
  test('the manifest has commands with required arguments and strict commands', () => {
    expect(withRequired.length).toBeGreaterThanOrEqual(3)
    expect(strict.length).toBeGreaterThanOrEqual(8)
  })

  test('every argument has a one-line description', () => {
    for (const [id, c] of commands) {
      for (const a of Object.values(c.args)) expect(a.description ?? '', `${id} ${a.name}`).toMatch(/^\S[^\n]*$/)
    }
  })

  test.each(withRequired.map(([id, c]) => [id.replaceAll(':', ' '), c] as const))('%s without its argument', async (name, c) => {
    const r = await runCli(words(name.replaceAll(' ', ':')))
    const arg = Object.values(c.args).find((a) => a.required)!
    expect(r.code).toBe(2)
    const [line, hint, ...more] = r.stderr.split('\n')
    expect(line).toMatch(new RegExp(`^spock: error: missing ${arg.name.toUpperCase()} \\([^;()]+\\)$`))
    expect(hint).toMatch(new RegExp(`^  hint: usage: spock ${name} ${arg.name.toUpperCase()}\\b`))
    expect(more).toEqual([''])
    expect(r.stderr).not.toMatch(/required arg|Note:|;\s*;/)
  })

  test.each(strict.map(([id, c]) => [id.replaceAll(':', ' '), Object.keys(c.args).length] as const))('%s with words it does not take', async (name, n) => {
    const extra = Array.from({length: n + 2}, (_, k) => `extra${k}`)
    const r = await runCli([...name.split(' '), ...extra])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(n === 0 ? new RegExp(`^spock: error: "spock ${name}" takes no arguments, but got "extra0", "extra1"\\n`) : /^spock: error: too many arguments: "extra\d"/)
    expect(r.stderr).toMatch(new RegExp(`\\n  hint: usage: spock ${name}\\b`))
    expect(r.stderr).not.toMatch(/is not a spock command/)
  })

  test('a bad flag value names the flag', async () => {
    const r = await runCli(['tsdb', 'status', '--limit', 'abc'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('spock: error: invalid value for --limit: expected an integer but received: abc\n  hint: see "spock tsdb status --help" for what --limit takes\n')
  })
})
