// `routes test --file cases.yml`: a batch of routing (and inhibition) expectations, for CI.
//
//   cases:
//     - name: database pages the DB team      # optional
//       labels: {service: database, severity: critical}
//       receivers: [team-DB-pager]            # expected, in amtool's order
//     - labels: {alertname: InstanceDown, severity: warning}
//       receivers: [team-X-mails]
//       inhibited_by: {alertname: InstanceDown, severity: critical}   # optional
//       inhibited: true                        # expected when inhibited_by is given (default true)
//     - labels: {team: db}
//       receivers: [db-pager]
//       at: 2026-12-05T03:00:00+09:00          # optional: evaluate time intervals at this instant
//       muted: [db-pager]                      # the receivers muted then (default none)
import {ConfigError, SpockError} from '../errors.js'
import {parseGoYaml} from '../yaml/go-yaml.js'
import {bool, Decoder, list, map, object, str, type Kind} from '../yaml/decode.js'
import type {AlertmanagerConfig} from './config/model.js'
import {inhibition, matchRoutes, type RouteNode} from './routing.js'
import {activeIntervals, parseAt, routeTimeState, type EvalOptions} from './time-intervals-eval.js'

interface RouteCase {
  name: string
  labels: Record<string, string>
  receivers: string[]
  inhibitedBy?: Record<string, string>
  inhibited?: boolean
  /** The instant to evaluate time intervals at, and the receivers expected muted then. */
  at?: Date
  muted?: string[]
  line: number
}

export interface RouteCaseResult {
  case: RouteCase
  receivers: string[]
  /** Matched route paths (child indexes from the root), one per receiver. */
  paths: number[][]
  inhibited?: boolean
  /** With `at`: the matched receivers muted at that instant, in routing order. */
  muted?: string[]
  pass: boolean
}

export interface RouteCasesReport {
  results: RouteCaseResult[]
  passed: number
  failed: number
}

const caseSchema: Kind = object({
  name: 'case',
  fields: {name: str, labels: map(str), receivers: list(str), inhibited_by: map(str), inhibited: bool, at: str, muted: list(str)},
  validate: (c, d) => {
    if (!c.labels) d.report(d.at(c), 'a case needs "labels"')
    if (!c.receivers) d.report(d.at(c), 'a case needs "receivers" (the expected receivers, in order)')
    if (c.muted && c.at === undefined) d.report(d.at(c, 'muted'), '"muted" needs "at", the instant to evaluate time intervals at')
  },
})
const fileSchema: Kind = object({name: 'cases file', fields: {cases: list(caseSchema)}})

type Obj = Record<string, unknown>

function strings(m: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries((m as Obj | undefined) ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : '']))
}

/** Parses a cases file; throws ConfigError naming the first problem's position. */
export function parseRouteCases(text: string, file: string): RouteCase[] {
  const parsed = parseGoYaml(text)
  const first = parsed.errors[0]
  if (first) throw new ConfigError(`${file}:${first.line}:${first.column}: ${first.message}`, {where: {file, line: first.line, column: first.column}})
  if (!parsed.root) return []
  const d = new Decoder('latest')
  const root = parsed.root.kind === 'seq' ? {cases: list(caseSchema)(parsed.root, d, 'cases')} : (fileSchema(parsed.root, d, 'the file') as Obj | undefined)
  const issue = d.issues[0]
  if (issue) {
    throw new ConfigError(`${file}:${issue.line}:${issue.column}: ${issue.message}`, {
      where: {file, line: issue.line, column: issue.column},
      hint: 'write "cases:" as a list of {name?, labels: {k: v}, receivers: [r1, r2], inhibited_by?: {k: v}, inhibited?: bool, at?: TIME, muted?: [r1]}',
    })
  }
  const cases = ((root?.cases as (Obj | undefined)[] | undefined) ?? []).filter((c): c is Obj => Boolean(c))
  return cases.map((c, i) => {
    const labels = strings(c.labels)
    const rc: RouteCase = {
      name: typeof c.name === 'string' ? c.name : `case ${i + 1}`,
      labels,
      receivers: ((c.receivers as unknown[]) ?? []).map((r) => (typeof r === 'string' ? r : '')),
      line: d.at(c).line,
    }
    if (c.inhibited_by) {
      rc.inhibitedBy = strings(c.inhibited_by)
      rc.inhibited = c.inhibited !== false
    }
    if (typeof c.at === 'string') {
      const pos = d.at(c, 'at')
      try {
        rc.at = parseAt(c.at).at
      } catch (err) {
        if (!(err instanceof SpockError)) throw err
        throw new ConfigError(`${file}:${pos.line}:${pos.column}: ${err.message.replace(/^--at /, 'at ')}`, {where: {file, line: pos.line, column: pos.column}, hint: 'write an instant with Z or an offset, e.g. 2026-12-05T03:00:00+09:00, or now'})
      }
      rc.muted = ((c.muted as unknown[] | undefined) ?? []).map((r) => (typeof r === 'string' ? r : ''))
    }
    return rc
  })
}

export function runRouteCases(config: AlertmanagerConfig, tree: RouteNode, cases: readonly RouteCase[], timeOptions: EvalOptions = {}): RouteCasesReport {
  const results = cases.map((c): RouteCaseResult => {
    const matches = matchRoutes(tree, c.labels)
    const receivers = matches.map((m) => m.receiver)
    let pass = receivers.join(',') === c.receivers.join(',')
    const result: RouteCaseResult = {case: c, receivers, paths: matches.map((m) => m.path), pass}
    if (c.inhibitedBy) {
      result.inhibited = inhibition(config, c.inhibitedBy, c.labels).inhibited
      pass = pass && result.inhibited === c.inhibited
    }
    if (c.at) {
      const active = activeIntervals(config.timeIntervals, c.at.getTime(), timeOptions)
      result.muted = matches.filter((m) => routeTimeState(m.route, active).muted).map((m) => m.receiver)
      pass = pass && result.muted.join(',') === c.muted!.join(',')
    }
    result.pass = pass
    return result
  })
  const passed = results.filter((r) => r.pass).length
  return {results, passed, failed: results.length - passed}
}
