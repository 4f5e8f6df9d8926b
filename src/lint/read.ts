// Reading inputs: files (must be UTF-8, as yaml.v3 requires) and stdin; unreadable ones become reports.
// Files are read through src/files: regular files only, at most the size cap.
import {fileError, readFileSafe, readStreamSafe, type ReadLimits} from '../files/read.js'
import {problemAt} from '../findings/make-problem.js'
import {fileReport, type FileReport} from '../findings/report.js'
import {decodeYamlBytes, InvalidUtf8Error} from '../yaml/utf8.js'

class InvalidUtf8 extends Error {
  constructor(readonly at: {line: number; column: number}) {
    super('the file is not valid UTF-8')
  }
}

export async function readInput(path: string, readStdinText?: () => Promise<string>, limits: ReadLimits = {}): Promise<string> {
  if (path !== '-') return decodeUtf8(await readFileSafe(path, limits))
  return readStdinText ? readStdinText() : decodeUtf8(await readStreamSafe(process.stdin, 'standard input', limits))
}

function decodeUtf8(buf: Buffer): string {
  try {
    return decodeYamlBytes(buf)
  } catch (e) {
    if (e instanceof InvalidUtf8Error) throw new InvalidUtf8({line: e.line, column: e.column})
    throw e
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

