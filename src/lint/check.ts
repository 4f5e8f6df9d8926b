// What a check is: a pure function from a decoded rule file to problems.
import type {PromVersion} from '../promql/syntax/check.js'
import type {CheckInfo} from '../findings/registry.js'
import type {Problem} from '../findings/problem.js'
import type {RuleFile} from './rule-file.js'
import type {CheckCache} from './engines.js'
import type {LintPolicy} from './policy.js'

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
}

export {newCheckCache, type CheckCache} from './engines.js'

/** A rule-file check: an entry of the check registry (src/findings/registry.ts) that runs on a rule file. */
export interface Check extends Omit<CheckInfo, 'kinds'> {
  run(ctx: CheckContext): Problem[]
}
