// Do two PromQL texts mean the same expression? Prometheus's API returns each loaded rule's query printed
// from its syntax tree (`rate(x[300s])` may come back as `rate(x[5m])`), so texts are compared as trees.
import {parseExpr} from './ast.js'

/** The tree as a stable string: matchers sorted, compiled regexes left out. */
function exprShape(text: string): string | undefined {
  try {
    return JSON.stringify(parseExpr(text), (key, value: unknown) => {
      if (key === 're') return undefined
      if (key === 'matchers' && Array.isArray(value)) {
        return [...(value as Array<{name: string; type: string; value: string}>)].sort((a, b) =>
          a.name === b.name ? (a.type + a.value < b.type + b.value ? -1 : 1) : a.name < b.name ? -1 : 1,
        )
      }
      return value
    })
  } catch {
    return undefined
  }
}

/** Same tree; texts that do not parse are compared with their white space collapsed. */
export function sameExpr(a: string, b: string): boolean {
  const sa = exprShape(a)
  const sb = exprShape(b)
  if (sa !== undefined && sb !== undefined) return sa === sb
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim()
  return squash(a) === squash(b)
}
