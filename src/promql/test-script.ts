// Prometheus's PromQL test-script format (promql/test.go of 2.42): `load <interval>` blocks of
// series, `clear`, and `eval[_fail|_ordered] instant at <time> <expr>` with expected results.
import {tryParseDuration} from '../model/duration.js'
import {parseGoFloat} from './mathutil.js'
import {type Expr, parseExpr} from './ast.js'
import {instantQuery, rangeQuery} from './engine.js'
import {type Labels, formatLabels, labelsKey} from './labels.js'
import {splitSeriesLine, type SeqValue} from './load.js'
import {STALE, Storage} from './storage.js'
import type {Sample, Value} from './value.js'

export interface LoadCmd {
  kind: 'load'
  line: number
  interval: number
  series: Array<{labels: Labels; values: SeqValue[]}>
}
export interface EvalCmd {
  kind: 'eval'
  line: number
  expr: string
  /** Evaluation time in ms. */
  time: number
  fail: boolean
  ordered: boolean
  /** A scalar expectation, or series expectations (labels + first value). */
  scalar?: number
  expected: Array<{labels: Labels; value: number; line: number}>
}
export type Command = LoadCmd | EvalCmd | {kind: 'clear'; line: number}

class ScriptError extends Error {}

const EVAL = /^eval(?:_(fail|ordered))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/

/** Parses a test script into commands; line numbers are 1-based. */
export function parseScript(text: string): Command[] {
  const lines = text.split('\n').map((l) => {
    const t = l.trim()
    return t.startsWith('#') ? '' : t
  })
  const cmds: Command[] = []
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    if (l === '') continue
    const lineNo = i + 1
    if (l === 'clear') {
      cmds.push({kind: 'clear', line: lineNo})
    } else if (l.startsWith('load')) {
      const m = /^load\s+(\S+)$/.exec(l)
      const interval = m ? tryParseDuration(m[1]!) : undefined
      if (interval === undefined) throw new ScriptError(`line ${lineNo}: invalid load command: ${l}`)
      const series: LoadCmd['series'] = []
      while (i + 1 < lines.length && lines[i + 1] !== '') {
        i++
        series.push(splitSeriesLine(lines[i]!))
      }
      cmds.push({kind: 'load', line: lineNo, interval, series})
    } else if (l.startsWith('eval')) {
      const m = EVAL.exec(l)
      if (!m) throw new ScriptError(`line ${lineNo}: invalid eval command: ${l}`)
      const time = m[2] === undefined ? 0 : tryParseDuration(m[2])
      if (time === undefined) throw new ScriptError(`line ${lineNo}: invalid time ${JSON.stringify(m[2])}`)
      const cmd: EvalCmd = {kind: 'eval', line: lineNo, expr: m[3]!, time, fail: m[1] === 'fail', ordered: m[1] === 'ordered', expected: []}
      while (i + 1 < lines.length && lines[i + 1] !== '') {
        i++
        const def = lines[i]!
        // A bare number is a scalar expectation (Prometheus tries parseNumber first).
        const f = parseGoFloat(def, true)
        if (f !== undefined) {
          cmd.scalar = f
          continue
        }
        const {labels, values} = splitSeriesLine(def)
        if (values.length !== 1 || typeof values[0] !== 'number') throw new ScriptError(`line ${i + 1}: expected one value in ${def}`)
        cmd.expected.push({labels, value: values[0], line: i + 1})
      }
      cmds.push(cmd)
    } else {
      throw new ScriptError(`line ${lineNo}: unknown command: ${l}`)
    }
  }
  return cmds
}

/** Appends a load block to the storage: value i of a series at i * interval. */
export function applyLoad(storage: Storage, cmd: LoadCmd): void {
  for (const s of cmd.series) {
    const series = storage.series(s.labels)
    s.values.forEach((v, i) => {
      if (v !== 'omit') series.push(i * cmd.interval, v === 'stale' ? STALE : v)
    })
  }
}

const MIN_NORMAL = 2.2250738585072014e-308
/** Prometheus test.go's almostEqual: relative error 1e-6, NaN equals NaN. */
export function almostEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true
  if (a === b) return true
  const diff = Math.abs(a - b)
  if (a === 0 || b === 0 || diff < MIN_NORMAL) return diff < 1e-6 * MIN_NORMAL
  return diff / (Math.abs(a) + Math.abs(b)) < 1e-6
}

/** Compares a result with an eval command's expectations; returns a message or undefined. */
function compareResult(cmd: EvalCmd, v: Value): string | undefined {
  if (v.type === 'scalar') {
    if (cmd.scalar === undefined) return `expected a vector, got scalar ${v.v}`
    return almostEqual(cmd.scalar, v.v) ? undefined : `expected scalar ${cmd.scalar} but got ${v.v}`
  }
  if (v.type !== 'vector') return `received ${v.type} result on instant evaluation`
  const expected = new Map<string, {labels: Labels; value: number; pos: number}>()
  cmd.expected.forEach((e, i) => expected.set(labelsKey(e.labels), {labels: e.labels, value: e.value, pos: i + 1}))
  const seen = new Set<string>()
  for (let pos = 0; pos < v.samples.length; pos++) {
    const s = v.samples[pos]!
    const k = labelsKey(s.metric)
    const exp = expected.get(k)
    if (!exp) return `unexpected metric ${formatLabels(s.metric)} in result`
    if (cmd.ordered && exp.pos !== pos + 1) return `expected metric ${formatLabels(s.metric)} at position ${exp.pos} but was at ${pos + 1}`
    if (!almostEqual(exp.value, s.v)) return `expected ${exp.value} for ${formatLabels(s.metric)} but got ${s.v}`
    seen.add(k)
  }
  for (const [k, e] of expected) if (!seen.has(k)) return `expected metric ${formatLabels(e.labels)} with ${e.value} not found`
  return undefined
}

export interface CaseResult {
  line: number
  expr: string
  /** undefined when the case passed. */
  error?: string
}

/** Runs one eval command on a storage; returns a failure message or undefined. */
export function runEval(storage: Storage, cmd: EvalCmd): string | undefined {
  let v: Value
  let expr: Expr
  try {
    expr = parseExpr(cmd.expr)
    v = instantQuery(storage, expr, cmd.time)
  } catch (err) {
    if (cmd.fail) return undefined
    return `error evaluating query ${JSON.stringify(cmd.expr)}: ${(err as Error).message}`
  }
  if (cmd.fail) return `expected error evaluating query ${JSON.stringify(cmd.expr)} but got none`
  const err = compareResult(cmd, v)
  if (err || cmd.ordered) return err
  return rangeCheck(storage, cmd, expr)
}

/** As Prometheus's test does: the same query in range mode (t-1m..t+1m, step 1m) must agree at t. */
function rangeCheck(storage: Storage, cmd: EvalCmd, expr: Expr): string | undefined {
  let series
  try {
    series = rangeQuery(storage, expr, cmd.time - 60_000, cmd.time + 60_000, 60_000)
  } catch (err) {
    return `error running range query ${JSON.stringify(cmd.expr)}: ${(err as Error).message}`
  }
  const samples: Sample[] = []
  for (const s of series) {
    const i = s.ts.indexOf(cmd.time)
    if (i >= 0) samples.push({metric: s.metric, t: cmd.time, v: s.vs[i]!})
  }
  const v: Value = cmd.scalar !== undefined ? {type: 'scalar', v: samples[0]?.v ?? NaN} : {type: 'vector', samples}
  const err = compareResult(cmd, v)
  return err && `range mode: ${err}`
}

/** Runs a whole script; one result per eval command, in order. */
export function runScript(text: string): CaseResult[] {
  const storage = new Storage()
  const out: CaseResult[] = []
  for (const cmd of parseScript(text)) {
    if (cmd.kind === 'clear') storage.clear()
    else if (cmd.kind === 'load') applyLoad(storage, cmd)
    else out.push({line: cmd.line, expr: cmd.expr, error: runEval(storage, cmd)})
  }
  return out
}
