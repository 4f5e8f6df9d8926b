// Findings beyond amtool: unused receivers and time intervals, routes an earlier sibling always catches.
import {compileMatcher, formatMatchers, type Matcher} from '../../model/matchers.js'
import type {Problem} from '../../findings/problem.js'
import type {AlertmanagerConfig, RouteConfig} from './model.js'

function warning(file: string, at: {line: number; column: number}, check: string, message: string, hint: string): Problem {
  return {check, severity: 'warning', file, line: at.line, column: at.column, message, hint}
}

function walk(route: RouteConfig, visit: (r: RouteConfig) => void): void {
  visit(route)
  route.routes.forEach((c) => walk(c, visit))
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
  if (cfg.route) walk(cfg.route, (r) => [...r.muteTimeIntervals, ...r.activeTimeIntervals].forEach((n) => used.add(n)))
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

export function shadowedRoutes(cfg: AlertmanagerConfig, file: string): Problem[] {
  const out: Problem[] = []
  const accepts = acceptor()
  const visit = (route: RouteConfig): void => {
    route.routes.forEach((child, j) => {
      let earlier: RouteConfig | undefined
      for (let i = 0; i < j && !earlier; i++) {
        const s = route.routes[i]!
        if (!s.continue && covers(s.matchers, child.matchers, accepts)) earlier = s
      }
      if (earlier) {
        const what = earlier.matchers.length === 0 ? 'a catch-all sibling' : `sibling ${formatMatchers(earlier.matchers)}`
        out.push(warning(file, child, 'am/shadowed-route', `route is unreachable: ${what} at line ${earlier.line} matches every alert it would and has no "continue: true"`,
          'move this route above that sibling, narrow the sibling, or add "continue: true" to it'))
      }
      visit(child)
    })
  }
  if (cfg.route) visit(cfg.route)
  return out
}
