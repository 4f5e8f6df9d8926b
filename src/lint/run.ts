// Lint rule files: parse, decode, run the checks, suppress, sort -> LintReport.
import type {PromVersion} from '../promql/syntax/check.js'
import {newCheckCache, type Check, type CheckCache, type CheckContext, type LintMode} from './check.js'
import {PROMTOOL_RULE_CHECKS, RULE_CHECKS} from './checks/index.js'
import {decodeRuleFile} from './decode.js'
import {FileError} from '../files/read.js'
import {expandInputs} from './inputs.js'
import {problemAt} from '../findings/make-problem.js'
import {parseRuleYaml} from './parse.js'
import {sortProblems, type Problem} from '../findings/problem.js'
import {atAliasedExprs} from './aliased-expr.js'
import {readInput, unreadable, unreadableReport} from './read.js'
import {dropDisabled, fileReport, summarize, type FileReport, type LintReport} from '../findings/report.js'
import type {RuleFile} from './rule-file.js'
import {applySuppressions} from '../findings/suppress.js'
import {withoutDisabled} from '../findings/disable.js'
import {yamlProblems} from './yaml-problems.js'
import {withSeverities, type LintPolicy} from './policy.js'
import {append} from '../append.js'
import {alertsOf, type AlertLabels} from './alerts.js'
import type {LiveData, LiveOptions} from './live.js'

interface LintOptions {
  version?: PromVersion // default '3'
  lint?: LintMode // promtool --lint; default 'duplicate-rules'
  checks?: readonly Check[] // default: every rule check
  fast?: boolean // use the fast YAML scanner when it can (default true)
  readStdin?: () => Promise<string> // for the '-' input
  disabled?: ReadonlySet<string> // check ids turned off (--disable): not run, and their problems dropped
  maxFileSize?: number // bytes; default 64 MiB
  /** 'fail': an input that cannot be read throws (exit 2; default); 'report': it becomes a problem of that file. */
  inputErrors?: 'fail' | 'report'
  scrapeIntervalMs?: number // for promql/rate (default 1m)
  policy?: LintPolicy // the lint policy file: check options and severities (its `disable` goes in `disabled`)
  live?: LiveOptions // --prometheus-url: online checks (promql/series, promql/rate's real intervals)
}

export type {LintMode} from './check.js'

/** '2.42' | '2' -> '2.42'; '3' | '3.x' | anything 3.* -> '3'. */
export function parsePromVersion(text: string): PromVersion | undefined {
  if (/^2(\.\d+)*$/.test(text) || text === '2.x') return '2.42'
  if (/^3(\.\d+|\.x)*$/.test(text)) return '3'
  return undefined
}

interface Prepared {
  path: string
  text: string
  problems: Problem[]
  file?: RuleFile // undefined when the YAML could not be read
}

async function prepare(text: string, path: string, opts: LintOptions): Promise<Prepared> {
  const yaml = await parseRuleYaml(text, {fast: opts.fast})
  const {problems, fatal} = yamlProblems(yaml, text, path)
  if (fatal) return {path, text, problems}
  const {file, problems: schema} = decodeRuleFile(yaml.root, path, opts.version ?? '3')
  return {path, text, problems: [...problems, ...schema], file}
}

function finish(p: Prepared, opts: LintOptions, cache: CheckCache, live?: LiveData): FileReport {
  const {path, text, file} = p
  const problems = [...p.problems]
  if (file) {
    const ctx: CheckContext = {path, source: text, file, version: opts.version ?? '3', lint: opts.lint ?? 'duplicate-rules', cache, scrapeIntervalMs: opts.scrapeIntervalMs, policy: opts.policy, live}
    const found: Problem[] = []
    for (const check of opts.checks ?? RULE_CHECKS) if (!opts.disabled?.has(check.id)) append(found, runCheck(check, ctx))
    append(problems, atAliasedExprs(found, file, text))
  }
  const rules = file ? file.groups.reduce((n, g) => n + g.rules.length, 0) : 0
  const kept = withSeverities(withoutDisabled(applySuppressions(text, problems), opts.disabled), opts.policy)
  return fileReport(path, sortProblems(kept), {groups: file?.groups.length ?? 0, rules})
}

export async function lintText(text: string, path: string, opts: LintOptions = {}, cache: CheckCache = newCheckCache()): Promise<FileReport> {
  return finish(await prepare(text, path, opts), opts, cache)
}

export type {RuleFile} from './rule-file.js'

/**
 * A rule file as Prometheus loads it (rulefmt's parse and checks, no lint): the decoded groups, or the errors
 * that make Prometheus refuse the file (an unreadable file is one). For `rules test`, which evaluates them.
 */
export async function loadRuleFile(path: string, version: PromVersion = '2.42'): Promise<{file?: RuleFile; errors: Problem[]}> {
  let text: string
  try {
    text = await readInput(path)
  } catch (e) {
    return {errors: unreadableReport(path, e).problems}
  }
  const opts: LintOptions = {version, lint: 'none', checks: PROMTOOL_RULE_CHECKS}
  const prepared = await prepare(text, path, opts)
  const errors = finish(prepared, opts, newCheckCache()).problems.filter((p) => p.severity === 'error')
  return errors.length > 0 ? {errors} : {file: prepared.file, errors}
}

export async function lintFiles(paths: readonly string[], opts: LintOptions = {}): Promise<LintReport> {
  const strict = opts.inputErrors !== 'report'
  const inputs = await expandInputs(paths, {strict})
  const reports: (FileReport | Prepared)[] = []
  // One cache for the whole run. (Worker threads were measured slower here: each thread pays
  // its own JIT warm-up, and a 2-core machine has no spare core.)
  const cache = newCheckCache()
  for (const input of inputs) {
    if (input.missing) {
      reports.push(dropDisabled(unreadable(input.path, input.missing), opts.disabled))
      continue
    }
    let text: string
    try {
      text = await readInput(input.path, opts.readStdin, {maxBytes: opts.maxFileSize})
    } catch (e) {
      if (strict && e instanceof FileError) throw e
      reports.push(dropDisabled(unreadableReport(input.path, e), opts.disabled))
      continue
    }
    reports.push(await prepare(text, input.path, opts))
  }
  const prepared = reports.filter((r): r is Prepared => 'text' in r)
  let live: LiveData | undefined
  let offline: Problem | undefined
  if (opts.live && !opts.disabled?.has('promql/series') && prepared.length > 0) {
    try {
      const {fetchLive} = await import('./live.js') // online only: keeps the HTTP client and API schemas off start-up
      live = await fetchLive(prepared.flatMap((p) => (p.file ? [p.file] : [])), cache, opts.live)
    } catch (e) {
      // One warning for the run, never a crash: the offline checks still ran.
      const why = e instanceof Error ? e.message.split('\n')[0] : String(e)
      offline = problemAt(prepared[0]!.path, {line: 0, column: 0}, 'promql/series', 'warning', `live checks skipped: cannot query Prometheus at ${opts.live.http.displayUrl}: ${why}`,
        {hint: 'check --prometheus-url (and the credentials), or leave it out to lint offline'})
    }
  }
  const finished = reports.map((r) => ('text' in r ? finish(r, opts, cache, live) : r))
  if (offline) {
    const first = finished.findIndex((r) => r.path === offline.file)
    finished[first] = fileReport(offline.file, [offline, ...finished[first]!.problems], {groups: finished[first]!.groups ?? 0, rules: finished[first]!.rules ?? 0})
  }
  return summarize(finished)
}

export type {AlertLabels} from './alerts.js'

interface LoadedRuleFile {
  path: string
  text: string
  problems: Problem[] // what makes the file unreadable as rules (YAML, schema); no check runs
  alerts: AlertLabels[]
}

/** The alerting rules of rule files (for rules routes): read and decoded as lintFiles does, no checks run. */
export async function loadAlertRules(paths: readonly string[], opts: Pick<LintOptions, 'version' | 'readStdin' | 'maxFileSize'> = {}): Promise<LoadedRuleFile[]> {
  const out: LoadedRuleFile[] = []
  for (const input of await expandInputs(paths, {strict: true})) {
    const text = await readInput(input.path, opts.readStdin, {maxBytes: opts.maxFileSize})
    const p = await prepare(text, input.path, opts)
    out.push({path: p.path, text, problems: p.problems.filter((x) => x.severity === 'error'), alerts: p.file ? alertsOf(p.path, p.file) : []})
  }
  return out
}

/** A failing check becomes a warning on the file, never a crash of the run. */
function runCheck(check: Check, ctx: CheckContext): Problem[] {
  try {
    return check.run(ctx)
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e)
    return [problemAt(ctx.path, {line: 1, column: 1}, check.id, 'warning', `check ${check.id} could not run on this file: ${why}`, {hint: 'please report this as a spock bug'})]
  }
}
