// The one bounded glob every reader uses. `*`, `?` and `[...]` match within one path segment, as Go's
// filepath.Glob (Prometheus, Alertmanager); with `globstar`, `**` also matches any number of directories.
// Bounds: wildcards never descend into /proc, /sys or /dev, at most maxMatches results and maxScanned
// directory entries read; past either a GlobError says so.
import {readdirSync, realpathSync, statSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {UsageError} from '../errors.js'

export type EntryKind = 'file' | 'directory' | 'fifo' | 'socket' | 'char-device' | 'block-device' | 'other'

export interface GlobMatch {
  path: string
  kind: EntryKind // what the path is, symlinks followed
}

/** The file system as globbing sees it; injectable for tests. */
export interface GlobFs {
  /** Entries of a directory (`dir`: a real directory, not a symlink to one), or undefined when it cannot be listed. */
  list(dir: string): {name: string; dir: boolean}[] | undefined
  /** What the path is (symlinks followed), or undefined when it does not exist. */
  kind(path: string): EntryKind | undefined
}

export interface GlobOptions {
  globstar?: boolean // `**` spans directories (rules check); otherwise it is `*` (Go)
  hiddenDirs?: boolean // `**` enters dot-directories (default false)
  maxMatches?: number // default 10,000
  maxScanned?: number // directory entries read, default 200,000
  fs?: GlobFs
}

const MAX_MATCHES = 10_000
const MAX_SCANNED = 200_000
/** Wildcards never descend into these (a pattern may still name them literally). */
const SKIPPED_DIRS = new Set(['/proc', '/sys', '/dev'])

export class GlobError extends UsageError {
  constructor(readonly pattern: string, readonly why: string, hint: string) {
    super(`pattern ${JSON.stringify(pattern)} ${why}`, {hint})
  }
}

const META = /[*?[\\]/
export const hasMeta = (s: string): boolean => /[*?[]/.test(s)

export const nodeGlobFs: GlobFs = {
  list(dir) {
    try {
      return readdirSync(dir || '.', {withFileTypes: true}).map((e) => ({name: e.name, dir: e.isDirectory()}))
    } catch {
      return undefined
    }
  },
  kind(path) {
    try {
      return kindOf(statSync(path))
    } catch {
      return undefined
    }
  },
}

export function kindOf(st: {isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean}): EntryKind {
  if (st.isFile()) return 'file'
  if (st.isDirectory()) return 'directory'
  if (st.isFIFO()) return 'fifo'
  if (st.isSocket()) return 'socket'
  if (st.isCharacterDevice()) return 'char-device'
  if (st.isBlockDevice()) return 'block-device'
  return 'other'
}

export const KIND_WORDS: Record<EntryKind, string> = {
  file: 'regular file', directory: 'directory', fifo: 'named pipe (FIFO)', socket: 'socket',
  'char-device': 'character device', 'block-device': 'block device', other: 'special file',
}

/** '/bin is a directory, not a regular file' or 'matches 3 entries that are not regular files: ...'. */
export function notRegular(matches: readonly GlobMatch[]): string {
  if (matches.length === 1) return `${matches[0]!.path} is a ${KIND_WORDS[matches[0]!.kind]}, not a regular file`
  const shown = matches.slice(0, 3).map((m) => `${m.path} (${KIND_WORDS[m.kind]})`)
  const more = matches.length > 3 ? ` and ${matches.length - 3} more` : ''
  return `matches ${matches.length} entries that are not regular files: ${shown.join(', ')}${more}`
}

/** Expands a pattern (sorted per directory, as Go); a pattern without wildcards yields itself when it exists. */
export function expandGlob(pattern: string, opts: GlobOptions = {}): GlobMatch[] {
  const g = new Globber(pattern, opts)
  if (!META.test(pattern)) {
    const kind = g.fs.kind(pattern)
    return kind ? [{path: pattern, kind}] : []
  }
  const segments = pattern.split('/')
  if (opts.globstar && segments.at(-1) === '**') segments.push('*') // `dir/**`: every file below dir
  let current = [pattern.startsWith('/') ? '/' : '']
  segments.forEach((seg, i) => {
    if (seg === '' || current.length === 0) return
    const last = i === segments.length - 1
    if (opts.globstar && seg === '**') current = current.flatMap((d) => g.walkDirs(d))
    else if (!hasMeta(seg)) current = current.map((d) => join(d, unescape(seg)))
    else {
      const re = segmentRegExp(seg, pattern, opts.globstar ?? false)
      current = current.flatMap((d) => g.list(d).filter((e) => re.test(e.name)).map((e) => join(d, e.name)))
      if (!last) current = current.filter((p) => !g.skipped(p))
    }
  })
  const out: GlobMatch[] = []
  for (const path of current) {
    const kind = g.fs.kind(path)
    if (!kind) continue
    if (out.length >= g.maxMatches) {
      throw new GlobError(pattern, `matches more than ${g.maxMatches.toLocaleString('en-US')} files`, 'narrow the pattern')
    }
    out.push({path, kind})
  }
  return out
}

/** Files under dir (depth first, sorted, no dot-directories, never /proc /sys /dev) whose path passes `match`. */
export function walkFiles(dir: string, match: (path: string) => boolean, opts: GlobOptions = {}): GlobMatch[] {
  const g = new Globber(dir, opts)
  const out: GlobMatch[] = []
  g.walk(dir, (path, entryIsDir) => {
    if (entryIsDir || !match(path)) return
    const kind = g.fs.kind(path)
    if (!kind || kind === 'directory') return
    if (out.length >= g.maxMatches) throw new GlobError(dir, `holds more than ${g.maxMatches.toLocaleString('en-US')} matching files`, 'name a smaller directory')
    out.push({path, kind})
  })
  return out
}

class Globber {
  readonly fs: GlobFs
  readonly maxMatches: number
  private scanned = 0
  private readonly cache = new Map<string, {name: string; dir: boolean}[]>()

  constructor(
    private readonly pattern: string,
    private readonly opts: GlobOptions,
  ) {
    this.fs = opts.fs ?? nodeGlobFs
    this.maxMatches = opts.maxMatches ?? MAX_MATCHES
  }

  list(dir: string): {name: string; dir: boolean}[] {
    const hit = this.cache.get(dir)
    if (hit) return hit
    const entries = (this.fs.list(dir) ?? []).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    this.scanned += entries.length
    const max = this.opts.maxScanned ?? MAX_SCANNED
    if (this.scanned > max) {
      throw new GlobError(this.pattern, `reads more than ${max.toLocaleString('en-US')} directory entries`, 'narrow the pattern or the directory')
    }
    this.cache.set(dir, entries)
    return entries
  }

  /** dir and every directory below it, depth first, sorted; symlinked directories are not entered. */
  walkDirs(dir: string): string[] {
    const out = [dir]
    this.walk(dir, (path, isDir) => isDir && out.push(path))
    return out
  }

  /** Calls visit for every entry below dir, depth first in sorted order, entering real directories only. */
  walk(dir: string, visit: (path: string, isDir: boolean) => void): void {
    this.walkInto(dir, this.real(dir), visit)
  }

  private walkInto(dir: string, real: string, visit: (path: string, isDir: boolean) => void): void {
    for (const e of this.list(dir)) {
      const path = join(dir, e.name)
      const sub = join(real, e.name) // a real directory, not a symlink: its real path is known
      const enter = e.dir && (this.opts.hiddenDirs || !e.name.startsWith('.')) && !SKIPPED_DIRS.has(sub)
      if (e.dir && !enter) continue
      visit(path, e.dir)
      if (enter) this.walkInto(path, sub, visit)
    }
  }

  private real(path: string): string {
    if (this.fs !== nodeGlobFs) return resolve(path)
    try {
      return realpathSync(path || '.')
    } catch {
      return resolve(path)
    }
  }

  /** /proc, /sys and /dev (also reached through symlinks) are never entered by a wildcard. */
  skipped(path: string): boolean {
    return SKIPPED_DIRS.has(resolve(path)) || SKIPPED_DIRS.has(this.real(path))
  }
}

/** One segment as a RegExp. Go syntax: `[^...]` negates, `\` escapes; with globstar `[!...]` negates too. */
export function segmentRegExp(seg: string, pattern = seg, globstar = false): RegExp {
  let re = ''
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!
    if (c === '*') {
      while (seg[i + 1] === '*') i++
      re += '[^/]*'
    } else if (c === '?') re += '[^/]'
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2)
      if (end < 0) throw new GlobError(pattern, 'has a "[" without "]"', 'close the character class, or write \\[ for a literal [')
      let body = seg.slice(i + 1, end)
      const negate = body.startsWith('^') || (globstar && body.startsWith('!'))
      if (negate) body = body.slice(1)
      body = body.replace(/\\/g, '\\\\').replace(/\^/g, '\\^').replace(/^\]/, '\\]')
      if (negate) body = '^' + body
      re += `[${body}]`
      i = end
    } else if (c === '\\' && i + 1 < seg.length) re += escapeRe(seg[++i]!)
    else re += escapeRe(c)
  }
  return new RegExp(`^${re}$`, 's')
}

function unescape(seg: string): string {
  return seg.replace(/\\(.)/g, '$1')
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
