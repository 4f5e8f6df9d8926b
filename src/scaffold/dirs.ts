// Creating the directory init writes into, one level at a time, with plain-word errors. Node's recursive
// mkdir loops forever under /proc, and reports a file in the way as a raw EEXIST/ENOTDIR.
import {lstat, mkdir, realpath, stat} from 'node:fs/promises'
import {dirname, resolve, sep} from 'node:path'
import {UsageError} from '../errors.js'

const PSEUDO = ['/proc', '/sys', '/dev']

/** Plain words for a failed file-system call on `path`. */
export function fsWhy(e: unknown): string {
  switch ((e as NodeJS.ErrnoException | undefined)?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EROFS':
      return 'the file system is read-only'
    case 'ENOSPC':
      return 'no space left on the device'
    case 'EDQUOT':
      return 'the disk quota is used up'
    case 'ENOTDIR':
      return 'a part of the path is not a directory'
    case 'ENAMETOOLONG':
      return 'the path is too long'
    case 'ELOOP':
      return 'symlink loop (too many levels of symbolic links)'
    case 'EEXIST':
      return 'something else is already there'
    case 'EISDIR':
      return 'it is a directory'
    case 'ENOENT':
      return 'no such file or directory'
    case 'EIO':
      return 'input/output error'
  }
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  return code ? `the system refused (${code})` : e instanceof Error ? e.message : String(e)
}

/** The nearest part of `path` (itself or an ancestor) that exists, and the missing parts below it, top first. */
async function nearestExisting(path: string): Promise<{existing: string; missing: string[]}> {
  const missing: string[] = []
  let at = path
  for (;;) {
    const st = await lstat(at).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' || e.code === 'ENOTDIR' ? undefined : Promise.reject(e)))
    if (st) return {existing: at, missing}
    missing.unshift(at)
    const up = dirname(at)
    if (up === at) return {existing: at, missing}
    at = up
  }
}

const onPseudo = (p: string): string | undefined => PSEUDO.find((root) => p === root || p.startsWith(root + sep))

/** Make sure `dir` is a directory init may write into, creating the missing levels unless `dryRun`. */
export async function ensureDirectory(dir: string, dryRun: boolean, mode?: number): Promise<void> {
  const target = resolve(dir)
  const refuse = (why: string, hint = 'choose another directory') => new UsageError(`cannot use ${target} for spock init: ${why}`, {hint})
  let found: {existing: string; missing: string[]}
  try {
    found = await nearestExisting(target)
  } catch (e) {
    throw refuse(fsWhy(e))
  }
  const real = await realpath(found.existing).catch(() => found.existing)
  const pseudo = onPseudo(real) ?? onPseudo(target)
  if (pseudo) throw refuse(`${pseudo} is a kernel pseudo-file system that holds no ordinary files`)
  const st = await stat(found.existing).catch((e) => {
    throw refuse(fsWhy(e))
  })
  if (!st.isDirectory()) {
    const what = found.existing === target ? 'it is' : `${found.existing} is`
    throw refuse(`${what} ${st.isFile() ? 'a file' : 'not a directory'}, not a directory`, 'name a directory (it is created if missing)')
  }
  if (dryRun) return
  for (const level of found.missing) {
    try {
      await mkdir(level, mode === undefined ? undefined : {mode})
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(level).catch(() => undefined))?.isDirectory()) continue
      throw new UsageError(`cannot create directory ${level}: ${fsWhy(e)}`, {hint: 'choose another directory, or check its permissions'})
    }
  }
}
