// Typed errors. Core modules throw these; only the command layer prints them and maps exit codes.

interface Where {
  file: string
  line?: number
  column?: number
}

export class SpockError extends Error {
  readonly exitCode: 1 | 2 | 3 = 2
  readonly hint?: string
  readonly where?: Where

  constructor(message: string, opts: {hint?: string; cause?: unknown; where?: Where} = {}) {
    super(plainSystemText(message), {cause: opts.cause})
    this.name = new.target.name
    this.hint = opts.hint === undefined ? undefined : plainSystemText(opts.hint)
    this.where = opts.where
  }

  toJSON(): {code: string; message: string; hint?: string; exitCode: number} {
    return {code: this.name, message: this.message, hint: this.hint, exitCode: this.exitCode}
  }
}

/** The user asked for something spock cannot do with this input (exit 2). */
export class UsageError extends SpockError {}

/** spock's own config (or a file it must read to run) is invalid (exit 2). */
export class ConfigError extends SpockError {}

/** A server could not be reached, timed out, or did not answer like one (exit 3). */
export class ConnectionError extends SpockError {
  override readonly exitCode = 3
}

/** A server answered with an error. 4xx means the request was wrong (2); 5xx or garbage means the server (3). */
export class ApiError extends SpockError {
  override readonly exitCode: 1 | 2 | 3
  readonly status?: number
  readonly url?: string

  constructor(message: string, opts: {status?: number; url?: string; hint?: string; cause?: unknown} = {}) {
    super(message, opts)
    this.status = opts.status
    this.url = opts.url
    this.exitCode = opts.status !== undefined && opts.status >= 400 && opts.status < 500 ? 2 : 3
  }
}

/** A silence, alert or other object the user named does not exist (exit 1: the check found a problem). */
export class NotFoundError extends SpockError {
  override readonly exitCode = 1
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
  'EPIPE', 'ECONNABORTED',
])

function isNetworkError(err: unknown): boolean {
  const code = (err as {code?: string} | undefined)?.code
  return typeof code === 'string' && NETWORK_CODES.has(code)
}

export function toSpockError(err: unknown): SpockError {
  if (err instanceof SpockError) return err
  if (isNetworkError(err)) return new ConnectionError((err as Error).message, {cause: err})
  const sys = err as NodeJS.ErrnoException | undefined
  if (sys?.code && SYSTEM_WORDS[sys.code] && sys.path) {
    const verb = {open: 'open', read: 'read', write: 'write', mkdir: 'create', rename: 'rename', scandir: 'list', unlink: 'remove', stat: 'read', lstat: 'read'}[sys.syscall ?? ''] ?? 'use'
    return new SpockError(`cannot ${verb} ${sys.path}: ${SYSTEM_WORDS[sys.code]}`, {cause: err, hint: 'check the path and its permissions'})
  }
  const message = err instanceof Error ? err.message : String(err)
  return new SpockError(`internal error: ${message}`, {cause: err, hint: 'run again with --verbose and report it'})
}

/** Node's system error codes in words, for messages: users never see ENOENT. */
const SYSTEM_WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory', EACCES: 'permission denied', EPERM: 'operation not permitted',
  EISDIR: 'it is a directory', ENOTDIR: 'a part of the path is not a directory', EEXIST: 'it already exists',
  ELOOP: 'symlink loop', ENAMETOOLONG: 'the name is too long', EMFILE: 'too many open files', ENFILE: 'too many open files',
  ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', EROFS: 'read-only file system', EBUSY: 'busy',
  ENOTEMPTY: 'the directory is not empty', EXDEV: 'on another file system', EIO: 'input/output error',
  ENXIO: 'no such device', ENODEV: 'no such device', ETXTBSY: 'the file is busy', EINVAL: 'invalid argument',
  ECONNREFUSED: 'connection refused', ECONNRESET: 'connection reset', ECONNABORTED: 'connection aborted',
  ETIMEDOUT: 'timed out', EPIPE: 'the connection closed', ENOTFOUND: 'host not found', EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable', ENETUNREACH: 'network unreachable', EADDRINUSE: 'the address is in use',
  EADDRNOTAVAIL: 'the address is not available',
}

/**
 * `text` with Node's error codes in words: "ENOENT: no such file or directory, open 'x'" keeps the words
 * Node gives, "(EACCES)" or a bare "EACCES" becomes "permission denied". Unknown codes stay as they are.
 */
export function plainSystemText(text: string): string {
  return text
    .replace(/\b(E[A-Z_]{3,}): (?=[a-z])/g, (m, code: string) => (SYSTEM_WORDS[code] ? '' : m))
    .replace(/\b(E[A-Z_]{3,})\b/g, (m, code: string) => SYSTEM_WORDS[code] ?? m)
}
