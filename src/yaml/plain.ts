// The yaml package's other uses, kept behind the floor: plain values of a file already validated
// and a comment-keeping edit of one top-level key.
import {parseDocument} from 'yaml'
import {parseYaml} from './document.js'

/** The first document as plain data (with Go's quirks and alias limits); for files already checked. */
export function parsePlain(text: string): unknown {
  return parseYaml(text).doc?.toJS({maxAliasCount: 100}) ?? null
}

/** `text` with one top-level key set, comments and layout elsewhere kept. */
export function setTopLevelKey(text: string, key: string, value: unknown): string {
  const doc = parseDocument(text)
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
