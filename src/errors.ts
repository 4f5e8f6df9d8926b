// Typed errors. Core modules throw these; only the command layer prints them and maps exit codes.

export interface Where {
  file: string
  line?: number
  column?: number
}

export class SpockError extends Error {
  readonly exitCode: 1 | 2 | 3 = 2
  readonly hint?: string
  readonly where?: Where

  constructor(message: string, opts: {hint?: string; cause?: unknown; where?: Where} = {}) {
    super(message, {cause: opts.cause})
    this.name = new.target.name
    this.hint = opts.hint
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

export function isNetworkError(err: unknown): boolean {
  const code = (err as {code?: string} | undefined)?.code
  return typeof code === 'string' && NETWORK_CODES.has(code)
}

export function toSpockError(err: unknown): SpockError {
  if (err instanceof SpockError) return err
  if (isNetworkError(err)) return new ConnectionError((err as Error).message, {cause: err})
  const message = err instanceof Error ? err.message : String(err)
  return new SpockError(`internal error: ${message}`, {cause: err, hint: 'run again with --verbose and report it'})
}
