// What a check is: a pure function from a decoded rule file to problems.
import type {PromVersion} from '../promql/syntax/check.js'
import type {CheckInfo} from '../findings/registry.js'
import type {Problem} from '../findings/problem.js'
import type {RuleFile} from './rule-file.js'
import type {CheckCache} from './engines.js'
import type {LintPolicy} from './policy.js'
import type {LiveData} from './live.js'

export type LintMode = 'none' | 'duplicate-rules' | 'all'

export interface CheckContext {
  path: string
  source: string
  file: RuleFile
  version: PromVersion
  lint: LintMode
  cache: CheckCache
  scrapeIntervalMs?: number // for promql/rate; default 1m
  policy?: LintPolicy // the lint policy file (.spock.yml); undefined: built-in defaults
  live?: LiveData // --prometheus-url: fetched before the checks run
}

export {newCheckCache, type CheckCache} from './engines.js'

/** A rule-file check: the code of a registry entry (src/findings/registry.ts says its summary and severity). */
export interface Check {
  id: CheckInfo['id']
  run(ctx: CheckContext): Problem[]
}
