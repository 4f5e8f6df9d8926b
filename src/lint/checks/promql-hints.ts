// What to write instead, for the PromQL parser's usual complaints.
import type {PromVersion} from '../../promql/syntax/check.js'

const HINTS: Array<[RegExp, (m: RegExpExecArray, v: PromVersion) => string]> = [
  [/unknown function with name "([^"]+)"/, (m, v) => `check the spelling: ${m[1]} is not a PromQL function${v === '2.42' ? ' in Prometheus 2.42 (some functions need Prometheus 3)' : ''}`],
  [/expected type range vector in call to function "([^"]+)", got instant vector/, (m) => `give ${m[1]} a range, e.g. ${m[1]}(metric[5m])`],
  [/expected type instant vector .*got range vector/, () => 'turn the range into an instant vector first, e.g. with rate(...[5m]) or avg_over_time(...[5m])'],
  [/expected type scalar/, () => 'use a number here, or scalar(...) around a one-series expression'],
  [/unclosed left parenthesis/, () => 'add the missing ")"'],
  [/unclosed left (bracket|brace)/, (m) => `add the missing "${m[1] === 'bracket' ? ']' : '}'}"`],
  [/inside braces/, () => 'write label matchers as {name="value", other=~"regex"}'],
  [/unexpected end of input/, () => 'the expression stops too early: complete it'],
  [/set operator .* not allowed in binary scalar expression/, () => 'and/or/unless need vectors on both sides'],
  [/regexp|regex/, () => 'fix the regular expression (RE2 syntax: no lookarounds or backreferences)'],
  [/duration/, () => 'write durations like 5m or 1h30m'],
]

export function promqlHint(message: string, version: PromVersion): string {
  for (const [re, hint] of HINTS) {
    const m = re.exec(message)
    if (m) return hint(m, version)
  }
  return version === '2.42' ? 'fix the expression (checked as Prometheus 2.42 PromQL)' : 'fix the expression'
}
