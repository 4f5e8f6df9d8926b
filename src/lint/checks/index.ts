// The registry: every rule-file check, in the order they run, plus the ids the pipeline emits itself.
import type {Severity} from '../../findings/problem.js'
import type {Check} from '../check.js'
import {duplicateRules} from './duplicate.js'
import {groupName} from './group-name.js'
import {labelNames} from './labels.js'
import {promqlSyntax} from './promql.js'
import {recordingRule} from './recording.js'
import {ruleFields} from './rule-fields.js'
import {templateSyntax} from './template.js'

export const RULE_CHECKS: readonly Check[] = [groupName, ruleFields, promqlSyntax, recordingRule, labelNames, templateSyntax, duplicateRules]

export interface CheckInfo {
  id: string
  summary: string
  severity: Severity
}

/** Every check id `rules check` can report, for --list-checks and SARIF rule metadata. */
export const RULE_CHECK_INFO: readonly CheckInfo[] = [
  {id: 'input/read', summary: 'The file exists and can be read.', severity: 'error'},
  {id: 'yaml/parse', summary: 'The file is valid YAML (no syntax errors, tabs or repeated keys) in UTF-8.', severity: 'error'},
  {id: 'yaml/multi-document', summary: 'One YAML document per file (Prometheus reads only the first).', severity: 'warning'},
  {id: 'rule/schema', summary: 'Only known fields, values of the right type, valid durations; record xor alert; expr set.', severity: 'error'},
  ...RULE_CHECKS.filter((c) => c.id !== 'rule/schema').map(({id, summary, severity}) => ({id, summary, severity})),
]
