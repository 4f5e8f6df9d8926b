// Rule groups evaluated as Prometheus 2.42's rule manager does (rules/manager.go, alerting.go, recording.go):
// rules in order at each evaluation, results appended to the storage (visible to later rules), series a rule
// stopped returning marked stale, alerts pending -> firing after `for`, kept firing for `keep_firing_for`,
// ALERTS and ALERTS_FOR_STATE written.
import {type Expr, type Labels, PromQLError, type Sample, STALE, type Storage, instantQuery} from '../promql/index.js'

/** What alert templates see: $labels, $externalLabels, $externalURL, $value. */
interface TemplateData {
  labels: Record<string, string>
  externalLabels: Record<string, string>
  externalURL: string
  value: number
}

/** Runs an instant query at `t` (ms) for a template's `query` function. */
type QueryFn = (query: string, t: number) => Sample[]

/** Expands one label or annotation template; throws on an error (the text becomes `<error expanding template: ...>`). */
export type Expander = (text: string, name: string, data: TemplateData, t: number, query: QueryFn) => string

interface RecordingRule {
  kind: 'record'
  name: string
  expr: Expr
  labels: Array<[string, string]>
}

interface AlertingRule {
  kind: 'alert'
  name: string
  expr: Expr
  forMs: number
  keepFiringForMs: number
  labels: Array<[string, string]>
  annotations: Array<[string, string]>
}

export type Rule = RecordingRule | AlertingRule

export interface RuleGroup {
  file: string
  name: string
  limit: number
  rules: Rule[]
}

type AlertState = 'pending' | 'firing' | 'inactive'

interface Alert {
  labels: Labels
  annotations: Array<[string, string]>
  activeAt: number
  state: AlertState
  value: number
  resolvedAt?: number
  keepFiringSince?: number
  /** Its ALERTS and ALERTS_FOR_STATE label sets, built on first use. */
  pendingSeries?: Labels
  firingSeries?: Labels
  forStateSeries?: Labels
}

/** Output labels of a rule for one input label set, and their key. */
interface Identity {
  labels: Labels
  key: string
}

interface EvalOptions {
  storage: Storage
  expand: Expander
  externalLabels: Record<string, string>
  externalURL: string
  /** Step of subqueries without one: the evaluation interval. */
  defaultStep: number
}

const RESOLVED_RETENTION = 15 * 60_000
/** promtool's test engine (Prometheus 2.42's promql.LazyLoader) runs every query with this sample limit. */
const MAX_SAMPLES = 10_000

/** One group's state across evaluations. */
export class GroupState {
  /** Per rule: the series it wrote at its last successful evaluation. */
  private readonly previous: Array<Map<object, Labels>>
  /** Per alerting rule: active alerts by label set. */
  readonly active: Array<Map<string, Alert>>
  /** Per rule: the error of its last evaluation. */
  readonly lastError: Array<string | undefined>
  /** Per recording rule: output labels by the query's (immutable) result labels. */
  private readonly recorded: Array<WeakMap<Labels, Identity>>
  /** Per alerting rule whose labels hold no template: alert labels by the query's result labels. */
  private readonly fixedLabels: Array<WeakMap<Labels, Identity> | undefined>
  /** Per alerting rule: whether its annotations hold no template (so they are the rule's own). */
  private readonly fixedAnnotations: boolean[]

  constructor(readonly group: RuleGroup) {
    this.previous = group.rules.map(() => new Map())
    this.active = group.rules.map(() => new Map())
    this.lastError = group.rules.map(() => undefined)
    this.recorded = group.rules.map(() => new WeakMap())
    this.fixedLabels = group.rules.map((r) => (r.kind === 'alert' && !r.labels.some(([, v]) => v.includes('{{')) ? new WeakMap() : undefined))
    this.fixedAnnotations = group.rules.map((r) => r.kind === 'alert' && !r.annotations.some(([, v]) => v.includes('{{')))
  }

  eval(ts: number, opts: EvalOptions): void {
    this.group.rules.forEach((rule, i) => {
      let vector: Sample[]
      try {
        vector = rule.kind === 'record' ? this.evalRecording(rule, i, ts, opts) : this.evalAlerting(rule, i, ts, opts)
        this.lastError[i] = undefined
      } catch (e) {
        this.lastError[i] = e instanceof Error ? e.message : String(e)
        return
      }
      // Keyed by the stored series: the same label set always gives the same one.
      const returned = new Map<object, Labels>()
      for (const s of vector) {
        const r = opts.storage.append(s.metric, ts, s.v)
        if (typeof r === 'string') this.lastError[i] = r
        else returned.set(r, s.metric)
      }
      for (const [series, labels] of this.previous[i]!) if (!returned.has(series)) opts.storage.append(labels, ts, STALE)
      this.previous[i] = returned
    })
  }

  private evalAlerting(rule: AlertingRule, i: number, ts: number, opts: EvalOptions): Sample[] {
    const res = query(opts, rule.expr, ts)
    const current = new Map<string, Alert>()
    const fixed = this.fixedLabels[i]
    for (const smpl of res) {
      let data: TemplateData | undefined
      const expand = (text: string): string => {
        // A text without an action expands to itself.
        if (!text.includes('{{')) return text
        data ??= {labels: Object.fromEntries(smpl.metric), externalLabels: opts.externalLabels, externalURL: opts.externalURL, value: smpl.v}
        try {
          return opts.expand(text, `__alert_${rule.name}`, data, ts, (q, t) => query(opts, q, t))
        } catch (e) {
          return `<error expanding template: ${e instanceof Error ? e.message : String(e)}>`
        }
      }
      // Without templates in the rule's labels, an alert's labels depend on the sample's labels alone.
      let id = fixed?.get(smpl.metric)
      if (!id) {
        const lb = new Map<string, string>(smpl.metric.filter(([n]) => n !== '__name__'))
        for (const [n, v] of rule.labels) setOrDelete(lb, n, expand(v))
        lb.set('alertname', rule.name)
        const labels = sorted(lb)
        id = {labels, key: key(labels)}
        fixed?.set(smpl.metric, id)
      }
      const annotations = this.fixedAnnotations[i] ? rule.annotations : rule.annotations.map(([n, v]): [string, string] => [n, expand(v)])
      const k = id.key
      if (current.has(k)) throw new PromQLError('vector contains metrics with the same labelset after applying alert labels')
      current.set(k, {labels: id.labels, annotations, activeAt: ts, state: 'pending', value: smpl.v})
    }
    const active = this.active[i]!
    for (const [k, a] of current) {
      const old = active.get(k)
      if (old && old.state !== 'inactive') {
        old.value = a.value
        old.annotations = a.annotations
        continue
      }
      active.set(k, a)
    }
    const out: Sample[] = []
    let numActive = 0
    for (const [k, a] of active) {
      if (!current.has(k)) {
        let keepFiring = false
        if (a.state === 'firing' && rule.keepFiringForMs > 0) {
          a.keepFiringSince ??= ts
          if (ts - a.keepFiringSince < rule.keepFiringForMs) keepFiring = true
        }
        if (a.state === 'pending' || (a.resolvedAt !== undefined && ts - a.resolvedAt > RESOLVED_RETENTION)) active.delete(k)
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive'
          a.resolvedAt = ts
        }
        if (!keepFiring) continue
      } else {
        a.keepFiringSince = undefined
      }
      numActive++
      if (a.state === 'pending' && ts - a.activeAt >= rule.forMs) a.state = 'firing'
      out.push({metric: alertSeries(rule, a, a.state), t: 0, v: 1}, {metric: alertSeries(rule, a), t: 0, v: Math.floor(a.activeAt / 1000)})
    }
    const limit = this.group.limit
    if (limit > 0 && numActive > limit) {
      active.clear()
      throw new PromQLError(`exceeded limit of ${limit} with ${numActive} alerts`)
    }
    return out
  }

  private evalRecording(rule: RecordingRule, i: number, ts: number, opts: EvalOptions): Sample[] {
    const out: Sample[] = []
    const seen = new Set<string>()
    const cache = this.recorded[i]!
    for (const s of query(opts, rule.expr, ts)) {
      let id = cache.get(s.metric)
      if (!id) {
        const lb = new Map<string, string>(s.metric)
        lb.set('__name__', rule.name)
        for (const [n, v] of rule.labels) setOrDelete(lb, n, v)
        const metric = sorted(lb)
        id = {labels: metric, key: key(metric)}
        cache.set(s.metric, id)
      }
      if (seen.has(id.key)) throw new PromQLError('vector contains metrics with the same labelset after applying rule labels')
      seen.add(id.key)
      out.push({metric: id.labels, t: ts, v: s.v})
    }
    return out
  }

  /** Firing alerts of the alerting rules named `name`. */
  firing(name: string): Alert[] {
    const out: Alert[] = []
    this.group.rules.forEach((r, i) => {
      if (r.kind !== 'alert' || r.name !== name) return
      for (const a of this.active[i]!.values()) if (a.state === 'firing') out.push(a)
    })
    return out
  }
}

/** ALERTS{alertstate} (value 1) or, without a state, ALERTS_FOR_STATE (value: when the alert became active, in seconds). */
function alertSeries(rule: AlertingRule, a: Alert, state?: AlertState): Labels {
  const cached = state === undefined ? a.forStateSeries : state === 'firing' ? a.firingSeries : a.pendingSeries
  if (cached) return cached
  // As Prometheus: the rule's raw labels, overwritten by the alert's (expanded) labels.
  const lb = new Map<string, string>(rule.labels.filter(([, val]) => val !== ''))
  for (const [n, val] of a.labels) lb.set(n, val)
  lb.set('__name__', state === undefined ? 'ALERTS_FOR_STATE' : 'ALERTS')
  lb.set('alertname', rule.name)
  if (state) lb.set('alertstate', state)
  const labels = sorted(lb)
  // An alert's labels never change, so neither do its series: the storage finds them by identity.
  if (state === undefined) a.forStateSeries = labels
  else if (state === 'firing') a.firingSeries = labels
  else a.pendingSeries = labels
  return labels
}

/** The rule manager's query function: a vector, or a scalar as one sample without labels. */
export function query(opts: Pick<EvalOptions, 'storage' | 'defaultStep'>, expr: Expr | string, ts: number): Sample[] {
  const v = instantQuery(opts.storage, expr, ts, {defaultStep: opts.defaultStep, maxSamples: MAX_SAMPLES})
  if (v.type === 'vector') return v.samples
  if (v.type === 'scalar') return [{metric: [], t: ts, v: v.v}]
  throw new PromQLError('rule result is not a vector or scalar')
}

function setOrDelete(lb: Map<string, string>, name: string, value: string): void {
  if (value === '') lb.delete(name)
  else lb.set(name, value)
}

function sorted(lb: Map<string, string>): Labels {
  return [...lb].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

function key(ls: Labels): string {
  let s = ''
  for (const [n, v] of ls) s += `${n}\xff${v}\xff`
  return s
}
