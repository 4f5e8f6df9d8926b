// Reading inputs: files (must be UTF-8, as yaml.v3 requires) and stdin; unreadable ones become reports.
// Files are read through src/files: regular files only, at most the size cap.
import {fileError, readFileSafe, readStreamSafe, type ReadLimits} from '../files/read.js'
import {problemAt} from '../findings/make-problem.js'
import {fileReport, type FileReport} from '../findings/report.js'

export class InvalidUtf8 extends Error {
  constructor(readonly at: {line: number; column: number}) {
    super('the file is not valid UTF-8')
  }
}

export async function readInput(path: string, readStdinText?: () => Promise<string>, limits: ReadLimits = {}): Promise<string> {
  if (path !== '-') return decodeUtf8(await readFileSafe(path, limits))
  return readStdinText ? readStdinText() : decodeUtf8(await readStreamSafe(process.stdin, 'standard input', limits))
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
  return e instanceof InvalidUtf8 ? unreadable(path, e.message, e.at) : unreadable(path, fileError(path, e).why)
}

export function unreadable(path: string, why: string, at?: {line: number; column: number}): FileReport {
  const check = at ? 'yaml/parse' : 'input/read'
  const hint = at ? 'save the file as UTF-8' : 'check the path; directories are searched for *.yml and *.yaml'
  return fileReport(path, [problemAt(path, at, check, 'error', `cannot read ${path}: ${why}`, {hint})], {groups: 0, rules: 0})
}

