// Expand command-line inputs: files, directories (recursive *.yml/*.yaml), globs, `-` (stdin).
// Globs and directory walks go through the bounded glob of src/files; an input that yields no file is an error.
import {readdirSync, statSync} from 'node:fs'
import {expandGlob, GlobError, hasMeta, walkFiles, type GlobOptions} from '../files/glob.js'
import {fileError, FileError} from '../files/read.js'

interface Input {
  path: string // as given, or as found under a directory/glob; '-' for stdin
  missing?: string // why it cannot be read (no match, not found); only when not strict
}

interface ExpandOptions {
  /** Throw a FileError (exit 2) for an input that yields no file (default); else mark it `missing`. */
  strict?: boolean
  glob?: GlobOptions // limits, for tests
}

const RULE_EXT = /\.ya?ml$/i

export async function expandInputs(args: readonly string[], opts: ExpandOptions = {}): Promise<Input[]> {
  const out: Input[] = []
  const seen = new Set<string>()
  const add = (input: Input) => {
    if (seen.has(input.path)) return
    seen.add(input.path)
    out.push(input)
  }
  const fail = (e: FileError) => {
    if (opts.strict ?? true) throw e
    add({path: e.path, missing: e.why})
  }
  for (const arg of args) {
    if (arg === '-') {
      add({path: '-'})
      continue
    }
    let isDir = false
    try {
      isDir = statSync(arg).isDirectory()
    } catch (e) {
      // not there as named: a glob, or an error (no such file, symlink loop, ...)
      if (hasMeta(arg)) globInput(arg, opts, add, fail)
      else fail(fileError(arg, e))
      continue
    }
    if (isDir) dirInput(arg, opts, add, fail)
    else add({path: arg}) // a file by that exact name, even with * in it; reading refuses non-regular files
  }
  return out
}

function globInput(arg: string, opts: ExpandOptions, add: (i: Input) => void, fail: (e: FileError) => void): void {
  try {
    const found = expandGlob(arg, {globstar: true, ...opts.glob}).filter((m) => m.kind !== 'directory')
    if (found.length === 0) fail(new FileError(arg, 'missing', 'no file matches this pattern', 'check the pattern; ** matches any number of directories'))
    for (const m of found) add({path: m.path})
  } catch (e) {
    if (!(e instanceof GlobError)) throw e
    fail(new FileError(arg, 'other', e.why, e.hint ?? 'narrow the pattern'))
  }
}

function dirInput(dir: string, opts: ExpandOptions, add: (i: Input) => void, fail: (e: FileError) => void): void {
  try {
    readdirSync(dir)
  } catch (e) {
    fail(fileError(dir, e))
    return
  }
  try {
    const found = walkFiles(dir, (p) => RULE_EXT.test(p), opts.glob)
    if (found.length === 0) {
      fail(new FileError(dir, 'missing', 'no *.yml or *.yaml file in this directory or below it', 'name the rule files, or the directory that holds them (dot-directories are skipped)'))
    }
    for (const m of found) add({path: m.path})
  } catch (e) {
    if (!(e instanceof GlobError)) throw e
    fail(new FileError(dir, 'other', e.why, e.hint ?? 'name a smaller directory'))
  }
}
