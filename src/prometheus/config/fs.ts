// The file system as the config checker sees it: sync, injectable for tests. Reads and globs go through
// src/files: regular files only, a size cap, bounded globs.
import {readdirSync, statSync} from 'node:fs'
import {dirname, isAbsolute, join} from 'node:path'
import {expandGlob, kindOf, nodeGlobFs, type EntryKind, type GlobFs, type GlobMatch} from '../../files/glob.js'
import {readFileSafeSync, type ReadLimits} from '../../files/read.js'

export interface ConfigFs {
  exists(path: string): boolean
  /** The file's text; undefined when it does not exist. Other failures (not a regular file, too big) throw a FileError. */
  readFile(path: string): string | undefined
  /** Entry names of a directory, or undefined when it cannot be read. */
  list(dir: string): string[] | undefined
  /** What the path is (symlinks followed); without it, anything that exists counts as a regular file. */
  kind?(path: string): EntryKind | undefined
}

const onDisk = new WeakSet<ConfigFs>()

export function nodeConfigFs(limits: ReadLimits = {}): ConfigFs {
  const fs: ConfigFs = {
    exists: (p) => {
      try {
        statSync(p)
        return true
      } catch {
        return false
      }
    },
    readFile: (p) => {
      try {
        statSync(p)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      }
      return readFileSafeSync(p, limits).toString('utf8')
    },
    list: (dir) => {
      try {
        return readdirSync(dir)
      } catch {
        return undefined
      }
    },
    kind: (p) => {
      try {
        return kindOf(statSync(p))
      } catch {
        return undefined
      }
    },
  }
  onDisk.add(fs)
  return fs
}

export const nodeFs: ConfigFs = nodeConfigFs()

/** A path from the config, as Prometheus resolves it (relative to the config file's directory). */
export function resolveAgainst(configPath: string, p: string): string {
  return p === '' || isAbsolute(p) ? p : join(dirname(configPath), p)
}

/**
 * filepath.Glob through the bounded glob, for patterns whose wildcards are in the last element (what
 * Prometheus allows; it rejects the others when it loads the config): matches with what each one is.
 * Throws a GlobError past the bounds.
 */
export function glob(fs: ConfigFs, pattern: string): GlobMatch[] {
  if (pattern === '' || /[*?[]/.test(dirname(pattern))) return []
  return expandGlob(pattern, {fs: onDisk.has(fs) ? nodeGlobFs : globFs(fs)})
}

function globFs(fs: ConfigFs): GlobFs {
  return {
    list: (dir) => fs.list(dir || '.')?.map((name) => ({name, dir: false})),
    kind: (p) => (fs.kind ? fs.kind(p) : fs.exists(p) ? 'file' : undefined),
  }
}
