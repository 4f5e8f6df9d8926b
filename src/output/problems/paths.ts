// Report paths relative to the working directory when they are inside it (SARIF, GitHub).
import {isAbsolute, relative, sep} from 'node:path'

export function relativeTo(path: string, cwd: string | undefined): string {
  if (!cwd || !isAbsolute(path)) return path.split(sep).join('/')
  const rel = relative(cwd, path)
  return rel.startsWith('..') || isAbsolute(rel) ? path.split(sep).join('/') : rel.split(sep).join('/')
}
