// The PromQL evaluator (Prometheus 2.42 semantics, float samples): what callers outside
// src/promql/ use.
//
//   const storage = new Storage()
//   storage.series(labelsFrom({__name__: 'up', job: 'api'})).push(0, 1)   // or .push(t, STALE)
//   const expr = parseExpr('sum by (job) (rate(http_requests_total[5m]))') // PromQLParseError
//   const v = instantQuery(storage, expr, 60_000)                           // PromQLError
//   if (v.type === 'vector') for (const s of v.samples) formatLabels(s.metric), s.v
export {parseExpr, typeOf, PromQLParseError, type Expr, type ValueType} from './ast.js'
export {instantQuery, rangeQuery, Evaluator, type EngineOptions} from './engine.js'
export {formatLabels, labelsString, labelsFrom, labelsKey, labelsEqual, compareLabels, getLabel, type Labels, type Label} from './labels.js'
export {expandValues, parseSeriesLabels, splitSeriesLine, SeriesDescError, type SeqValue} from './load.js'
export {formatGoFloat, parseGoFloat} from './mathutil.js'
export {Storage, STALE, type AppendError, type Series as StoredSeries} from './storage.js'
export {parseScript, runScript, runEval, almostEqual, type Command, type EvalCmd, type LoadCmd, type CaseResult} from './test-script.js'
export {PromQLError, type Sample, type Series, type Value} from './value.js'
