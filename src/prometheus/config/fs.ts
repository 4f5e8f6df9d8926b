// The file system as the config checker sees it: sync, injectable for tests.
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {basename, dirname, isAbsolute, join} from 'node:path'

export interface ConfigFs {
  exists(path: string): boolean
  readFile(path: string): string | undefined
  /** Entry names of a directory, or undefined when it cannot be read. */
  list(dir: string): string[] | undefined
}

export const nodeFs: ConfigFs = {
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
      return readFileSync(p, 'utf8')
    } catch {
      return undefined
    }
  },
  list: (dir) => {
    try {
      return readdirSync(dir)
    } catch {
      return undefined
    }
  },
}

/** A path from the config, as Prometheus resolves it (relative to the config file's directory). */
export function resolveAgainst(configPath: string, p: string): string {
  return p === '' || isAbsolute(p) ? p : join(dirname(configPath), p)
}

const META = /[*?[]/

/** filepath.Glob for patterns whose meta characters are in the last element (what Prometheus allows). */
export function glob(fs: ConfigFs, pattern: string): string[] {
  if (!META.test(pattern)) return fs.exists(pattern) ? [pattern] : []
  const dir = dirname(pattern)
  if (META.test(dir)) return []
  const re = globRegExp(basename(pattern))
  if (!re) return []
  return (fs.list(dir) ?? [])
    .filter((name) => re.test(name))
    .sort()
    .map((name) => join(dir, name))
}

function globRegExp(pat: string): RegExp | undefined {
  let out = ''
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!
    if (c === '*') out += '[^/]*'
    else if (c === '?') out += '[^/]'
    else if (c === '[') {
      const end = pat.indexOf(']', i + 2)
      if (end < 0) return undefined
      const body = pat.slice(i + 1, end)
      out += `[${body.startsWith('^') ? '^' + body.slice(1).replace(/\\/g, '\\\\') : body.replace(/\\/g, '\\\\')}]`
      i = end
    } else if (c === '\\' && i + 1 < pat.length) out += escape(pat[++i]!)
    else out += escape(c)
  }
  return new RegExp(`^${out}$`)
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
