// Text trees for `routes show` and `routes test --tree`, in amtool's treeprint layout.
import {formatMatchers, matchersMatch} from '../model/matchers.js'
import {formatDuration} from '../model/duration.js'
import type {RouteNode} from '../alertmanager/routing.js'

export interface TreeLine {
  text: string
  children: TreeLine[]
}

/** treeprint: a "." root, then ├── / └── branches indented by "│" + two no-break spaces + a space, or four spaces. */
export function printTree(children: readonly TreeLine[]): string {
  const lines = ['.']
  const walk = (items: readonly TreeLine[], prefix: string): void => {
    items.forEach((item, i) => {
      const last = i === items.length - 1
      lines.push(`${prefix}${last ? '└── ' : '├── '}${item.text}`)
      walk(item.children, prefix + (last ? '    ' : '│\u00a0\u00a0 '))
    })
  }
  walk(children, '')
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
 * body; 'changed' adds group_by and timers where a route sets them differently from its parent.
 */
export function renderRouteTree(tree: RouteNode, opts: {details?: RouteDetails} = {}): string {
  const mode = opts.details ?? 'changed'
  const convert = (r: RouteNode, parent: RouteNode | undefined): TreeLine => ({
    text: slug(r, {continue: true, receiver: true}) + details(r, parent, mode),
    children: r.routes.map((c) => convert(c, r)),
  })
  return printTree([convert(tree, undefined)])
}

/** The matching part of the tree for a label set (`routes test --tree`), as amtool prints it. */
export function renderMatchingTree(tree: RouteNode, labels: Record<string, string>): string {
  const convert = (r: RouteNode): TreeLine => {
    const children: TreeLine[] = []
    for (const c of r.routes) {
      if (!matchersMatch(c.matchers, labels)) continue
      children.push(convert(c))
      if (!c.continue) break
    }
    return {text: slug(r, {continue: false, receiver: children.length === 0}), children}
  }
  return printTree([convert(tree)])
}
