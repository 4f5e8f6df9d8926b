// The Prometheus version rules check lints for by default: that of the promtool on the PATH, when there is one.
// Asking promtool costs ~30 ms of CPU (more wall time on a busy machine), so the answer is kept in the user's
// cache directory, keyed by the binary's path, size and modification time: one stat per run after the first.
import {execFile} from 'node:child_process'
import {mkdir, readFile, stat, writeFile} from 'node:fs/promises'
import {homedir} from 'node:os'
import {delimiter, join} from 'node:path'

export interface FoundPromtool {
  path: string
  /** As promtool prints it, e.g. 2.42.0+ds. */
  version: string
  cached: boolean
}

async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<{path: string; key: string} | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const path = join(dir, name)
    const st = await stat(path).catch(() => undefined)
    if (st?.isFile() && st.mode & 0o111) return {path, key: `${path}\0${st.size}\0${st.mtimeMs}`}
  }
  return undefined
}

/** The cache file, and the directory that must already exist for spock to write it (never a new home). */
function cacheFile(env: NodeJS.ProcessEnv): {file: string; root: string} {
  const root = env.XDG_CACHE_HOME || env.HOME || homedir()
  const base = env.XDG_CACHE_HOME || join(root, '.cache')
  return {file: join(base, 'spock', 'promtool-version.json'), root}
}

function askPromtool(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(path, ['--version'], {timeout: 3000, maxBuffer: 64 * 1024}, (err, stdout, stderr) => {
      resolve(err ? undefined : /version (\d+\.\d+\.\d+\S*)/.exec(`${stdout}${stderr}`)?.[1])
    })
  })
}

/** The promtool on the PATH and its version, or undefined when there is none (or it does not answer). */
export async function findPromtool(env: NodeJS.ProcessEnv = process.env): Promise<FoundPromtool | undefined> {
  const found = await findOnPath('promtool', env)
  if (!found) return undefined
  const {file, root} = cacheFile(env)
  const cache = (await readFile(file, 'utf8').then((t) => JSON.parse(t) as Record<string, string>).catch(() => undefined)) ?? {}
  const known = cache[found.key]
  if (typeof known === 'string') return {path: found.path, version: known, cached: true}
  const version = await askPromtool(found.path)
  if (!version) return undefined
  // Best effort: a cache that cannot be written only costs the next run the same question.
  if (await stat(root).then((st) => st.isDirectory(), () => false)) {
    await mkdir(join(file, '..'), {recursive: true})
      .then(() => writeFile(file, JSON.stringify({[found.key]: version})))
      .catch(() => undefined)
  }
  return {path: found.path, version, cached: false}
}
