// What a check is: a pure function from a decoded rule file to problems.
import type {PromVersion} from '../prometheus/promql.js'
import type {Problem, Severity} from '../findings/problem.js'
import type {RuleFile} from './rule-file.js'
import type {CheckCache} from './engines.js'

export type LintMode = 'none' | 'duplicate-rules' | 'all'

export interface CheckContext {
  path: string
  source: string
  file: RuleFile
  version: PromVersion
  lint: LintMode
  cache: CheckCache
}

export {newCheckCache, type CheckCache} from './engines.js'

export interface Check {
  id: string // 'area/name'
  summary: string // one line, for a check list
  severity: Severity // the default severity of its problems
  run(ctx: CheckContext): Problem[]
}
