// Map zod validation issues back to positions in the YAML document they came from.
import {isMap, isPair, isScalar, type Document, type Node} from 'yaml'
import type * as z from 'zod/mini'
import type {ParsedYaml, Position} from './document.js'

export interface PositionedIssue extends Position {
  path: string // dotted path, e.g. contexts.prod.prometheus.url
  message: string
}

export function zodIssues(parsed: ParsedYaml, issues: readonly z.core.$ZodIssue[]): PositionedIssue[] {
  const doc = parsed.doc
  return issues.flatMap((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        ...keyPosition(parsed, doc, path, key),
        path: [...path, key].join('.'),
        message: `unknown field "${key}"`,
      }))
    }
    const node = nodeAt(doc, path)
    return [{...parsed.nodePosition(node ?? parentNode(doc, path)), path: path.join('.'), message: describe(issue, path)}]
  })
}

function describe(issue: z.core.$ZodIssue, path: (string | number)[]): string {
  const field = path.length > 0 ? `"${path[path.length - 1]}"` : 'the file'
  if (issue.code === 'invalid_type') {
    if (/received undefined/.test(issue.message)) return `missing required field ${field}`
    return `${field} must be ${article(issue.expected)}`
  }
  return `${field}: ${issue.message}`
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

function nodeAt(doc: Document | undefined, path: (string | number)[]): Node | undefined {
  if (!doc) return undefined
  const node = doc.getIn(path, true) as Node | undefined
  return node && typeof node === 'object' ? node : undefined
}

function parentNode(doc: Document | undefined, path: (string | number)[]): Node | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const node = nodeAt(doc, path.slice(0, i))
    if (node) return node
  }
  return doc?.contents ?? undefined
}

function keyPosition(parsed: ParsedYaml, doc: Document | undefined, path: (string | number)[], key: string): Position {
  const map = path.length === 0 ? doc?.contents : nodeAt(doc, path)
  if (map && isMap(map)) {
    for (const item of map.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return parsed.nodePosition(item.key)
    }
  }
  return parsed.nodePosition(map ?? undefined)
}
