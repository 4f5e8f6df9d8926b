// The CLI entry that bin/run.js imports. @oclif/core is bundled into dist/ with the commands (one module
// graph, no node_modules resolution at start-up); the help and autocomplete plugins load their own copy.
// `spock --version` prints oclif's user agent without loading oclif (its bundle is most of start-up), and
// help comes from a cache after its first call (help-cache.ts).
import {readFileSync} from 'node:fs'
import {arch, platform} from 'node:os'
import {fileURLToPath} from 'node:url'
import {captureStdout, helpCache} from './help-cache.js'

export async function main(dir: string): Promise<void> {
  const agent = await versionOnly(dir, process.argv.slice(2))
  if (agent !== undefined) {
    process.stdout.write(`${agent}\n`)
    return
  }
  const argv = process.argv.slice(2)
  const help = helpCache(dir, argv)
  if (help?.text !== undefined) {
    process.stdout.write(help.text)
    return
  }
  // @oclif/core is CommonJS: its exports are the default of the dynamically imported chunk.
  const oclif = await import('@oclif/core')
  if (!help) {
    await oclif.default.execute({dir})
    return
  }
  const text = await captureStdout(async () => {
    await oclif.default.execute({dir})
  })
  if (!process.exitCode && text !== '') help.save(text)
}

interface Pjson {
  name: string
  version?: string
  oclif?: {additionalVersionFlags?: string[]}
}

/** oclif's `config.userAgent` when argv asks only for the version (oclif's versionAddition), else undefined. */
async function versionOnly(dir: string, argv: string[]): Promise<string | undefined> {
  const first = argv[0]
  if (first === undefined || !first.startsWith('-')) return undefined
  let pjson: Pjson
  try {
    pjson = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', dir)), 'utf8')) as Pjson
  } catch {
    return undefined // oclif reports whatever is wrong
  }
  if (!['--version', ...(pjson.oclif?.additionalVersionFlags ?? [])].includes(first)) return undefined
  // oclif's getPlatform: 'wsl' under WSL, else os.platform(); x86 for ia32.
  const os = (await import('wsl-utils')).isWsl ? 'wsl' : platform()
  const cpu = arch() === 'ia32' ? 'x86' : arch()
  return `${pjson.name}/${pjson.version ?? '0.0.0'} ${os}-${cpu} node-${process.version}`
}
