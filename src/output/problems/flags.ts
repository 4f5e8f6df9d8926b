// Flags shared by the commands that report findings (rules check, config check).
import {Flags} from '@oclif/core'
import {PROBLEM_FORMATS, type ProblemFormat} from '../../findings/problem-report.js'

export const findingsFlags = {
  output: Flags.option({
    char: 'o',
    options: PROBLEM_FORMATS,
    default: 'text' as ProblemFormat,
    helpGroup: 'OUTPUT',
    summary: 'Report format (env SPOCK_OUTPUT): text, json, github (workflow commands), sarif, junit, checkstyle.',
  })(),
  'fail-on': Flags.option({options: ['error', 'warning'] as const, default: 'error' as const, summary: 'Lowest severity that makes the exit code 1.'})(),
}

export function findingsFormat(flags: {output?: string; json?: boolean}): ProblemFormat {
  return flags.json ? 'json' : ((flags.output as ProblemFormat | undefined) ?? 'text')
}
