// alertmanager.yml from init's choices: the receivers come from config-templates/receivers/, the routing tree
// and inhibition are built here (their shape depends on the combination of receivers, packs and regions).
import {CLASS_OF, type InitChoices, type ReceiverSpec, type Routing, type RulePack} from './options.js'

export const GENERATED_MARKER = '# spock:generated'

export interface RoutePlan {
  critical: string[]
  warning: string[]
  info: string[]
  /** Receivers per category under critical and warning (category routing only). */
  byCategory?: Record<string, {critical: string[]; warning: string[]}>
  root: string
}

interface Route {
  comment?: string
  matchers?: string[]
  receiver?: string
  continue?: boolean
  groupBy?: string[]
  repeat?: string
  routes?: Route[]
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`

/** The receivers every alert of each severity reaches, as the preset words them. */
export function planRoutes(receivers: readonly ReceiverSpec[], routing: Routing, categories: readonly string[]): RoutePlan {
  const named = (pred: (r: ReceiverSpec) => boolean) => receivers.filter(pred).map((r) => r.name)
  const notLog = named((r) => r.kind !== 'log')
  const log = named((r) => r.kind === 'log')[0] ?? 'log'
  const root = named((r) => CLASS_OF[r.kind] === 'chat' || r.kind === 'webhook')[0] ?? notLog[0] ?? log
  if (routing === 'simple') {
    const all = notLog.length > 0 ? notLog : [log]
    const hasLog = receivers.some((r) => r.kind === 'log')
    return {critical: all, warning: all, info: hasLog ? [log] : all, root: all[0]!}
  }
  const critical = notLog.length > 0 ? notLog : [log]
  const chatOrHook = named((r) => CLASS_OF[r.kind] === 'chat' || r.kind === 'webhook')
  const warning = chatOrHook.length > 0 ? chatOrHook : [log]
  const plan: RoutePlan = {critical, warning, info: [log], root}
  if (routing === 'category') {
    const perCategory = (list: string[], cat: string) => list.map((n) => (isSlack(receivers, n) ? `${n}-${cat}` : n))
    plan.byCategory = Object.fromEntries(categories.map((c) => [c, {critical: perCategory(critical, c), warning: perCategory(warning, c)}]))
  }
  return plan
}

const isSlack = (receivers: readonly ReceiverSpec[], name: string): boolean => receivers.some((r) => r.name === name && r.kind === 'slack')

/** One child per receiver, each with continue except the last: the alert reaches all of them. */
function fanOut(names: readonly string[]): Route[] {
  return names.map((n, i) => ({receiver: n, ...(i < names.length - 1 ? {continue: true} : {})}))
}

function severityRoute(severity: string, names: readonly string[], repeat: string | undefined, categories?: Route[]): Route {
  const route: Route = {matchers: [`severity="${severity}"`], ...(repeat ? {repeat} : {})}
  if (!categories && names.length === 1) return {...route, receiver: names[0]}
  return {...route, routes: [...(categories ?? []), ...fanOut(names)]}
}

export function buildRoute(c: InitChoices, plan: RoutePlan, groupBy: string[]): Route {
  const routes: Route[] = []
  if (c.rules.includes('meta')) {
    routes.push({comment: 'the always-firing Watchdog: point receiver "watchdog" at a dead man\'s switch', matchers: ['alertname="Watchdog"'], receiver: 'watchdog', repeat: '1m'})
  }
  if (c.routing === 'simple') {
    const info = plan.info.length === 1 && plan.info[0] !== plan.critical[0] && !plan.critical.includes(plan.info[0]!)
    if (info) routes.push({matchers: ['severity="info"'], receiver: plan.info[0]})
    if (plan.critical.length > 1) routes.push(...fanOut(plan.critical))
    return {receiver: plan.root, groupBy, routes}
  }
  const catRoutes = (sev: 'critical' | 'warning'): Route[] | undefined =>
    plan.byCategory &&
    Object.entries(plan.byCategory).map(([cat, r]) => {
      const names = r[sev]
      return names.length === 1
        ? {matchers: [`category="${cat}"`], receiver: names[0], groupBy: [...groupBy, 'category']}
        : {matchers: [`category="${cat}"`], groupBy: [...groupBy, 'category'], routes: fanOut(names)}
    })
  routes.push(
    {...severityRoute('critical', plan.critical, '30m', catRoutes('critical')), comment: 'critical: every receiver but log, repeated every 30m'},
    {...severityRoute('warning', plan.warning, '2h', catRoutes('warning')), comment: 'warning: chat and webhook receivers, repeated every 2h'},
    {...severityRoute('info', plan.info, undefined), comment: 'info: kept in Alertmanager, sent nowhere'},
  )
  return {receiver: plan.root, groupBy, routes}
}

function routeLines(r: Route, indent: string, first: string): string[] {
  const out: string[] = []
  let lead = first
  const put = (line: string) => {
    out.push(`${lead}${line}`)
    lead = indent
  }
  if (r.comment) out.push(`${first.slice(0, -2)}# ${r.comment}`)
  if (r.matchers) put(`matchers: [${r.matchers.map(quote).join(', ')}]`)
  if (r.receiver) put(`receiver: ${r.receiver}`)
  if (r.groupBy) put(`group_by: [${r.groupBy.map(quote).join(', ')}]`)
  if (r.repeat) put(`repeat_interval: ${r.repeat}`)
  if (r.continue) put('continue: true')
  if (r.routes && r.routes.length > 0) {
    put('routes:')
    for (const child of r.routes) out.push(...routeLines(child, `${indent}    `, `${indent}  - `))
  }
  return out
}

export function renderRoute(root: Route): string {
  const lines = ['route:', `  receiver: ${root.receiver}`, `  group_by: [${root.groupBy!.map(quote).join(', ')}]`, '  group_wait: 30s', '  group_interval: 5m', '  repeat_interval: 4h']
  if (root.routes && root.routes.length > 0) {
    lines.push('  routes:')
    for (const r of root.routes) lines.push(...routeLines(r, '      ', '    - '))
  }
  return lines.join('\n')
}

export function renderInhibit(equal: string[]): string {
  return [
    'inhibit_rules:',
    '  # a critical alert mutes the warning and info alerts of the same alertname (and region)',
    "  - source_matchers: ['severity=\"critical\"']",
    "    target_matchers: ['severity=~\"warning|info\"']",
    `    equal: [${equal.map(quote).join(', ')}]`,
  ].join('\n')
}

/** The receiver's template text with its name and secrets directory filled in, indented under receivers:. */
export function renderReceiver(text: string, name: string, secretsDir: string, extra: {channel?: string} = {}): string {
  let body = text.replace(/__NAME__/g, name).replace(/__SECRETS__/g, secretsDir)
  if (extra.channel) body = body.replace(/channel: '#alerts'/, `channel: '${extra.channel}'`)
  return body.trimEnd().split('\n').map((l) => (l ? `  ${l}` : l)).join('\n')
}

/** Which template file a receiver kind uses for this Alertmanager version. */
export function templateFile(kind: ReceiverSpec['kind'], version: InitChoices['alertmanagerVersion'], exists: (f: string) => boolean): string {
  const variant = `receivers/${kind}-${version}.yml`
  return exists(variant) ? variant : `receivers/${kind}.yml`
}

export function groupLabels(c: InitChoices): string[] {
  return ['alertname', 'job', ...(c.regions.length > 0 ? ['region'] : [])]
}

export function categoriesOf(rules: readonly RulePack[]): string[] {
  return rules.filter((r) => r !== 'meta')
}
