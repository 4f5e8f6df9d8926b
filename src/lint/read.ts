// Reading inputs: files (must be UTF-8, as yaml.v3 requires) and stdin; unreadable ones become reports.
import {readFile} from 'node:fs/promises'
import {problemAt} from '../findings/make-problem.js'
import {fileReport, type FileReport} from '../findings/report.js'

export class InvalidUtf8 extends Error {
  constructor(readonly at: {line: number; column: number}) {
    super('the file is not valid UTF-8')
  }
}

export async function readInput(path: string, readStdinText?: () => Promise<string>): Promise<string> {
  return path === '-' ? await (readStdinText ?? readStdin)() : decodeUtf8(await readFile(path))
}

export function decodeUtf8(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(buf)
  } catch {
    const text = buf.toString('utf8')
    const bad = text.indexOf('\uFFFD')
    const before = text.slice(0, Math.max(0, bad))
    throw new InvalidUtf8({line: before.split('\n').length, column: bad - before.lastIndexOf('\n')})
  }
}

export function unreadableReport(path: string, e: unknown): FileReport {
  return e instanceof InvalidUtf8 ? unreadable(path, e.message, e.at) : unreadable(path, errorText(e))
}

export function unreadable(path: string, why: string, at?: {line: number; column: number}): FileReport {
  const check = at ? 'yaml/parse' : 'input/read'
  const hint = at ? 'save the file as UTF-8' : 'check the path; directories are searched for *.yml and *.yaml'
  return fileReport(path, [problemAt(path, at, check, 'error', `cannot read ${path}: ${why}`, {hint})], {groups: 0, rules: 0})
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException
  if (err?.code === 'ENOENT') return 'no such file or directory'
  if (err?.code === 'EISDIR') return 'is a directory'
  if (err?.code === 'EACCES') return 'permission denied'
  return err?.message ?? String(e)
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return decodeUtf8(Buffer.concat(chunks))
}
