// Text trees for `routes show` and `routes test --tree`, in amtool's treeprint layout.
import {formatMatchers, matchersMatch} from '../model/matchers.js'
import {formatDuration} from '../model/duration.js'
import type {RouteNode} from '../alertmanager/routing.js'

/**
 * treeprint: a "." root, then ├── / └── branches indented by "│" + two no-break spaces + a space, or four
 * spaces. `text` gives a node's line and `kids` its children; walked with an explicit stack (routes nest
 * thousands deep).
 */
function printTree<T>(roots: readonly T[], text: (node: T) => string, kids: (node: T) => readonly T[]): string {
  const lines = ['.']
  const stack: {items: readonly T[]; next: number; prefix: string}[] = [{items: roots, next: 0, prefix: ''}]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    if (top.next >= top.items.length) {
      stack.pop()
      continue
    }
    const item = top.items[top.next++]!
    const last = top.next === top.items.length
    lines.push(`${top.prefix}${last ? '└── ' : '├── '}${text(item)}`)
    const children = kids(item)
    if (children.length > 0) stack.push({items: children, next: 0, prefix: top.prefix + (last ? '    ' : '│\u00a0\u00a0 ')})
  }
  return lines.join('\n')
}

function slug(r: RouteNode, opts: {continue: boolean; receiver: boolean}): string {
  let s = r.matchers.length === 0 ? 'default-route' : formatMatchers(r.matchers)
  if (r.continue && opts.continue) s += '  continue: true'
  if (opts.receiver) s += `  receiver: ${r.receiver}`
  return s
}

export type RouteDetails = 'none' | 'changed' | 'all'

function details(r: RouteNode, parent: RouteNode | undefined, mode: RouteDetails): string {
  if (mode === 'none') return ''
  const parts: string[] = []
  const show = (same: boolean) => mode === 'all' || !parent || !same
  const groupBy = r.groupByAll ? '...' : r.groupBy.join(',')
  const parentGroupBy = parent ? (parent.groupByAll ? '...' : parent.groupBy.join(',')) : undefined
  if (show(groupBy === parentGroupBy)) parts.push(`group_by: [${groupBy}]`)
  if (show(r.groupWait === parent?.groupWait)) parts.push(`group_wait: ${formatDuration(r.groupWait)}`)
  if (show(r.groupInterval === parent?.groupInterval)) parts.push(`group_interval: ${formatDuration(r.groupInterval)}`)
  if (show(r.repeatInterval === parent?.repeatInterval)) parts.push(`repeat_interval: ${formatDuration(r.repeatInterval)}`)
  if (r.muteTimeIntervals.length > 0) parts.push(`mute_time_intervals: [${r.muteTimeIntervals.join(',')}]`)
  if (r.activeTimeIntervals.length > 0) parts.push(`active_time_intervals: [${r.activeTimeIntervals.join(',')}]`)
  return parts.map((p) => `  ${p}`).join('')
}

/**
 * The whole tree (`routes show`). With details 'none' this is exactly amtool's `config routes show`
 * body; 'changed' adds group_by and timers where a route sets them differently from its parent. `note` adds
 * text at the end of a route's line.
 */
export function renderRouteTree(tree: RouteNode, opts: {details?: RouteDetails; note?: (r: RouteNode) => string} = {}): string {
  const mode = opts.details ?? 'changed'
  const parents = new Map<RouteNode, RouteNode>()
  return printTree(
    [tree],
    (r) => slug(r, {continue: true, receiver: true}) + details(r, parents.get(r), mode) + (opts.note?.(r) ?? ''),
    (r) => {
      for (const c of r.routes) parents.set(c, r)
      return r.routes
    },
  )
}

/** The matching part of the tree for a label set (`routes test --tree`), as amtool prints it. */
export function renderMatchingTree(tree: RouteNode, labels: Record<string, string>): string {
  const matching = (r: RouteNode): RouteNode[] => {
    const out: RouteNode[] = []
    for (const c of r.routes) {
      if (!matchersMatch(c.matchers, labels)) continue
      out.push(c)
      if (!c.continue) break
    }
    return out
  }
  return printTree([tree], (r) => slug(r, {continue: false, receiver: matching(r).length === 0}), matching)
}
