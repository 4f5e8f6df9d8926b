// Rules to routing: for every alerting rule, the receivers its labels reach in alertmanager.yml's routing
// tree, the inhibit rules that could mute it, and the findings (routes/* checks). Pure: no I/O.
import type {AlertmanagerConfig} from '../alertmanager/config/model.js'
import {judgeMatchers, possibleInhibitions, possibleRoutes, UNKNOWN, type MaybeLabels} from '../alertmanager/reach.js'
import {buildRouteTree, matchRoutes, type RouteNode} from '../alertmanager/routing.js'
import {compileMatcher, toApiMatcher, type ApiMatcher} from '../model/matchers.js'
import type {Problem} from '../findings/problem.js'
import {findCheck} from '../findings/registry.js'
import type {AlertLabels} from '../lint/run.js'

/** Integrations that page a person (a phone rings), by default. --pager names receivers instead. */
const PAGING_INTEGRATIONS = ['pagerduty', 'opsgenie', 'victorops', 'pushover', 'sns'] as const

export interface RoutedAlert {
  alert: string
  file: string
  line: number
  group: string
  severity: string | null // the static severity label, null when the rule sets none
  /** The labels routing was computed with: the rule's, then --label assumptions for labels it does not set. */
  labels: Record<string, string>
  /** Labels whose value is unknown until the alert fires, and why. */
  unknown: Record<string, string>
  /** What Alertmanager (and amtool config routes test) does with `labels`: unknown labels taken as absent. */
  receivers: string[]
  /** Every receiver some value of the unknown labels could reach (includes `receivers`). */
  mayReach: string[]
  pages: boolean // some receiver of mayReach pages
  /** Inhibit rules that could mute it: `rule` counts from 1 in inhibit_rules; the source side's matchers in the API shape. */
  inhibitedBy: {rule: number; line: number; sourceMatchers: ApiMatcher[]; sure: boolean}[]
}

export interface RoutesAnalysis {
  alerts: RoutedAlert[]
  receivers: {name: string; pages: boolean; alerts: number}[]
  problems: Problem[]
}

interface AnalyzeOptions {
  amPath: string
  assume?: Record<string, string> // --label k=v
  pagers?: readonly string[] // receiver names that page; default: receivers with a paging integration
}

export function analyzeRoutes(config: AlertmanagerConfig, alerts: readonly AlertLabels[], opts: AnalyzeOptions): RoutesAnalysis {
  const tree = buildRouteTree(config)
  const pagers = new Set(opts.pagers ?? config.receivers.filter((r) => r.integrations.some((i) => (PAGING_INTEGRATIONS as readonly string[]).includes(i.type))).map((r) => r.name))
  const problems: Problem[] = []
  const routed = alerts.map((a) => routeAlert(a, tree, config, pagers, opts.assume ?? {}))
  for (let k = 0; k < alerts.length; k++) alertFindings(alerts[k]!, routed[k]!, tree, pagers, problems)
  // Receivers: how many alerts may reach each; the ones routes name that no alert reaches are findings.
  const reached = new Map<string, number>()
  for (const r of routed) for (const name of r.mayReach) reached.set(name, (reached.get(name) ?? 0) + 1)
  const routeNamed = new Set<string>()
  const walk = [tree]
  while (walk.length > 0) {
    const r = walk.pop()!
    routeNamed.add(r.receiver)
    walk.push(...r.routes)
  }
  for (const rc of config.receivers) {
    if (!routeNamed.has(rc.name) || reached.has(rc.name)) continue
    problems.push({check: 'routes/unreachable-receiver', severity: 'warning', file: opts.amPath, line: rc.line, column: rc.column,
      message: `receiver "${rc.name}": no alerting rule in the given files can reach it`,
      hint: 'the rules meant for it lack the labels its routes match on, or it serves alerts from elsewhere (other rule files, other Prometheus servers)'})
  }
  if (pagers.size === 0 && !opts.pagers) {
    const critical = routed.filter((r) => r.severity === 'critical').length
    if (critical > 0) problems.push({check: 'routes/no-pager', severity: 'warning', file: opts.amPath, line: tree.line, column: tree.column,
      message: `no receiver pages anyone (none has ${PAGING_INTEGRATIONS.join(', ')}), so ${critical} critical alert${critical === 1 ? '' : 's'} page nobody`,
      hint: 'add a paging integration, or name the receivers that page with --pager NAME'})
  }
  return {alerts: routed, receivers: config.receivers.map((r) => ({name: r.name, pages: pagers.has(r.name), alerts: reached.get(r.name) ?? 0})), problems}
}

function routeAlert(a: AlertLabels, tree: RouteNode, config: AlertmanagerConfig, pagers: Set<string>, assume: Record<string, string>): RoutedAlert {
  const labels: Record<string, string> = {...a.labels}
  const unknown: Record<string, string> = {}
  for (const l of a.templated) unknown[l] = 'templated in the rule'
  for (const [k, v] of Object.entries(assume)) if (!Object.hasOwn(labels, k)) {
    labels[k] = v
    delete unknown[k]
  }
  const maybe: MaybeLabels = {...labels}
  for (const l of Object.keys(unknown)) maybe[l] = UNKNOWN
  // Labels of the query's series: any label the query may return, unless the rule or an assumption sets it.
  const fromQuery = (l: string) => !Object.hasOwn(labels, l) && !Object.hasOwn(unknown, l) && queryMayCarry(a, l)
  for (const l of routedLabels(tree)) if (fromQuery(l)) {
    maybe[l] = UNKNOWN
    unknown[l] = 'from the query'
  }
  const receivers = unique(matchRoutes(tree, labels).map((m) => m.receiver))
  const mayReach = unique([...receivers, ...possibleRoutes(tree, maybe).map((r) => r.receiver)])
  const inhibitedBy = possibleInhibitions(config, maybe).map((i) => ({rule: i.index + 1, line: i.line, sourceMatchers: i.source.map(toApiMatcher), sure: i.sure}))
  const severity = a.labels.severity ?? null
  return {alert: a.name, file: a.file, line: a.line, group: a.group, severity, labels, unknown, receivers, mayReach, pages: mayReach.some((r) => pagers.has(r)), inhibitedBy}
}

function alertFindings(a: AlertLabels, r: RoutedAlert, tree: RouteNode, pagers: Set<string>, problems: Problem[]): void {
  const at = {file: a.file, line: a.line, column: a.column, group: a.group, rule: a.name}
  const finding = (check: string, message: string, hint: string) => problems.push({check, severity: findCheck(check)?.severity ?? 'warning', ...at, message, hint})
  // Labels the routes below where it stops ask for, that it does not have at all.
  const stops = matchRoutes(tree, r.labels).map((m) => m.route)
  const lacking = new Map<string, number>() // label -> line of the first route asking for it
  const maybe = maybeOf(r)
  for (const stop of stops)
    for (const child of stop.routes)
      for (const m of child.matchers) {
        const absent = !Object.hasOwn(r.labels, m.name) && !Object.hasOwn(r.unknown, m.name)
        if (!absent || compileMatcher(m)('') || lacking.has(m.name)) continue
        // Only routes the label would open: its other matchers must not rule the alert out anyway.
        if (judgeMatchers(child.matchers, {...maybe, [m.name]: UNKNOWN}) !== 'no') lacking.set(m.name, child.line)
      }
  for (const [label, line] of lacking) {
    finding('routes/missing-label', `alert "${a.name}" has no label "${label}", which the route at line ${line} of the Alertmanager config matches on; that route never gets it`,
      `set "${label}" in the rule's labels (or, if Prometheus adds it as an external label, pass --label ${label}=VALUE)`)
  }
  // Only when the root's routes sort alerts by some label: routes for single alertnames (Watchdog) make the
  // root's receiver the intended catch-all, not a fall-through.
  const sorts = tree.routes.some((c) => c.matchers.some((m) => m.name !== 'alertname'))
  if (sorts && possibleRoutes(tree, maybe).every((x) => x.path.length === 0)) {
    finding('routes/unrouted', `alert "${a.name}" matches no route: it reaches only the root's default receiver "${tree.receiver}"`,
      'give it the labels a route matches on, or add a route for it')
  }
  if (r.severity === 'critical' && pagers.size > 0 && !r.pages) {
    finding('routes/no-pager', `critical alert "${a.name}" reaches no paging receiver (it reaches ${r.mayReach.join(', ') || 'nothing'})`,
      `route severity="critical" to a paging receiver (${[...pagers].join(', ')}), or lower its severity`)
  }
  if (r.severity === 'info') {
    const paged = r.receivers.filter((x) => pagers.has(x))
    if (paged.length > 0) finding('routes/info-pages', `info alert "${a.name}" pages: it reaches ${paged.join(', ')}`,
      'route severity="info" away from paging receivers, or raise its severity')
  }
}

function maybeOf(r: RoutedAlert): MaybeLabels {
  const m: MaybeLabels = {...r.labels}
  for (const l of Object.keys(r.unknown)) m[l] = UNKNOWN
  return m
}

/** Could the query's results carry this label? (Unknown expressions: yes.) */
function queryMayCarry(a: AlertLabels, label: string): boolean {
  if (label === 'alertname') return false
  if (!a.query) return true
  return a.query.kind === 'only' ? a.query.names.includes(label) : !a.query.removed.includes(label)
}

/** Every label name a route of the tree matches on. */
function routedLabels(tree: RouteNode): Set<string> {
  const out = new Set<string>()
  const stack = [tree]
  while (stack.length > 0) {
    const r = stack.pop()!
    for (const m of r.matchers) out.add(m.name)
    stack.push(...r.routes)
  }
  return out
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)]
}
