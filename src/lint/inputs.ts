// Expand command-line inputs: files, directories (recursive *.yml/*.yaml), globs, `-` (stdin).
import {readdir, stat} from 'node:fs/promises'
import {join, sep} from 'node:path'
import {append} from '../append.js'

export interface Input {
  path: string // as given, or as found under a directory/glob; '-' for stdin
  missing?: string // why it cannot be read (no match, not found)
}

const RULE_EXT = /\.ya?ml$/i
const GLOB_CHARS = /[*?[]/

export async function expandInputs(args: readonly string[]): Promise<Input[]> {
  const out: Input[] = []
  const seen = new Set<string>()
  const add = (input: Input) => {
    if (seen.has(input.path)) return
    seen.add(input.path)
    out.push(input)
  }
  for (const arg of args) {
    if (arg === '-') add({path: '-'})
    else if (GLOB_CHARS.test(arg)) {
      const found = await expandGlob(arg)
      if (found.length === 0) add({path: arg, missing: 'no file matches this pattern'})
      for (const f of found) add({path: f})
    } else {
      const st = await stat(arg).catch(() => undefined)
      if (!st) add({path: arg, missing: 'no such file or directory'})
      else if (st.isDirectory()) for (const f of await walk(arg)) add({path: f})
      else add({path: arg})
    }
  }
  return out
}

/** Every *.yml / *.yaml file under dir, sorted, skipping dot-directories. */
export async function walk(dir: string, match: (path: string) => boolean = (p) => RULE_EXT.test(p)): Promise<string[]> {
  const entries = await readdir(dir, {withFileTypes: true}).catch(() => [])
  const files: string[] = []
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, e.name)
    if (e.isDirectory()) {
      if (!e.name.startsWith('.')) append(files, await walk(p, match))
    } else if (match(p)) files.push(p)
  }
  return files
}

export async function expandGlob(pattern: string): Promise<string[]> {
  const norm = (p: string) => p.replace(/^\.\//, '')
  const pat = norm(pattern)
  const parts = pat.split('/')
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p))
  const base = parts.slice(0, firstGlob).join('/') || (pat.startsWith('/') ? '/' : '.')
  const re = globToRegExp(pat)
  return walk(base, (p) => re.test(norm(p)))
}

/** `*` and `?` stay within a path segment, `**` spans segments, `[...]` is a class. */
export function globToRegExp(pattern: string): RegExp {
  let re = ''
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k]!
    if (c === '*' && pattern[k + 1] === '*') {
      const slash = pattern[k + 2] === '/'
      re += slash ? '(?:.*/)?' : '.*'
      k += slash ? 2 : 1
    } else if (c === '*') re += `[^${escape(sep)}/]*`
    else if (c === '?') re += '[^/]'
    else if (c === '[') {
      const close = pattern.indexOf(']', k + 1)
      if (close < 0) re += '\\['
      else {
        re += '[' + pattern.slice(k + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']'
        k = close
      }
    } else re += escape(c)
  }
  return new RegExp(`^${re}$`)
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
