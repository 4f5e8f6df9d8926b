// The one list of checks spock reports: rule files, alertmanager.yml and prometheus.yml alike.
// Every problem's `check` is an id from here; each id has a docs page and can be disabled the same way
// (a `# spock disable <id>` comment or `--disable <id>`). Rule checks implement these entries in
// src/lint/checks; config checks report their ids from src/alertmanager/config and src/prometheus/config.
import type {Severity} from './problem.js'

/** 'routing': rule files and alertmanager.yml together (`spock rules routes`). */
type FileKind = 'rules' | 'alertmanager' | 'prometheus' | 'metrics' | 'routing'
export const FILE_KINDS: readonly FileKind[] = ['rules', 'alertmanager', 'prometheus', 'metrics', 'routing']

export interface CheckInfo {
  id: string // 'area/name'
  summary: string // one line
  severity: Severity // the default severity of its problems
  kinds: readonly FileKind[] // the files it looks at
}

const ALL: readonly FileKind[] = ['rules', 'alertmanager', 'prometheus']
const METRICS: readonly FileKind[] = ['metrics']
const RULES: readonly FileKind[] = ['rules']
const CONFIGS: readonly FileKind[] = ['alertmanager', 'prometheus']
const AM: readonly FileKind[] = ['alertmanager']
const PROM: readonly FileKind[] = ['prometheus']
const ROUTING: readonly FileKind[] = ['routing']

const check = (id: string, severity: Severity, kinds: readonly FileKind[], summary: string): CheckInfo => ({id, summary, severity, kinds})

export const CHECKS: readonly CheckInfo[] = [
  // Every file kind
  check('input/read', 'error', ALL, 'The file exists and can be read.'),
  check('yaml/parse', 'error', ALL, 'The file is valid YAML (no syntax errors, tabs or repeated keys) in UTF-8.'),
  check('yaml/multi-document', 'warning', ALL, 'One YAML document per file (Prometheus and Alertmanager read only the first).'),
  check('config/kind', 'error', CONFIGS, 'The file is recognisably an alertmanager.yml or a prometheus.yml (or --kind says which).'),
  // Rule files (src/lint/checks)
  check('rule/schema', 'error', RULES, 'Only known fields, values of the right type, valid durations; record xor alert; expr set.'),
  check('group/name', 'error', RULES, 'Every group has a name, unique within its file.'),
  check('promql/syntax', 'error', RULES, 'The expression parses and type-checks as PromQL.'),
  check('rule/recording', 'error', RULES, 'Recording rules have a valid metric name and no alerting-only fields.'),
  check('rule/labels', 'error', RULES, 'Label and annotation names are valid; label values are valid UTF-8.'),
  check('template/syntax', 'error', RULES, 'Alerting-rule labels and annotations are valid Go templates.'),
  check('rule/duplicate', 'warning', RULES, 'No two rules in a file produce the same series or alert (same name and labels).'),
  check('promql/rate', 'warning', RULES, 'rate() and friends get a counter and a range of at least two scrapes; delta() and deriv() get no counter.'),
  check('promql/impossible', 'warning', RULES, 'No matchers that contradict each other and no comparison that can never be true.'),
  check('promql/regexp', 'warning', RULES, 'Regex matchers that are plain strings, carry redundant anchors or match everything.'),
  check('promql/fragile', 'warning', RULES, 'No arithmetic between aggregations that silently drops series; no topk/bottomk in alerts.'),
  check('alerts/template', 'warning', RULES, "Alert templates use only labels the query returns, and labels do not use the query's value."),
  check('alerts/comparison', 'warning', RULES, 'Alert queries have a condition (a comparison, and/unless, absent()), so they do not always fire.'),
  check('alerts/for', 'warning', RULES, "An alert's `for` is at least its group's evaluation interval, and not set on an always-true expression."),
  check('rule/label', 'warning', RULES, 'Alerts have the required labels with allowed values (default: severity is critical, warning or info).'),
  check('alerts/annotation', 'warning', RULES, 'Alerts have the required annotations with allowed values (default: summary or description).'),
  check('promql/series', 'warning', RULES, 'Online (--prometheus-url): selected metrics exist on the server (or did lately), with the label values matched.'),
  check('rule/name', 'warning', RULES, 'Recording rule names follow level:metric:operations; names match the policy regexes.'),
  // alertmanager.yml (src/alertmanager/config)
  check('am/schema', 'error', AM, 'Only known fields, values of the right type: durations, URLs, label names, group_by, time intervals.'),
  check('am/root-route', 'error', AM, 'There is a root route, with a receiver and without matchers, continue or time intervals.'),
  check('am/receiver-duplicate', 'error', AM, 'Receiver names are unique.'),
  check('am/receiver-undefined', 'error', AM, 'Every receiver a route names is defined.'),
  check('am/time-interval-duplicate', 'error', AM, 'Time interval names are unique.'),
  check('am/time-interval-undefined', 'error', AM, 'Every time interval a route names is defined.'),
  check('am/integration', 'error', AM, "Each integration has the fields it needs (from its own config or from global)."),
  check('am/matcher', 'warning', AM, 'Matchers parse the same way in every Alertmanager release.'),
  check('am/template-parse', 'error', AM, 'The template files named by templates: exist and parse.'),
  check('am/template-syntax', 'warning', AM, 'Template text in receiver fields is a valid Go template.'),
  check('am/template-undefined', 'warning', AM, 'Every {{ template "x" }} refers to a template someone defines.'),
  check('am/unused-receiver', 'warning', AM, 'Every receiver is used by some route.'),
  check('am/unused-time-interval', 'warning', AM, 'Every time interval is used by some route.'),
  check('am/shadowed-route', 'warning', AM, 'No route is unreachable because an earlier sibling catches all its alerts.'),
  check('am/webhook-url', 'warning', AM, 'No Slack, Discord, Teams, Telegram, PagerDuty or Opsgenie URL under webhook_configs (they cannot read its payload).'),
  check('am/receiver-empty', 'warning', AM, 'Every receiver a route uses has an integration (unless its name says it drops alerts, e.g. "null").'),
  check('am/send-resolved', 'warning', AM, 'PagerDuty, Opsgenie and VictorOps integrations resolve the incidents they open (no send_resolved: false).'),
  // prometheus.yml (src/prometheus/config)
  check('prom/schema', 'error', PROM, 'Only known fields, values of the right type: durations, URLs, TLS and HTTP client settings.'),
  check('prom/scrape', 'error', PROM, 'Scrape configs have unique, non-empty job names, valid targets and timeouts within intervals.'),
  check('prom/relabel', 'error', PROM, 'Relabel configs have a known action, a valid regex and the fields that action needs.'),
  check('prom/sd', 'error', PROM, 'Service discovery configs have the fields they need.'),
  check('prom/files', 'error', PROM, 'Files the config names (TLS, credentials, file_sd) exist and are valid.'),
  check('prom/rule-files', 'error', PROM, 'rule_files entries are valid patterns that point to existing files.'),
  // Metrics exposition (src/prometheus/exposition: spock metrics check)
  check('metrics/syntax', 'error', METRICS, 'The text exposition format parses as Prometheus reads it (promtool check metrics).'),
  check('metrics/lint', 'error', METRICS, "promtool check metrics's lint: help text, base units, _total on counters, reserved suffixes and labels, snake_case."),
  check('metrics/name', 'warning', METRICS, 'Metric names match the naming policy regex (checks.metrics/name.pattern in .spock.yml).'),
  // Rule files routed through alertmanager.yml (spock rules routes; src/rules-routes)
  check('routes/missing-label', 'warning', ROUTING, 'Alerts carry the labels the routes below where they stop match on.'),
  check('routes/unrouted', 'info', ROUTING, "Alerts match some route, not only the root's default receiver (info: often the design)."),
  check('routes/no-pager', 'warning', ROUTING, 'Critical alerts reach a paging receiver (PagerDuty, Opsgenie, ... or --pager NAME).'),
  check('routes/info-pages', 'warning', ROUTING, 'Info alerts reach no paging receiver.'),
  check('routes/unreachable-receiver', 'warning', ROUTING, 'Every receiver the routes name is reached by some alerting rule.'),
]

const BY_ID = new Map(CHECKS.map((c) => [c.id, c]))

export function findCheck(id: string): CheckInfo | undefined {
  return BY_ID.get(id)
}

/** The checks that look at any of these file kinds, in registry order. */
export function checksFor(kinds: readonly FileKind[]): CheckInfo[] {
  return CHECKS.filter((c) => c.kinds.some((k) => kinds.includes(k)))
}

/** What `spock checks list` and `spock rules check --list-checks` print: each check with its docs page. */
export type ListedCheck = CheckInfo & {docs: string}

export function listChecks(kinds: readonly FileKind[]): ListedCheck[] {
  return checksFor(kinds).map((c) => ({...c, docs: docsPage(c.id)}))
}

/** docs/checks/<area>-<name>.md, relative to the repository root. */
export function docsPage(id: string): string {
  return `docs/checks/${id.replaceAll('/', '-')}.md`
}
