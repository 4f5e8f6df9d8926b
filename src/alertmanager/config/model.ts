// The validated alertmanager.yml as plain data (secrets already replaced by "<secret>").
import type {Matcher} from '../../model/matchers.js'
import {tryParseDuration} from '../../model/duration.js'
import type {Decoder} from '../../yaml/decode.js'
import {toTimeIntervalSpec, type TimeIntervalSpec} from './time-intervals.js'

type Obj = Record<string, unknown>

export interface RouteConfig {
  receiver?: string
  /** Named group_by labels; undefined when none are given (the route inherits its parent's). */
  groupBy?: string[]
  groupByAll: boolean
  /** match, match_re and matchers together, sorted as Alertmanager sorts them. */
  matchers: Matcher[]
  continue: boolean
  muteTimeIntervals: string[]
  activeTimeIntervals: string[]
  groupWait?: number // ms
  groupInterval?: number
  repeatInterval?: number
  routes: RouteConfig[]
  line: number
  column: number
}

interface InhibitRuleConfig {
  sourceMatchers: Matcher[]
  targetMatchers: Matcher[]
  equal: string[]
  line: number
  column: number
}

interface ReceiverConfig {
  name: string
  integrations: {type: string; count: number}[] // e.g. {type: 'slack', count: 2}
  line: number
  column: number
}

export interface TimeIntervalConfig {
  name: string
  /** The interval is active when any of these is. */
  intervals: TimeIntervalSpec[]
  line: number
  column: number
}

export interface AlertmanagerConfig {
  route?: RouteConfig
  receivers: ReceiverConfig[]
  inhibitRules: InhibitRuleConfig[]
  templates: string[]
  timeIntervals: TimeIntervalConfig[]
}

// One shared, frozen empty list for every empty list of the model: a file with 100k routes has 300k of them.
const NONE: never[] = Object.freeze([]) as unknown as never[]

/** Go's byte-wise string order (UTF-8), which differs from UTF-16 order above U+FFFF. */
function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

const TYPE_ORDER = {'=': 0, '!=': 1, '=~': 2, '!~': 3} as const

function sortMatchers(ms: readonly Matcher[]): Matcher[] {
  if (ms.length === 0) return NONE
  return [...ms].sort((x, y) => compareGoStrings(x.name, y.name) || compareGoStrings(x.value, y.value) || TYPE_ORDER[x.type] - TYPE_ORDER[y.type])
}

/** match and match_re as matchers; match_re values keep Alertmanager's anchoring, as amtool prints them. */
function legacyMatchers(match: unknown, matchRe: unknown): Matcher[] {
  const out: Matcher[] = []
  for (const [name, value] of Object.entries((match as Record<string, string | undefined>) ?? {})) {
    out.push({name, type: '=', value: value ?? ''})
  }
  for (const [name, value] of Object.entries((matchRe as Record<string, string | undefined>) ?? {})) {
    out.push({name, type: '=~', value: `^(?:${value ?? ''})$`})
  }
  return out
}

function ms(v: unknown): number | undefined {
  return typeof v === 'string' ? tryParseDuration(v) : undefined
}

function strings(v: unknown): string[] {
  const out = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : NONE
  return out.length > 0 ? out : NONE
}

/** The route and its sub-routes, built without recursion (nesting depth follows the input). */
function toRoute(r: Obj, d: Decoder): RouteConfig {
  const root = routeOnly(r, d)
  const stack: [Obj, RouteConfig][] = [[r, root]]
  while (stack.length > 0) {
    const [raw, route] = stack.pop()!
    for (const c of (raw.routes as (Obj | undefined)[] | undefined) ?? []) {
      if (!c) continue
      const child = routeOnly(c, d)
      if (route.routes === NONE) route.routes = []
      route.routes.push(child)
      stack.push([c, child])
    }
  }
  return root
}

function routeMatchers(r: Obj): Matcher[] {
  const given = (r.matchers as Matcher[] | undefined) ?? NONE
  return r.match === undefined && r.match_re === undefined ? given : [...legacyMatchers(r.match, r.match_re), ...given]
}

/** Integration types ("webhook" for webhook_configs), one string each. */
const TYPES = new Map<string, string>()
function integrationType(key: string): string {
  let t = TYPES.get(key)
  if (t === undefined) TYPES.set(key, (t = key.replace(/_configs$/, '')))
  return t
}

function routeOnly(r: Obj, d: Decoder): RouteConfig {
  const groupBy = strings(r.group_by)
  const named = groupBy.filter((l) => l !== '...')
  const pos = d.at(r)
  const route: RouteConfig = {
    groupByAll: groupBy.includes('...'),
    matchers: sortMatchers(routeMatchers(r)),
    continue: r.continue === true,
    muteTimeIntervals: strings(r.mute_time_intervals),
    activeTimeIntervals: strings(r.active_time_intervals),
    routes: NONE,
    line: pos.line,
    column: pos.column,
  }
  if (typeof r.receiver === 'string' && r.receiver !== '') route.receiver = r.receiver
  if (named.length > 0) route.groupBy = named
  const gw = ms(r.group_wait)
  const gi = ms(r.group_interval)
  const ri = ms(r.repeat_interval)
  if (gw !== undefined) route.groupWait = gw
  if (gi !== undefined) route.groupInterval = gi
  if (ri !== undefined) route.repeatInterval = ri
  return route
}

export function toConfig(cfg: Obj, d: Decoder): AlertmanagerConfig {
  const list = (k: string) => ((cfg[k] as (Obj | undefined)[] | undefined) ?? []).filter((x): x is Obj => Boolean(x))
  const out: AlertmanagerConfig = {
    receivers: list('receivers').map((r) => ({
      name: typeof r.name === 'string' ? r.name : '',
      integrations: Object.entries(r)
        .filter(([k, v]) => k.endsWith('_configs') && Array.isArray(v) && v.length > 0)
        .map(([k, v]) => ({type: integrationType(k), count: (v as unknown[]).length})),
      ...d.at(r, 'name'),
    })),
    inhibitRules: list('inhibit_rules').map((r) => ({
      sourceMatchers: sortMatchers([...legacyMatchers(r.source_match, r.source_match_re), ...((r.source_matchers as Matcher[] | undefined) ?? [])]),
      targetMatchers: sortMatchers([...legacyMatchers(r.target_match, r.target_match_re), ...((r.target_matchers as Matcher[] | undefined) ?? [])]),
      equal: strings(r.equal),
      ...d.at(r),
    })),
    templates: strings(cfg.templates),
    timeIntervals: [...list('mute_time_intervals'), ...list('time_intervals')]
      .filter((t) => typeof t.name === 'string')
      .map((t) => ({
        name: t.name as string,
        intervals: ((t.time_intervals as (Obj | undefined)[] | undefined) ?? []).filter((x): x is Obj => Boolean(x)).map(toTimeIntervalSpec),
        ...d.at(t, 'name'),
      })),
  }
  const route = cfg.route as Obj | undefined
  if (route) out.route = toRoute(route, d)
  return out
}
