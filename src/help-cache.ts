// Help text without loading oclif on the second call. oclif's help is most of `spock --help`'s start-up
// (its bundle, the manifest, the help plugin), yet its output depends only on the build, the argv, the
// terminal (width, colour) and a few environment variables. The first `--help` runs oclif and keeps what it
// printed; later ones with the same key print it back. The key holds dist/.inputs (a hash of every build
// input), so a rebuilt or upgraded spock never prints an old text. The cache lives beside the compile cache
// ($XDG_CACHE_HOME/spock or ~/.cache/spock); SPOCK_NO_HELP_CACHE=1 turns it off, and any error just means
// no cache.
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {arch, platform} from 'node:os'
import {isAbsolute, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const WORD = /^[a-z][a-z0-9-]*(:[a-z0-9-]+)*$/
// What chalk (supports-color) and oclif's help read besides the terminal itself.
const ENV = /^(FORCE_COLOR|NO_COLOR|TERM|COLORTERM|TERM_PROGRAM(_VERSION)?|CI|CI_NAME|GITHUB_ACTIONS|GITEA_ACTIONS|BUILDKITE|DRONE|TRAVIS|CIRCLECI|APPVEYOR|GITLAB_CI|TEAMCITY_VERSION|TF_BUILD|COLUMNS|OCLIF_.*|SPOCK_.*|DEBUG)$/

/** True when argv only asks for help: `spock`, `spock --help|-h`, `spock WORDS... --help|-h`, `spock help WORDS...`. */
export function isHelpOnly(argv: string[]): boolean {
  if (argv.length === 0) return true
  const last = argv.at(-1)!
  if (last === '--help' || last === '-h') return argv.slice(0, -1).every((w) => WORD.test(w))
  return argv[0] === 'help' && argv.slice(1).every((w) => WORD.test(w))
}

export interface HelpCache {
  /** The cached text, when there is one. */
  text?: string
  /** Keep what oclif printed for next time. */
  save(text: string): void
}

export function helpCache(dir: string, argv: string[], env = process.env): HelpCache | undefined {
  if (env.SPOCK_NO_HELP_CACHE || !isHelpOnly(argv)) return undefined
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : env.HOME ? join(env.HOME, '.cache') : undefined
  if (!base) return undefined
  let build: string
  try {
    build = readFileSync(fileURLToPath(new URL('../dist/.inputs', dir)), 'utf8')
  } catch {
    return undefined // not a built dist/
  }
  const tty = process.stdout.isTTY ? `${process.stdout.columns ?? 0}x${process.stdout.getColorDepth?.(env) ?? 0}` : 'pipe'
  const vars = Object.keys(env).filter((k) => ENV.test(k)).sort().map((k) => `${k}=${env[k]}`)
  const key = createHash('sha256').update(JSON.stringify([build, argv, tty, vars, process.version, platform(), arch(), fileURLToPath(dir)])).digest('hex')
  const folder = join(base, 'spock', 'help')
  const file = join(folder, `${key.slice(0, 32)}.txt`)
  let text: string | undefined
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    text = undefined
  }
  return {
    text,
    save(out: string) {
      try {
        mkdirSync(folder, {recursive: true})
        const tmp = `${file}.${process.pid}`
        writeFileSync(tmp, out)
        renameSync(tmp, file) // readers see the whole text or none
      } catch {
        // no cache: next time oclif prints the help again
      }
    },
  }
}

/** Runs `fn` while copying what it writes to stdout. */
export async function captureStdout(fn: () => Promise<void>): Promise<string> {
  const chunks: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest)
  }) as typeof process.stdout.write
  try {
    await fn()
  } finally {
    process.stdout.write = write
  }
  return chunks.join('')
}
