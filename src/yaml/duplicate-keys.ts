// Duplicate mapping keys, found with one set per mapping. (The `yaml` package's own uniqueKeys check compares
// every key with every earlier one: a 20k-key mapping took 40 s.) Same rule as the package's: scalar keys are
// equal when their values are, other keys only when they are the same node.
import {isMap, isScalar, type Document} from 'yaml'
import {inOrder} from './aliases.js'

export function duplicateKeys(doc: Document.Parsed): {offset: number; message: string; code: string}[] {
  const out: {offset: number; message: string; code: string}[] = []
  for (const node of inOrder(doc.contents)) {
    if (!isMap(node)) continue
    const seen = new Set<unknown>()
    for (const pair of node.items) {
      const key = pair.key
      const id = isScalar(key) ? key.value : key
      if (seen.has(id)) out.push({offset: (key as {range?: number[]} | null)?.range?.[0] ?? node.range?.[0] ?? 0, message: 'Map keys must be unique', code: 'DUPLICATE_KEY'})
      else seen.add(id)
    }
  }
  return out
}
