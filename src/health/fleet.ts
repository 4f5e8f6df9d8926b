// Fleets: one read command run against the server of each of several contexts, a bounded number at a time.
// Which contexts, how their runs are combined, and the one exit code of the whole.
import {mapConcurrent} from '../concurrency.js'
import {loadConfig} from '../context/load.js'
import {ConfigError, toSpockError, UsageError} from '../errors.js'

export type ExitCode = 0 | 1 | 2 | 3

/** How many contexts are asked at once unless --parallel says otherwise. */
export const FLEET_PARALLEL = 4

/** One context's run: its exit code is the one `--context NAME` alone would give. */
export interface FleetEntry<R> {
  context: string
  ok: boolean
  exitCode: ExitCode
  /** Why the command failed for this context (unreachable server, bad credentials file, ...). */
  error?: {code: string; message: string; hint?: string; exitCode: number}
  result?: R
}

export interface FleetRun<R> {
  contexts: FleetEntry<R>[]
  ok: boolean
  exitCode: ExitCode
}

export interface FleetSelection {
  /** --context values, already split at commas (empty items dropped). */
  contexts?: readonly string[]
  all?: boolean
  configFlag?: string
}

/**
 * The contexts of a fleet run, in the order given (config order for --all-contexts), without duplicates;
 * undefined when this is not a fleet (no --all-contexts and at most one --context).
 */
export async function fleetContexts(sel: FleetSelection, env: NodeJS.ProcessEnv): Promise<string[] | undefined> {
  const given = (sel.contexts ?? []).map((c) => c.trim()).filter(Boolean)
  if (!sel.all && given.length <= 1) return undefined
  const loaded = await loadConfig(sel.configFlag, env)
  const known = Object.keys(loaded.config.contexts ?? {})
  if (sel.all) {
    if (known.length === 0) {
      throw new ConfigError(loaded.exists ? `the spock config ${loaded.path} defines no contexts` : `no spock config at ${loaded.path}, so there are no contexts`, {
        hint: 'add contexts under "contexts:" in the spock config (see README), or pass --spock-config',
      })
    }
    return known
  }
  const unknown = given.filter((c) => !known.includes(c))
  if (unknown.length > 0) {
    throw new ConfigError(`${unknown.length === 1 ? 'context' : 'contexts'} ${unknown.map((c) => `"${c}"`).join(', ')} not defined in the spock config`, {
      hint: known.length > 0 ? `known contexts: ${known.join(', ')}` : 'add them under "contexts:" in the config file (see README)',
    })
  }
  return [...new Set(given)]
}

/** The environment a fleet member resolves against: URL variables would point every context at one server. */
export function fleetEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const {SPOCK_PROMETHEUS_URL: _p, SPOCK_ALERTMANAGER_URL: _a, SPOCK_CONTEXT: _c, ...rest} = env
  return rest
}

/** URL flags name one server; with a fleet each context names its own. */
export function refuseUrlFlags(flags: {'prometheus-url'?: string; 'alertmanager-url'?: string[]}): void {
  const given = ['prometheus-url', 'alertmanager-url'].filter((f) => {
    const v = flags[f as keyof typeof flags]
    return Array.isArray(v) ? v.length > 0 : v !== undefined
  })
  if (given.length > 0) {
    throw new UsageError(`--${given[0]} cannot be combined with several contexts: each context's own URLs are used`, {
      hint: 'drop the URL flag, or run with a single --context',
    })
  }
}

/**
 * The exit code of a fleet: 3 when a context's server could not be reached, else 2 when a context could not
 * be run (its credentials file, a 4xx answer), else 1 when a context found problems, else 0.
 */
export function fleetExitCode(codes: readonly ExitCode[]): ExitCode {
  for (const worst of [3, 2, 1] as const) if (codes.includes(worst)) return worst
  return 0
}

/** Run `one` for every context, at most `parallel` at a time; a failure becomes that context's entry. */
export async function runFleet<R>(
  contexts: readonly string[],
  parallel: number,
  one: (context: string) => Promise<{result: R; exitCode: 0 | 1}>,
): Promise<FleetRun<R>> {
  const entries = await mapConcurrent(contexts, Math.max(1, parallel), async (context): Promise<FleetEntry<R>> => {
    try {
      const {result, exitCode} = await one(context)
      return {context, ok: exitCode === 0, exitCode, result}
    } catch (err) {
      const e = toSpockError(err)
      return {context, ok: false, exitCode: e.exitCode, error: e.toJSON()}
    }
  })
  const exitCode = fleetExitCode(entries.map((e) => e.exitCode))
  return {contexts: entries, ok: exitCode === 0, exitCode}
}
