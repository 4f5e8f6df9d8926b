// Alert label and annotation templates, expanded as Prometheus 2.42 does (src/gotemplate's executor and
// Prometheus's template functions; `query` runs on the test's storage at the evaluation time).
import {expandRuleTemplate} from '../gotemplate/prom-expand.js'
import type {Expander} from './rules.js'

export const ruleExpander: Expander = (text, name, data, t, query) =>
  expandRuleTemplate(text, {
    labels: data.labels,
    externalLabels: data.externalLabels,
    externalURL: data.externalURL,
    // promtool passes no URL to the rule manager: the externalURL and pathPrefix functions fail there.
    urlFunctions: undefined,
    value: data.value,
    alertName: name.replace(/^__alert_/, ''),
    query: (q) => query(q, t).map((s) => ({labels: Object.fromEntries(s.metric), value: s.v})),
    now: t / 1000,
    version: '2.42',
  })
