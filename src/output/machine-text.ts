// JSON and YAML text of a result. Indentation costs (depth x lines) bytes: a routing tree 2,000 routes deep is
// hundreds of megabytes of spaces in indented JSON (every route's `path` repeats its depth, one number a
// line), more than a JS string can hold. So a value nested deeper than MAX_INDENTED levels is written on one
// line: compact JSON for json, and for yaml as well (JSON is YAML; the yaml package's writer recurses, and
// its block style indents the same way).
import {stringifyYaml} from '../yaml/stringify.js'

const MAX_INDENTED = 64

export function jsonText(value: unknown): string {
  return deeperThan(value, MAX_INDENTED) ? JSON.stringify(value) : JSON.stringify(value, null, 2)
}

export function yamlText(value: unknown): string {
  return deeperThan(value, MAX_INDENTED) ? JSON.stringify(value) : stringifyYaml(value)
}

/** Does the value nest objects and arrays more than `limit` levels? (An explicit stack: no recursion.) */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    if (depth >= limit) return true
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)
    for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, depth + 1])
  }
  return false
}
