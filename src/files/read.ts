// Reading files safely: only regular files, never blocking on a FIFO, never more than a size cap in memory.
// Every failure is a FileError: one line that names the file and says what to do, never a JS error name.
import {closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats} from 'node:fs'
import {open, stat} from 'node:fs/promises'
import {ConfigError, UsageError} from '../errors.js'
import {KIND_WORDS, kindOf} from './glob.js'
import {DEFAULT_MAX_FILE_SIZE, formatBytes} from './size.js'

export interface ReadLimits {
  /** Refuse files larger than this many bytes (default 64 MiB). */
  maxBytes?: number
}

type FileProblem = 'missing' | 'not-regular' | 'too-big' | 'loop' | 'denied' | 'other'

/** A file that cannot be read (exit 2 when it is a command-line input). */
export class FileError extends UsageError {
  constructor(
    readonly path: string,
    readonly problem: FileProblem,
    readonly why: string,
    hint: string,
  ) {
    super(`cannot read ${path}: ${why}`, {hint})
  }
}

// O_NONBLOCK: opening a FIFO never waits for a writer. O_NOCTTY: a terminal never becomes ours.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0)
const CHUNK = 1024 * 1024

/** What a stat says the path is, in words: 'a directory', 'a named pipe (FIFO)', ... */
function describeKind(st: Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>): string {
  const kind = kindOf(st)
  return kind === 'other' ? 'not a regular file' : `a ${KIND_WORDS[kind]}`
}

/** Throws unless st is a regular file within the cap. */
function checkStat(path: string, st: Stats, maxBytes: number): void {
  if (st.isDirectory()) throw new FileError(path, 'not-regular', 'it is a directory', 'name a file, not a directory')
  if (!st.isFile()) {
    throw new FileError(path, 'not-regular', `it is ${describeKind(st)}, not a regular file`, 'spock reads only regular files; save the content to a file and name that file')
  }
  if (st.size > maxBytes) throw tooBig(path, maxBytes, st.size)
}

function tooBig(path: string, maxBytes: number, size?: number): FileError {
  const what = size === undefined ? `it is larger than the ${formatBytes(maxBytes)} limit` : `it is ${formatBytes(size)}, larger than the ${formatBytes(maxBytes)} limit`
  return new FileError(path, 'too-big', what, 'raise the limit with --max-file-size (e.g. 256MiB) or SPOCK_MAX_FILE_SIZE, or check that this is the right file')
}

/** Any error from opening, stating or reading `path`, as a FileError. */
export function fileError(path: string, e: unknown): FileError {
  if (e instanceof FileError) return e
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return new FileError(path, 'missing', 'no such file or directory', 'check the path')
    case 'ELOOP':
      return new FileError(path, 'loop', 'symlink loop (too many levels of symbolic links)', 'fix the symbolic link so that it ends at a file')
    case 'EACCES':
    case 'EPERM':
      return new FileError(path, 'denied', 'permission denied', 'make the file readable by this user')
    case 'ENOTDIR':
      return new FileError(path, 'missing', 'a part of the path is not a directory', 'check the path')
    case 'ENAMETOOLONG':
      return new FileError(path, 'other', 'the path is too long', 'check the path')
    case 'EISDIR':
      return new FileError(path, 'not-regular', 'it is a directory', 'name a file, not a directory')
    case 'ENXIO':
    case 'ENODEV':
      return new FileError(path, 'not-regular', 'it is a socket or device, not a regular file', 'spock reads only regular files')
    case 'EMFILE':
    case 'ENFILE':
      return new FileError(path, 'other', 'too many open files', 'raise the open-file limit (ulimit -n) or name fewer files')
    case 'EIO':
      return new FileError(path, 'other', 'input/output error', 'check the disk or file system that holds it')
  }
  if (code) return new FileError(path, 'other', `the system refused (${code})`, 'check the path and the file')
  const message = e instanceof Error ? e.message : String(e)
  return new FileError(path, 'other', message.replace(/^[A-Za-z]*Error: /, ''), 'check the path and the file')
}

/** Reads a regular file, at most maxBytes. */
export async function readFileSafe(path: string, limits: ReadLimits = {}): Promise<Buffer> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_FILE_SIZE
  try {
    checkStat(path, await stat(path), maxBytes) // before opening: opening a device can have effects
    const fh = await open(path, OPEN_FLAGS)
    try {
      const st = await fh.stat() // the path may have changed since the stat above
      checkStat(path, st, maxBytes)
      const chunks: Buffer[] = []
      let total = 0
      for (;;) {
        const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes - total + 1))
        const {bytesRead} = await fh.read(buf, 0, buf.length, null)
        if (bytesRead === 0) break
        total += bytesRead
        if (total > maxBytes) throw tooBig(path, maxBytes) // the file grew while we read it
        chunks.push(buf.subarray(0, bytesRead))
      }
      return Buffer.concat(chunks, total)
    } finally {
      await fh.close()
    }
  } catch (e) {
    throw fileError(path, e)
  }
}

/** The same, synchronous (for the config checkers, which are synchronous). */
export function readFileSafeSync(path: string, limits: ReadLimits = {}): Buffer {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_FILE_SIZE
  try {
    checkStat(path, statSync(path), maxBytes)
    const fd = openSync(path, OPEN_FLAGS)
    try {
      checkStat(path, fstatSync(fd), maxBytes)
      const chunks: Buffer[] = []
      let total = 0
      for (;;) {
        const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes - total + 1))
        const bytesRead = readSync(fd, buf, 0, buf.length, null)
        if (bytesRead === 0) break
        total += bytesRead
        if (total > maxBytes) throw tooBig(path, maxBytes)
        chunks.push(buf.subarray(0, bytesRead))
      }
      return Buffer.concat(chunks, total)
    } finally {
      closeSync(fd)
    }
  } catch (e) {
    throw fileError(path, e)
  }
}

/** A stream (stdin) read to its end, at most maxBytes. */
export async function readStreamSafe(stream: AsyncIterable<unknown>, label: string, limits: ReadLimits = {}): Promise<Buffer> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_FILE_SIZE
  const chunks: Buffer[] = []
  let total = 0
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
      total += buf.length
      if (total > maxBytes) throw tooBig(label, maxBytes)
      chunks.push(buf)
    }
  } catch (e) {
    throw fileError(label, e)
  }
  return Buffer.concat(chunks, total)
}

/** Secret, certificate and key files named by a config: 1 MiB at most. */
const SECRET_FILE_LIMIT = 1024 * 1024

/** A small file a config names (a password, token, CA, key), read safely; errors name what the file is. */
export function readConfigFileSync(path: string, what: string): Buffer {
  try {
    return readFileSafeSync(path, {maxBytes: SECRET_FILE_LIMIT})
  } catch (e) {
    const f = fileError(path, e)
    throw new ConfigError(`cannot read ${what} file ${path}: ${f.why}`, {hint: f.hint})
  }
}
