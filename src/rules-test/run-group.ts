// One test group of a unit-test file, run as promtool 2.42 runs it (cmd/promtool/unittest.go): input series
// loaded step by step up to each evaluation time, every rule group evaluated at 0, interval, ... up to the
// latest eval_time, alerts compared at the evaluation at or just before their eval_time, expressions queried
// at the end.
import {type Labels, PromQLError, STALE, Storage, compareLabels, parseSeriesLabels, splitSeriesLine} from '../promql/index.js'
import {type Expander, GroupState, type RuleGroup, query} from './rules.js'
import type {At, TestGroup} from './schema.js'

export type Pairs = Array<[string, string]>

export interface AlertView {
  labels: Pairs
  annotations: Pairs
}

export interface SampleView {
  labels: Pairs
  value: number
}

interface FailureBase {
  /** The alert_rule_test or promql_expr_test item (or the test group). */
  at: At
  /** Evaluation time (ms). */
  evalTime: number
}

export type Failure =
  | (FailureBase & {kind: 'alert'; alertname: string; expected: AlertView[]; got: AlertView[]})
  | (FailureBase & {kind: 'expr'; expr: string; expected: SampleView[]; got: SampleView[]})
  | (FailureBase & {kind: 'rule-error'; rule: string; message: string})
  | (FailureBase & {kind: 'expr-error'; expr: string; message: string})

interface GroupOutcome {
  failures: Failure[]
  /** A problem with the test group's own content (bad series, missing alertname): the file is invalid. */
  invalid?: {at: At; message: string}
}

interface RunOptions {
  evaluationInterval: number
  groupOrder: ReadonlyMap<string, number>
  expand: Expander
}

interface Input {
  labels: Labels
  times: number[]
  values: Array<number | typeof STALE>
  next: number
}

export function runTestGroup(tg: TestGroup, ruleGroups: readonly RuleGroup[], opts: RunOptions): GroupOutcome {
  let inputs: Input[]
  try {
    inputs = loadInputs(tg)
  } catch (e) {
    return {failures: [], invalid: {at: tg.at, message: `input series: ${e instanceof Error ? e.message : String(e)}`}}
  }
  const missing = tg.alertTests.find((a) => a.alertname === '')
  if (missing) return {failures: [], invalid: {at: missing.at, message: 'an item under alert_rule_test misses required attribute alertname'}}

  const storage = new Storage()
  const interval = opts.evaluationInterval
  const evalOpts = {storage, expand: opts.expand, externalLabels: Object.fromEntries(tg.externalLabels), externalURL: tg.externalURL, defaultStep: interval}
  const order = (g: RuleGroup): number => opts.groupOrder.get(g.name) ?? 0
  const groups = ruleGroups
    .map((g, i) => ({g, i}))
    .sort((a, b) => order(a.g) - order(b.g) || a.i - b.i)
    .map(({g}) => new GroupState(g))

  const maxt = Math.max(0, ...tg.alertTests.map((a) => a.evalTime), ...tg.exprTests.map((e) => e.evalTime))
  const alertTimes = [...new Set(tg.alertTests.map((a) => a.evalTime))].sort((a, b) => a - b)
  let curr = 0
  const failures: Failure[] = []
  for (let ts = 0; ts <= maxt; ts += interval) {
    for (const input of inputs) {
      const series = storage.series(input.labels)
      while (input.next < input.times.length && input.times[input.next]! <= ts) {
        series.push(input.times[input.next]!, input.values[input.next]!)
        input.next++
      }
    }
    const errors: Failure[] = []
    for (const g of groups) {
      g.eval(ts, evalOpts)
      g.group.rules.forEach((r, i) => {
        const message = g.lastError[i]
        if (message !== undefined) errors.push({kind: 'rule-error', at: tg.at, evalTime: ts, rule: r.name, message})
      })
    }
    if (errors.length > 0) return {failures: [...failures, ...errors]}
    while (curr < alertTimes.length && ts <= alertTimes[curr]! && alertTimes[curr]! < ts + interval) {
      const t = alertTimes[curr]!
      for (const test of tg.alertTests) {
        if (test.evalTime !== t) continue
        const got = sortAlerts(groups.flatMap((g) => g.firing(test.alertname)).map((a) => ({labels: [...a.labels] as Pairs, annotations: a.annotations})))
        const expected = sortAlerts(
          test.expAlerts.map((e) => ({
            labels: sortPairs([...e.labels.filter(([n]) => n !== 'alertname'), ['alertname', test.alertname]]),
            annotations: sortPairs(e.annotations),
          })),
        )
        if (!sameAlerts(expected, got)) failures.push({kind: 'alert', at: test.at, evalTime: t, alertname: test.alertname, expected, got})
      }
      curr++
    }
  }

  for (const test of tg.exprTests) {
    let got: SampleView[]
    try {
      got = query(evalOpts, test.expr, test.evalTime).map((s) => ({labels: [...s.metric] as Pairs, value: s.v}))
    } catch (e) {
      failures.push({kind: 'expr-error', at: test.at, evalTime: test.evalTime, expr: test.expr, message: errorText(e)})
      continue
    }
    const expected: SampleView[] = []
    let bad: string | undefined
    for (const s of test.expSamples) {
      try {
        // parser.ParseMetric reads "" as no labels (a scalar's sample).
        expected.push({labels: s.labels.trim() === '' ? [] : ([...parseSeriesLabels(s.labels)] as Pairs), value: s.value})
      } catch (e) {
        bad = `labels ${JSON.stringify(s.labels)}: ${errorText(e)}`
        break
      }
    }
    if (bad !== undefined) {
      failures.push({kind: 'expr-error', at: test.at, evalTime: test.evalTime, expr: test.expr, message: bad})
      continue
    }
    const byLabels = (a: SampleView, b: SampleView): number => compareLabels(a.labels, b.labels)
    expected.sort(byLabels)
    got.sort(byLabels)
    // promtool compares with reflect.DeepEqual: exact floats, NaN never equal.
    const same = expected.length === got.length && expected.every((e, i) => e.value === got[i]!.value && samePairs(e.labels, got[i]!.labels))
    if (!same) failures.push({kind: 'expr', at: test.at, evalTime: test.evalTime, expr: test.expr, expected, got})
  }
  return {failures}
}

/** input_series as promtool's lazy loader holds them: a repeated series replaces the earlier one. */
function loadInputs(tg: TestGroup): Input[] {
  const byKey = new Map<string, Input>()
  for (const s of tg.inputSeries) {
    const {labels, values} = splitSeriesLine(`${s.series} ${s.values}`)
    const input: Input = {labels, times: [], values: [], next: 0}
    values.forEach((v, i) => {
      if (v === 'omit') return
      const t = i * tg.interval
      // With interval 0 every value lands at 0: the head keeps the first.
      if (input.times.length > 0 && input.times[input.times.length - 1] === t) return
      input.times.push(t)
      input.values.push(v === 'stale' ? STALE : v)
    })
    byKey.set(labels.map(([n, v]) => `${n}\xff${v}`).join('\xfe'), input)
  }
  return [...byKey.values()]
}

function errorText(e: unknown): string {
  if (e instanceof PromQLError || e instanceof Error) return e.message
  return String(e)
}

function sortPairs(p: Pairs): Pairs {
  return [...p].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
}

function samePairs(a: Pairs, b: Pairs): boolean {
  return a.length === b.length && a.every(([n, v], i) => n === b[i]![0] && v === b[i]![1])
}

function sortAlerts(list: AlertView[]): AlertView[] {
  return list.sort((a, b) => compareLabels(a.labels, b.labels) || compareLabels(a.annotations, b.annotations))
}

function sameAlerts(a: AlertView[], b: AlertView[]): boolean {
  return a.length === b.length && a.every((x, i) => samePairs(x.labels, b[i]!.labels) && samePairs(x.annotations, b[i]!.annotations))
}
