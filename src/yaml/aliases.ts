// Anchors and aliases without expanding them: which node each alias names (one pass over the document), and
// Go's limit on alias expansion ("document contains excessive aliasing"), counted without building anything.
import {isAlias, isMap, isPair, isSeq, type Alias, type Document, type Node} from 'yaml'

/** Every alias -> the node it names (the last anchor of that name before it); unknown names are left out. */
export function aliasTargets(doc: Document.Parsed): Map<Alias, Node> {
  const anchors = new Map<string, Node>()
  const targets = new Map<Alias, Node>()
  for (const node of inOrder(doc.contents)) {
    if (isAlias(node)) {
      const target = anchors.get(node.source)
      if (target) targets.set(node, target)
    } else if (node.anchor) anchors.set(node.anchor, node) // set before its children, as Go does
  }
  return targets
}

/** The children of a node, in document order (keys before values); aliases are not followed. */
function children(node: Node): Node[] {
  if (!isMap(node) && !isSeq(node)) return []
  const out: Node[] = []
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      if (item.key) out.push(item.key as Node)
      if (item.value) out.push(item.value as Node)
    } else if (item) out.push(item as Node)
  }
  return out
}

/** All nodes in document order, without recursion (nesting depth does not grow the stack). */
export function* inOrder(root: Node | null | undefined): Generator<Node> {
  if (!root) return
  const stack: Node[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    yield node
    const kids = children(node)
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]!)
  }
}

interface AliasProblem {
  offset: number
  message: string
  code: string
}

// yaml.v2 and yaml.v3 (decode.go): past 100 aliased and 1000 decoded nodes, aliased nodes may be at most 99% of
// the decoded ones up to 400,000 decoded nodes, 10% from 4,000,000, and in between the share falls linearly.
export function allowedAliasRatio(decoded: number): number {
  if (decoded <= 400_000) return 0.99
  if (decoded >= 4_000_000) return 0.1
  return 0.99 - 0.89 * ((decoded - 400_000) / 3_600_000)
}

const excessive = (aliased: number, decoded: number): boolean => aliased > 100 && decoded > 1000 && aliased / decoded > allowedAliasRatio(decoded)

/**
 * Go's verdict on aliases, as its decoder counts while it expands them: every node decoded (an alias counts
 * once, plus every node of what it names) and how many of those came through an alias. The first alias
 * whose expansion crosses the limit, or an alias inside the node it names (Go: "contains itself").
 */
export function aliasProblem(doc: Document.Parsed, targets: Map<Alias, Node> = aliasTargets(doc)): AliasProblem | undefined {
  if (targets.size === 0) return undefined
  const sizes = expandedSizes(doc.contents, targets)
  if ('cycle' in sizes) {
    const a = sizes.cycle
    return {offset: a.range?.[0] ?? 0, code: 'GO_YAML_ALIAS_CYCLE', message: `anchor '${a.source}' value contains itself: Go's YAML parser (promtool, amtool) rejects an alias inside the node it names`}
  }
  let decoded = 1 // the document node
  let aliased = 0
  for (const node of inOrder(doc.contents)) {
    decoded++
    if (isAlias(node)) {
      const target = targets.get(node)
      const n = target ? sizes.size.get(target)! : 0
      decoded += n
      aliased += n // within one expansion the share only grows, so checking at its end is enough
    }
    if (excessive(aliased, decoded))
      return {
        offset: node.range?.[0] ?? 0,
        code: 'GO_YAML_ALIASING',
        message: `document contains excessive aliasing: Go's YAML parser (promtool, amtool) stops when aliases expand to most of the document (here ${fmt(aliased)} of ${fmt(decoded)} nodes); use fewer aliases`,
      }
  }
  return undefined
}

function fmt(n: number): string {
  return n < 1e9 ? String(n) : n.toExponential(1)
}

/** Nodes each anchored node stands for once its aliases are expanded (post-order, iterative). */
function expandedSizes(root: Node | null, targets: Map<Alias, Node>): {size: Map<Node, number>} | {cycle: Alias} {
  const size = new Map<Node, number>()
  if (!root) return {size}
  const stack: {node: Node; kids: Node[] | undefined}[] = [{node: root, kids: undefined}]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    if (!top.kids) {
      top.kids = children(top.node)
      for (let k = top.kids.length - 1; k >= 0; k--) stack.push({node: top.kids[k]!, kids: undefined})
      continue
    }
    stack.pop()
    const node = top.node
    if (isAlias(node)) {
      const target = targets.get(node)
      if (target && !size.has(target)) return {cycle: node} // named node not finished: the alias is inside it
      size.set(node, 1 + (target ? size.get(target)! : 0))
      continue
    }
    let n = 1
    for (const kid of top.kids) n += size.get(kid)!
    size.set(node, n)
  }
  return {size}
}
