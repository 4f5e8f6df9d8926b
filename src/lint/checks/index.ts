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
import {alertsAnnotation} from './alerts-annotation.js'
import {alertsComparison} from './alerts-comparison.js'
import {alertsFor} from './alerts-for.js'
import {alertsTemplate} from './alerts-template.js'
import {ruleLabel} from './rule-label.js'
import {ruleName} from './rule-name.js'
import {promqlSeries} from './promql-series.js'

/** The checks promtool check rules also makes. */
export const PROMTOOL_RULE_CHECKS: readonly Check[] = [groupName, ruleFields, promqlSyntax, recordingRule, labelNames, templateSyntax, duplicateRules]
/** Semantic checks (pint's class): what the rules mean, not whether Prometheus loads them. */
export const SEMANTIC_RULE_CHECKS: readonly Check[] = [promqlRate, promqlImpossible, promqlRegexp, promqlFragile, alertsTemplate, alertsComparison, alertsFor, ruleLabel, alertsAnnotation, ruleName, promqlSeries]

export const RULE_CHECKS: readonly Check[] = [...PROMTOOL_RULE_CHECKS, ...SEMANTIC_RULE_CHECKS]
