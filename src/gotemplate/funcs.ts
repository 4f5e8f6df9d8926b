// Function names known at parse time. Each set was confirmed against the real
// binaries: promtool 2.42 and amtool 0.25 (both go1.19.8).

/** text/template builtins (Go 1.19 funcs.go). */
export const GO_BUILTIN_FUNCS: ReadonlySet<string> = new Set([
  'and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery',
  'eq', 'ge', 'gt', 'le', 'lt', 'ne',
])

/** Prometheus 2.42 template/template.go NewTemplateExpander func map. */
const PROMETHEUS_FUNC_NAMES: readonly string[] = [
  'query', 'first', 'label', 'value', 'strvalue', 'args', 'reReplaceAll', 'safeHtml', 'match', 'title', 'toUpper',
  'toLower', 'graphLink', 'tableLink', 'sortByLabel', 'stripPort', 'stripDomain', 'humanize', 'humanize1024',
  'humanizeDuration', 'humanizePercentage', 'humanizeTimestamp', 'pathPrefix', 'externalURL', 'parseDuration', 'toTime',
]

/**
 * Added after 2.42 (Prometheus 3.x): promtool 2.42 reports them as not defined.
 * Kept apart so a linter can say "needs a newer Prometheus" instead of "unknown".
 */
export const PROMETHEUS_3_FUNC_ADDITIONS: readonly string[] = ['toDuration', 'now', 'urlQueryEscape']

export const PROMETHEUS_TEMPLATE_FUNCS: ReadonlySet<string> = new Set([...GO_BUILTIN_FUNCS, ...PROMETHEUS_FUNC_NAMES])

/** The Prometheus versions spock lints for (the same values as --prometheus-version after parsing). */
export type PromTemplateVersion = '2.42' | '3'

/** Every function an alerting-rule template may call, by Prometheus version: the one table to extend. */
export const PROMETHEUS_FUNCS_BY_VERSION: Readonly<Record<PromTemplateVersion, ReadonlySet<string>>> = {
  '2.42': PROMETHEUS_TEMPLATE_FUNCS,
  '3': new Set([...PROMETHEUS_TEMPLATE_FUNCS, ...PROMETHEUS_3_FUNC_ADDITIONS]),
}

/** Alertmanager 0.25 template/template.go DefaultFuncs. */
const ALERTMANAGER_FUNC_NAMES: readonly string[] = [
  'toUpper', 'toLower', 'title', 'join', 'match', 'safeHtml', 'reReplaceAll', 'stringSlice',
]

/** Added after 0.25: amtool 0.25 reports them as not defined. */
export const ALERTMANAGER_LATER_FUNC_ADDITIONS: readonly string[] = [
  'trimSpace', 'safeUrl', 'urlUnescape', 'date', 'tz', 'since', 'humanizeDuration', 'toJson',
]

export const ALERTMANAGER_TEMPLATE_FUNCS: ReadonlySet<string> = new Set([...GO_BUILTIN_FUNCS, ...ALERTMANAGER_FUNC_NAMES])
