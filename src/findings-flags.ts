// Flags shared by the commands that report findings (rules check, config check).
import {Flags} from '@oclif/core'
import {UsageError} from './errors.js'
import {parseDisable, unknownChecksMessage} from './findings/disable.js'
import type {CheckInfo} from './findings/registry.js'
import {outputFlag} from './output-flags.js'
import {PROBLEM_FORMATS} from './findings/problem-report.js'

export const findingsFlags = {
  output: outputFlag(
    PROBLEM_FORMATS,
    'Report format: table (file:line:col lines; alias text), json, yaml, github (workflow commands), sarif, junit, checkstyle.',
  ),
  'fail-on': Flags.option({options: ['error', 'warning'] as const, default: 'error' as const, summary: 'Lowest severity that makes the exit code 1.'})(),
  disable: Flags.string({
    multiple: true,
    helpValue: 'ID',
    summary: 'Turn a check off (repeatable, or comma-separated); "spock checks list" shows the ids.',
  }),
}

/** --disable values -> the set of ids; an id this command does not know is a usage error naming the known ones. */
export function disabledChecks(values: readonly string[] | undefined, known: readonly CheckInfo[]): Set<string> {
  const {disabled, unknown} = parseDisable(values, known)
  if (unknown.length > 0) throw new UsageError(unknownChecksMessage(unknown, known), {hint: 'run "spock checks list" to see what each check finds'})
  return disabled
}
