// Recursive schemas (Alertmanager's route tree: a route's `routes` are routes) decoded without recursion, so
// nesting as deep as Go's YAML allows never grows the JS stack.
import {finishObject, isNullNode, startObject, typeError, type Decoder, type Kind, type ObjectSchema, type StartedObject} from './decode.js'
import type {YNode} from './nodes.js'

interface Frame {
  started: StartedObject
  items: readonly YNode[] | undefined // the children's nodes; undefined when `field` is absent, null or invalid
  next: number
  results: unknown[]
  errorsBefore: number
}

/**
 * An object whose `field` is a list of objects of the same schema. As with `object` and `list`: children are
 * labelled `field[i]`, a null child is an error with nullItems 'error', and an object whose children failed to
 * decode skips its own checks (which run after its children's, as yaml.v2's nested unmarshalling does).
 */
export function tree(schema: ObjectSchema, field: string, opts: {nullItems?: 'error'} = {}): Kind {
  return (root, d, label) => {
    const stack: Frame[] = []
    const begin = (node: YNode, at: string): boolean => {
      const started = startObject(schema, node, d, at, field)
      if (!started) return false
      stack.push({started, items: children(started, field, d), next: 0, results: [], errorsBefore: d.errorCount()})
      return true
    }
    if (!begin(root, label)) return undefined
    for (;;) {
      const top = stack[stack.length - 1]!
      if (top.items && top.next < top.items.length) {
        const i = top.next++
        const item = top.items[i]!
        if (opts.nullItems === 'error' && isNullNode(item)) {
          d.report(item, `${field}[${i}] is empty (Alertmanager crashes on a null entry)`)
          top.results.push(undefined)
        } else if (!begin(item, `${field}[${i}]`)) top.results.push(undefined)
        continue
      }
      stack.pop()
      if (top.items) top.started.out[field] = top.results
      if (d.errorCount() > top.errorsBefore) top.started.invalid.push(field)
      const out = finishObject(schema, top.started, d)
      const parent = stack[stack.length - 1]
      if (!parent) return out
      parent.results.push(out)
    }
  }
}

/** The child nodes under `field` (a list), or undefined (absent or null; anything else is reported). */
function children(started: StartedObject, field: string, d: Decoder): readonly YNode[] | undefined {
  const node = started.deferred
  if (!node || isNullNode(node)) return undefined
  if (node.kind === 'seq') return node.items
  const before = d.errorCount()
  typeError(node, d, field, 'a list')
  if (d.errorCount() > before) started.invalid.push(field)
  return undefined
}
