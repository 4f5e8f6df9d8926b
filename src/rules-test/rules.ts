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

/** One group's state across evaluations. */
export class GroupState {
  /** Per rule: the series it wrote at its last successful evaluation. */
  private readonly previous: Array<Map<string, Labels>>
  /** Per alerting rule: active alerts by label set. */
  readonly active: Array<Map<string, Alert>>
  /** Per rule: the error of its last evaluation. */
  readonly lastError: Array<string | undefined>

  constructor(readonly group: RuleGroup) {
    this.previous = group.rules.map(() => new Map())
    this.active = group.rules.map(() => new Map())
    this.lastError = group.rules.map(() => undefined)
  }

  eval(ts: number, opts: EvalOptions): void {
    this.group.rules.forEach((rule, i) => {
      let vector: Sample[]
      try {
        vector = rule.kind === 'record' ? evalRecording(rule, ts, opts) : this.evalAlerting(rule, i, ts, opts)
        this.lastError[i] = undefined
      } catch (e) {
        this.lastError[i] = e instanceof Error ? e.message : String(e)
        return
      }
      const returned = new Map<string, Labels>()
      for (const s of vector) {
        const err = opts.storage.append(s.metric, ts, s.v)
        if (err) this.lastError[i] = err
        else returned.set(key(s.metric), s.metric)
      }
      for (const [k, labels] of this.previous[i]!) if (!returned.has(k)) opts.storage.append(labels, ts, STALE)
      this.previous[i] = returned
    })
  }

  private evalAlerting(rule: AlertingRule, i: number, ts: number, opts: EvalOptions): Sample[] {
    const res = query(opts, rule.expr, ts)
    const current = new Map<string, Alert>()
    for (const smpl of res) {
      const data: TemplateData = {labels: Object.fromEntries(smpl.metric), externalLabels: opts.externalLabels, externalURL: opts.externalURL, value: smpl.v}
      const expand = (text: string): string => {
        try {
          return opts.expand(text, `__alert_${rule.name}`, data, ts, (q, t) => query(opts, q, t))
        } catch (e) {
          return `<error expanding template: ${e instanceof Error ? e.message : String(e)}>`
        }
      }
      const lb = new Map<string, string>(smpl.metric.filter(([n]) => n !== '__name__'))
      for (const [n, v] of rule.labels) setOrDelete(lb, n, expand(v))
      lb.set('alertname', rule.name)
      const annotations = rule.annotations.map(([n, v]): [string, string] => [n, expand(v)])
      const labels = sorted(lb)
      const k = key(labels)
      if (current.has(k)) throw new PromQLError('vector contains metrics with the same labelset after applying alert labels')
      current.set(k, {labels, annotations, activeAt: ts, state: 'pending', value: smpl.v})
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
      out.push(alertSample(rule, a, 'ALERTS', 1, a.state), alertSample(rule, a, 'ALERTS_FOR_STATE', Math.floor(a.activeAt / 1000)))
    }
    const limit = this.group.limit
    if (limit > 0 && numActive > limit) {
      active.clear()
      throw new PromQLError(`exceeded limit of ${limit} with ${numActive} alerts`)
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

function evalRecording(rule: RecordingRule, ts: number, opts: EvalOptions): Sample[] {
  const out: Sample[] = []
  const seen = new Set<string>()
  for (const s of query(opts, rule.expr, ts)) {
    const lb = new Map<string, string>(s.metric)
    lb.set('__name__', rule.name)
    for (const [n, v] of rule.labels) setOrDelete(lb, n, v)
    const metric = sorted(lb)
    const k = key(metric)
    if (seen.has(k)) throw new PromQLError('vector contains metrics with the same labelset after applying rule labels')
    seen.add(k)
    out.push({metric, t: ts, v: s.v})
  }
  return out
}

/** ALERTS{alertstate} (value 1) or ALERTS_FOR_STATE (value: when the alert became active, in seconds). */
function alertSample(rule: AlertingRule, a: Alert, name: string, v: number, state?: AlertState): Sample {
  // As Prometheus: the rule's raw labels, overwritten by the alert's (expanded) labels.
  const lb = new Map<string, string>(rule.labels.filter(([, val]) => val !== ''))
  for (const [n, val] of a.labels) lb.set(n, val)
  lb.set('__name__', name)
  lb.set('alertname', rule.name)
  if (state) lb.set('alertstate', state)
  return {metric: sorted(lb), t: 0, v}
}

/** The rule manager's query function: a vector, or a scalar as one sample without labels. */
export function query(opts: Pick<EvalOptions, 'storage' | 'defaultStep'>, expr: Expr | string, ts: number): Sample[] {
  const v = instantQuery(opts.storage, expr, ts, {defaultStep: opts.defaultStep})
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
