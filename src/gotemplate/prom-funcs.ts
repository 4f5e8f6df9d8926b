// Prometheus's template functions (template.NewTemplateExpander, 2.42; `3` adds toDuration, now, urlQueryEscape).
import {queryEscape} from './builtins.js'
import type {FuncMap} from './exec.js'
import type {PromTemplateVersion} from './funcs.js'
import {goMatchString, goReplaceAllString, goTitle, goToLower, goToUpper} from './go-strings.js'
import {
  convertToFloat, goDurationString, humanize, humanize1024, humanizeDuration, humanizePercentage, humanizeTimestamp,
  parseDurationSeconds, stripDomain, stripPort, toTime,
} from './prom-humanize.js'
import {type GoParam, goFunc, GoFuncError} from './signature.js'
import {stringMap, withGoType} from './values.js'

/** One sample of a query result, as the caller's query function returns it. */
interface QuerySample {
  labels: Record<string, string>
  value: number
}
/** Evaluates PromQL at the alert's evaluation time (spock's evaluator in rule unit tests). Throw to fail. */
export type QueryFunc = (query: string) => QuerySample[]

export interface PrometheusFuncOptions {
  query?: QueryFunc
  /** --web.external-url. Undefined as in promtool 2.42 test rules: externalURL and pathPrefix then fail with a nil dereference. */
  externalURL?: string
  /** Evaluation time in Unix seconds (for `now`, Prometheus 3). */
  now?: number
  version?: PromTemplateVersion
}

interface Sample {
  Labels: Record<string, string>
  Value: number
}

const SAMPLE_TYPE = '*template.sample'
const RESULT_TYPE = 'template.queryResult'

function isSample(v: unknown): v is Sample {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'Labels' in v && 'Value' in v
}
const SAMPLE: GoParam = {name: SAMPLE_TYPE, test: isSample, nilable: true}
const RESULT: GoParam = {name: RESULT_TYPE, test: (v) => Array.isArray(v) && v.every(isSample), nilable: true}

function makeSample(s: QuerySample): Sample {
  return withGoType({Labels: stringMap({...s.labels}), Value: s.value}, {name: SAMPLE_TYPE, kind: 'struct'})
}

function nilDeref(s: unknown): asserts s is Sample {
  if (s === null || s === undefined) throw new GoFuncError('runtime error: invalid memory address or nil pointer dereference')
}

/** Go's url.URL String() is the parsed URL; spock keeps the text as given. */
function urlPath(u: string): string {
  try {
    return new URL(u).pathname.replace(/^\/$/, u.endsWith('/') ? '/' : '')
  } catch {
    return ''
  }
}

export function prometheusFuncs(opts: PrometheusFuncOptions = {}): FuncMap {
  // opts is read at call time: a caller may reuse one func map and change opts between executions.
  const url = (f: (u: string) => string) => (): string => {
    if (opts.externalURL === undefined) throw new GoFuncError('runtime error: invalid memory address or nil pointer dereference')
    return f(opts.externalURL)
  }
  const funcs: FuncMap = {
    query: goFunc(['string'], (q: string) => {
      if (!opts.query) throw new GoFuncError('spock: no query function given')
      return withGoType(opts.query(q).map(makeSample), {name: RESULT_TYPE, kind: 'slice'})
    }),
    first: goFunc([RESULT], (v: Sample[] | null) => {
      if (v && v.length > 0) return v[0]
      throw new GoFuncError('first() called on vector with no elements')
    }),
    label: goFunc(['string', SAMPLE], (label: string, s: Sample | null) => {
      nilDeref(s)
      return s.Labels[label] ?? ''
    }),
    value: goFunc([SAMPLE], (s: Sample | null) => {
      nilDeref(s)
      return s.Value
    }),
    strvalue: goFunc([SAMPLE], (s: Sample | null) => {
      nilDeref(s)
      return s.Labels['__value__'] ?? ''
    }),
    args: goFunc([], (...a: unknown[]) => Object.fromEntries(a.map((x, i) => [`arg${i}`, x])), 'any'),
    reReplaceAll: goFunc(['string', 'string', 'string'], goReplaceAllString),
    safeHtml: goFunc(['string'], (s: string) => s),
    match: goFunc(['string', 'string'], goMatchString),
    title: goFunc(['string'], goTitle),
    toUpper: goFunc(['string'], goToUpper),
    toLower: goFunc(['string'], goToLower),
    graphLink: goFunc(['string'], (e: string) => `/graph?g0.expr=${queryEscape(e)}&g0.tab=0`),
    tableLink: goFunc(['string'], (e: string) => `/graph?g0.expr=${queryEscape(e)}&g0.tab=1`),
    sortByLabel: goFunc(['string', RESULT], (label: string, v: Sample[] | null) => {
      if (!v) return v
      const sorted = [...v].sort((a, b) => {
        const x = a.Labels[label] ?? ''
        const y = b.Labels[label] ?? ''
        return x < y ? -1 : x > y ? 1 : 0
      })
      v.splice(0, v.length, ...sorted)
      return v
    }),
    stripPort: goFunc(['string'], stripPort),
    stripDomain: goFunc(['string'], stripDomain),
    humanize: goFunc(['any'], humanize),
    humanize1024: goFunc(['any'], humanize1024),
    humanizeDuration: goFunc(['any'], humanizeDuration),
    humanizePercentage: goFunc(['any'], humanizePercentage),
    humanizeTimestamp: goFunc(['any'], humanizeTimestamp),
    toTime: goFunc(['any'], toTime),
    pathPrefix: goFunc([], url(urlPath)),
    externalURL: goFunc([], url((u) => u)),
    parseDuration: goFunc(['string'], parseDurationSeconds),
  }
  if (opts.version === '3') {
    funcs['toDuration'] = goFunc(['any'], (i: unknown) => {
      const v = convertToFloat(i)
      if (!Number.isFinite(v)) throw new GoFuncError('value is NaN or Inf')
      const ns = BigInt(Math.round(v * 1e9))
      return {String: () => goDurationString(ns)}
    })
    funcs['now'] = goFunc([], () => opts.now ?? Date.now() / 1000)
    funcs['urlQueryEscape'] = goFunc(['string'], queryEscape)
  }
  return funcs
}

