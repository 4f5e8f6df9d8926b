// The yaml package's other uses, kept behind the floor: plain values of a file already validated
// and a comment-keeping edit of one top-level key.
import {isMap, isScalar, parseDocument} from 'yaml'
import {parseYaml} from './document.js'

/** The first document as plain data (with Go's quirks and alias limits); for files already checked. */
export function parsePlain(text: string): unknown {
  return parseYaml(text).doc?.toJS({maxAliasCount: 100}) ?? null
}

/**
 * `text` with one top-level key set to a string, every other byte kept: only the value's own characters
 * change (or one `key: value` line is added before the first key). Falls back to re-printing the document
 * (comments kept, layout not) only when the top level is not a mapping.
 */
export function setTopLevelKey(text: string, key: string, value: string): string {
  const doc = parseDocument(text)
  const map = doc.contents
  const scalar = yamlString(value)
  if (isMap(map)) {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key)
    if (pair && isScalar(pair.key) && pair.key.range) {
      const keyEnd = pair.key.range[1]
      const colon = text.indexOf(':', keyEnd)
      const v = pair.value
      const r = isScalar(v) ? v.range : undefined
      if (r && r[1] > r[0] && r[0] > colon) return text.slice(0, r[0]) + scalar + text.slice(r[1])
      if (v === null || (isScalar(v) && v.value === null)) return `${text.slice(0, colon + 1)} ${scalar}${text.slice(colon + 1).replace(/^[ \t]*/, '')}`
    }
    const firstKey = map.items[0]?.key
    if (!pair && !map.flow && isScalar(firstKey) && firstKey.range) {
      const at = firstKey.range[0]
      const eol = /\r\n/.test(text) ? '\r\n' : '\n'
      return `${text.slice(0, at)}${key}: ${scalar}${eol}${text.slice(at)}`
    }
  }
  doc.set(key, value)
  return doc.toString()
}

/** `text` with the value at `path` set (or deleted when `value` is undefined), comments and layout elsewhere kept. */
export function setKeyPath(text: string, path: string[], value: unknown): string {
  const doc = parseDocument(text)
  if (value === undefined) doc.deleteIn(path)
  else doc.setIn(path, doc.createNode(value))
  return doc.toString()
}

/** A string as a YAML scalar: plain when YAML reads it back as the same string, else double-quoted. */
function yamlString(value: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(value) && !/^(?:y|n|yes|no|on|off|true|false|null)$/i.test(value)
  return plain ? value : JSON.stringify(value)
}
