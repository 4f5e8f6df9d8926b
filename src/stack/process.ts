// Processes the stack starts: found on PATH, started detached with their log in a file, and stopped only
// when /proc/PID/cmdline still shows the very command spock started (a reused PID is never killed).
import {spawn} from 'node:child_process'
import {openSync, closeSync, readFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {setTimeout as delay} from 'node:timers/promises'
import {UsageError} from '../errors.js'

export {findBinary} from '../files/binaries.js'

/** A port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      const port = typeof a === 'object' && a ? a.port : 0
      s.close(() => resolve(port))
    })
  })
}

/** Start `bin args` detached from spock, stdout and stderr appended to `log`; returns the PID. */
export function startDetached(bin: string, args: string[], cwd: string, log: string): number {
  const fd = openSync(log, 'a', 0o644)
  try {
    const child = spawn(bin, args, {cwd, detached: true, stdio: ['ignore', fd, fd]})
    child.unref()
    if (child.pid === undefined) throw new UsageError(`cannot start ${bin}`, {hint: 'check that it runs: ' + bin + ' --version'})
    return child.pid
  } finally {
    closeSync(fd)
  }
}

/** The command line of a running process, or undefined when it is gone (or a zombie). */
export function cmdlineOf(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    if (/\) Z /.test(stat)) return undefined
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    return raw === '' ? undefined : raw.replace(/\0$/, '').split('\0')
  } catch {
    return undefined
  }
}

/** True when PID still runs exactly this command (what spock started), so it is ours to stop. */
export function isOurs(pid: number, argv: readonly string[]): boolean {
  const now = cmdlineOf(pid)
  return now !== undefined && now.length === argv.length && now.every((a, i) => a === argv[i])
}

/** SIGTERM, wait up to `graceMs`, then SIGKILL; resolves when the process is gone. Only call after isOurs. */
export async function stopProcess(pid: number, graceMs = 10_000): Promise<'stopped' | 'killed'> {
  const alive = () => cmdlineOf(pid) !== undefined
  try {
    process.kill(pid, 'SIGTERM')
  } catch {
    return 'stopped'
  }
  const deadline = Date.now() + graceMs
  while (Date.now() < deadline) {
    if (!alive()) return 'stopped'
    await delay(50)
  }
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // gone meanwhile
  }
  while (alive()) await delay(20)
  return 'killed'
}

/** True when something accepts connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer()
    s.once('error', () => resolve(true))
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)))
  })
}
