// Findings beyond amtool: unused receivers and time intervals, routes an earlier sibling always catches.
import {compileMatcher, formatMatchers, type Matcher} from '../../model/matchers.js'
import type {Problem} from '../../findings/problem.js'
import type {AlertmanagerConfig, RouteConfig} from './model.js'

function warning(file: string, at: {line: number; column: number}, check: string, message: string, hint: string): Problem {
  return {check, severity: 'warning', file, line: at.line, column: at.column, message, hint}
}

/** Every route, parents before children, without recursion (nesting depth follows the input). */
export function walk(route: RouteConfig, visit: (r: RouteConfig) => void): void {
  const stack = [route]
  while (stack.length > 0) {
    const r = stack.pop()!
    visit(r)
    for (let i = r.routes.length - 1; i >= 0; i--) stack.push(r.routes[i]!)
  }
}

export function unusedReceivers(cfg: AlertmanagerConfig, file: string): Problem[] {
  const used = new Set<string>()
  if (cfg.route) walk(cfg.route, (r) => r.receiver !== undefined && used.add(r.receiver))
  return cfg.receivers
    .filter((r) => r.name !== '' && !used.has(r.name))
    .map((r) => warning(file, r, 'am/unused-receiver', `receiver "${r.name}" is not used by any route`, 'route alerts to it or remove it'))
}

export function unusedTimeIntervals(cfg: AlertmanagerConfig, file: string): Problem[] {
  const used = new Set<string>()
  if (cfg.route) walk(cfg.route, (r) => {
    for (const n of r.muteTimeIntervals) used.add(n)
    for (const n of r.activeTimeIntervals) used.add(n)
  })
  return cfg.timeIntervals
    .filter((t) => !used.has(t.name))
    .map((t) => warning(file, t, 'am/unused-time-interval', `time interval "${t.name}" is not used by any route`, 'reference it in mute_time_intervals or active_time_intervals, or remove it'))
}

type Accepts = (m: Matcher, value: string) => boolean

/** One matcher against one value, compiling each regex matcher once. */
function acceptor(): Accepts {
  const compiled = new Map<Matcher, (v: string) => boolean>()
  return (m, value) => {
    if (m.type === '=') return value === m.value
    if (m.type === '!=') return value !== m.value
    let test = compiled.get(m)
    if (!test) compiled.set(m, (test = compileMatcher(m)))
    return test(value)
  }
}

/** True when every label set matching `later` also matches `earlier` (a sufficient, not necessary, test). */
export function covers(earlier: readonly Matcher[], later: readonly Matcher[], accepts: Accepts = acceptor()): boolean {
  return earlier.every((m) =>
    later.some((l) => {
      if (l.name !== m.name) return false
      if (l.type === m.type && l.value === m.value) return true
      return l.type === '=' && accepts(m, l.value)
    }),
  )
}

/** Upper bound on matcher-set comparisons per file, so an adversarial config cannot make the check quadratic. */
const SHADOW_BUDGET = 2_000_000

export function shadowedRoutes(cfg: AlertmanagerConfig, file: string, budget = SHADOW_BUDGET): Problem[] {
  const out: Problem[] = []
  const accepts = acceptor()
  const left = {n: budget}
  let truncated: RouteConfig | undefined
  // Iterative walk: nesting depth follows the input
  const stack: RouteConfig[] = cfg.route ? [cfg.route] : []
  while (stack.length > 0) {
    const route = stack.pop()!
    const covering = firstCovering(route.routes, accepts, left)
    route.routes.forEach((child, j) => {
      const earlier = covering[j]
      if (earlier === undefined) return
      const what = earlier.matchers.length === 0 ? 'a catch-all sibling' : `sibling ${formatMatchers(earlier.matchers)}`
      out.push(warning(file, child, 'am/shadowed-route', `route is unreachable: ${what} at line ${earlier.line} matches every alert it would and has no "continue: true"`,
        'move this route above that sibling, narrow the sibling, or add "continue: true" to it'))
    })
    if (left.n <= 0 && !truncated) truncated = route
    for (let i = route.routes.length - 1; i >= 0; i--) stack.push(route.routes[i]!)
  }
  if (truncated) {
    out.push(warning(file, truncated, 'am/shadowed-route', `not every route was checked for siblings that shadow it: the check stopped after ${budget} comparisons`,
      'split the routing tree into fewer siblings per route, or ignore this check for this file'))
  }
  return out
}

const key = (m: Matcher): string => `${m.name}\u0000${m.type}\u0000${m.value}`

/**
 * For each sibling, the first earlier one (without continue) that covers it. Each sibling is indexed under its
 * rarest matcher, which any route it covers must contain (or, for a regex, accept): candidates come from a few
 * hash look-ups instead of a scan of every earlier sibling. `left.n` counts down the comparisons made.
 */
function firstCovering(siblings: readonly RouteConfig[], accepts: Accepts, left: {n: number}): (RouteConfig | undefined)[] {
  const result: (RouteConfig | undefined)[] = []
  // Matcher frequencies only choose between several candidate pivots: most routes have one (or one "="), and
  // with 100k siblings the table would be the largest thing this check holds.
  const freq = new Map<string, number>()
  if (siblings.some((s) => !s.continue && ambiguousPivot(s.matchers))) {
    for (const s of siblings) if (!s.continue) for (const m of s.matchers) freq.set(key(m), (freq.get(key(m)) ?? 0) + 1)
  }
  const exact = new Map<string, number | number[]>() // pivot key -> sibling index(es); an equal matcher in the later route covers it
  const regexByName = new Map<string, Map<string, {pivot: Matcher; at: number[]}>>() // non-'=' pivots a '=' value may satisfy
  let catchAll = -1
  for (let j = 0; j < siblings.length; j++) {
    const child = siblings[j]!
    let best = catchAll >= 0 ? catchAll : Infinity
    const consider = (list: number | readonly number[] | undefined): void => {
      for (const i of typeof list === 'number' ? [list] : list ?? []) {
        if (i >= best || left.n <= 0) return
        left.n--
        if (covers(siblings[i]!.matchers, child.matchers, accepts)) return void (best = i)
      }
    }
    for (const l of child.matchers) {
      consider(exact.get(key(l)))
      if (l.type !== '=') continue
      for (const {pivot, at} of regexByName.get(l.name)?.values() ?? []) {
        if (at[0]! >= best || left.n <= 0) continue
        left.n--
        if (accepts(pivot, l.value)) consider(at)
      }
    }
    result.push(Number.isFinite(best) ? siblings[best] : undefined)
    if (child.continue) continue
    if (child.matchers.length === 0) {
      if (catchAll < 0) catchAll = j
      continue
    }
    const pivot = rarest(child.matchers, freq)
    const pk = key(pivot)
    const list = exact.get(pk)
    if (list === undefined) exact.set(pk, j)
    else if (typeof list === 'number') exact.set(pk, [list, j])
    else list.push(j)
    if (pivot.type === '=') continue
    const byName = regexByName.get(pivot.name) ?? new Map<string, {pivot: Matcher; at: number[]}>()
    regexByName.set(pivot.name, byName)
    const entry = byName.get(pk) ?? {pivot, at: []}
    byName.set(pk, entry)
    entry.at.push(j)
  }
  return result
}

/** Several matchers could be the pivot (two "=" ones, or no "=" and two others): only then do frequencies count. */
function ambiguousPivot(ms: readonly Matcher[]): boolean {
  let equal = 0
  for (const m of ms) if (m.type === '=') equal++
  return equal >= 2 || (equal === 0 && ms.length >= 2)
}

/** The matcher to index a route under: an equality one when there is one (a single hash look-up), the rarest. */
function rarest(ms: readonly Matcher[], freq: Map<string, number>): Matcher {
  let best = ms[0]!
  const score = (m: Matcher) => (m.type === '=' ? 0 : 1e9) + (freq.get(key(m)) ?? 0)
  for (const m of ms) if (score(m) < score(best)) best = m
  return best
}
