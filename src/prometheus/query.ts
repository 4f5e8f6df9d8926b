// /api/v1/query and /api/v1/query_range. Results are checked by hand, not by a schema: a 10,000-series
// matrix holds millions of points, and a per-point schema walk would cost more than the fetch.
import {ApiError, UsageError} from '../errors.js'
import type {HttpClient} from '../http/client.js'

export type Labels = Record<string, string>
/** [unix seconds, value] as Prometheus sends it; the value stays a string ("NaN", "+Inf", "1e+06"). */
export type Point = [number, string]

type QueryResult =
  | {resultType: 'vector'; result: Array<{metric: Labels; value: Point}>}
  | {resultType: 'matrix'; result: Array<{metric: Labels; values: Point[]}>}
  | {resultType: 'scalar' | 'string'; result: Point}

interface RangeSpec {
  start: number // unix seconds
  end: number
  step: number // seconds
}

interface QueryAnswer {
  data: QueryResult
  warnings: string[]
}

/** An instant query at `time` (unix seconds; the server's now when absent). */
async function instantQuery(http: HttpClient, expr: string, time?: number): Promise<QueryAnswer> {
  const query: Record<string, string> = {query: expr}
  if (time !== undefined) query.time = String(time)
  return ask(http, '/api/v1/query', expr, query)
}

async function rangeQuery(http: HttpClient, expr: string, range: RangeSpec): Promise<QueryAnswer> {
  const query = {query: expr, start: String(range.start), end: String(range.end), step: String(range.step)}
  return ask(http, '/api/v1/query_range', expr, query)
}

async function ask(http: HttpClient, path: string, expr: string, query: Record<string, string>): Promise<QueryAnswer> {
  let body: unknown
  try {
    body = await http.getJson(path, {query})
  } catch (e) {
    if (e instanceof ApiError && (e.status === 400 || e.status === 422)) throw queryError(expr, e.message)
    throw e
  }
  return parseAnswer(body, `${http.displayUrl}${path}`)
}

/** Prometheus's own message ("1:13: parse error: ...") with the expression and a caret under the column. */
function queryError(expr: string, message: string): UsageError {
  const text = message.replace(/^.*?failed with HTTP \d+: /, '').replace(/^bad_data: /, '').replace(/^invalid parameter "query": /, '')
  const at = /^(\d+):(\d+):/.exec(text)
  let hint = 'check the expression; `spock rules check` explains PromQL errors offline'
  if (at && !expr.includes('\n')) {
    const col = Number(at[2])
    hint = `${expr}\n${' '.repeat(Math.max(0, col - 1))}^`
  }
  return new UsageError(`query failed: ${text}`, {hint})
}

const isLabels = (v: unknown): v is Labels => typeof v === 'object' && v !== null && !Array.isArray(v)
const isPoint = (v: unknown): v is Point => Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string'

function parseAnswer(body: unknown, where: string): QueryAnswer {
  const bad = (what: string) => new ApiError(`unexpected response from ${where}: ${what}`, {hint: 'is this a Prometheus-compatible query API, and is the URL prefix right?'})
  if (!isLabels(body) || body.status !== 'success' || !isLabels(body.data)) throw bad('no "data" in a success envelope')
  const data = body.data as Record<string, unknown>
  const warnings = Array.isArray(body.warnings) ? body.warnings.map(String) : []
  const {resultType, result} = data
  if (resultType === 'scalar' || resultType === 'string') {
    if (!isPoint(result)) throw bad(`${resultType} result is not [time, "value"]`)
    return {data: {resultType, result}, warnings}
  }
  if (!Array.isArray(result)) throw bad('result is not a list')
  if (resultType === 'vector') {
    for (const s of result) if (!isLabels(s) || !isLabels(s.metric) || !isPoint(s.value)) throw bad('a vector sample is not {metric, value}')
    return {data: {resultType, result: result as Array<{metric: Labels; value: Point}>}, warnings}
  }
  if (resultType === 'matrix') {
    for (const s of result) {
      if (!isLabels(s) || !isLabels(s.metric) || !Array.isArray(s.values)) throw bad('a matrix series is not {metric, values}')
      const values = s.values as unknown[]
      // First and last point checked: a server that sends one malformed point sends them all malformed.
      if (values.length > 0 && (!isPoint(values[0]) || !isPoint(values[values.length - 1]))) throw bad('a matrix point is not [time, "value"]')
    }
    return {data: {resultType, result: result as Array<{metric: Labels; values: Point[]}>}, warnings}
  }
  throw bad(`unknown resultType ${JSON.stringify(resultType)}`)
}

export interface QueryRequest {
  expr: string
  /** Instant query time; absent: now. */
  time?: Date
  /** Range query: start, end and step; absent: an instant query. */
  range?: {start: Date; end: Date; stepSeconds: number}
}

export interface QueryReport {
  expr: string
  resultType: QueryResult['resultType']
  /** RFC 3339: the instant queried, or the range's start and end with the step in seconds. */
  time?: string
  range?: {start: string; end: string; step: number}
  result: QueryResult['result']
  warnings: string[]
}

/** Prometheus refuses more than 11,000 points per series; pick a step that gives ~`points` points. */
export function defaultStep(rangeSeconds: number, points = 240): number {
  const raw = Math.max(1, rangeSeconds / points)
  const nice = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400]
  return nice.find((n) => n >= raw) ?? Math.ceil(raw)
}

export async function runQuery(http: HttpClient, req: QueryRequest): Promise<QueryReport> {
  if (req.range) {
    const {start, end, stepSeconds} = req.range
    if (end.getTime() < start.getTime()) throw new UsageError('the range ends before it starts', {hint: 'give --start before --end, or use --range 6h'})
    const points = (end.getTime() - start.getTime()) / 1000 / stepSeconds
    if (points > 11_000) throw new UsageError(`${Math.ceil(points)} points per series is more than the 11,000 Prometheus allows`, {hint: 'use a larger --step or a shorter range'})
    const ans = await rangeQuery(http, req.expr, {start: start.getTime() / 1000, end: end.getTime() / 1000, step: stepSeconds})
    return {expr: req.expr, resultType: ans.data.resultType, range: {start: start.toISOString(), end: end.toISOString(), step: stepSeconds}, result: ans.data.result, warnings: ans.warnings}
  }
  const ans = await instantQuery(http, req.expr, req.time ? req.time.getTime() / 1000 : undefined)
  return {expr: req.expr, resultType: ans.data.resultType, time: req.time?.toISOString(), result: ans.data.result, warnings: ans.warnings}
}
