// Every rule-file check, in the order they run. Their ids, summaries and severities are entries of the
// one check registry (src/findings/registry.ts), which also lists the ids the pipeline emits itself.
import type {Check} from '../check.js'
import {duplicateRules} from './duplicate.js'
import {groupName} from './group-name.js'
import {labelNames} from './labels.js'
import {promqlSyntax} from './promql.js'
import {promqlFragile} from './promql-fragile.js'
import {promqlImpossible} from './promql-impossible.js'
import {promqlRate} from './promql-rate.js'
import {promqlRegexp} from './promql-regexp.js'
import {recordingRule} from './recording.js'
import {ruleFields} from './rule-fields.js'
import {templateSyntax} from './template.js'

export const RULE_CHECKS: readonly Check[] = [groupName, ruleFields, promqlSyntax, recordingRule, labelNames, templateSyntax, duplicateRules, promqlRate, promqlImpossible, promqlRegexp, promqlFragile]
