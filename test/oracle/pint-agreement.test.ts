// pint agreement. Two sources, both copied into the shared corpus from the pint repository:
//  - pint's self-check rule files (.github/pint/rules/<check>.yml, "intentionally problematic for pint"), each
//    planting the problem of the pint check it is named after;
//  - the rule files of pint's testscript tests (cmd/pint/tests/NNNN_name.txt), whose expected output says exactly
//    what pint reports: check, line (or line range) and file. ROWS below writes those reports down, one row per
//    report of a check spock shares, and says which spock check must report the same line, or why spock
//    deliberately does not (each reason is also under "Compared with pint" in docs/checks/<id>.md).
// Reports of pint's online checks (promql/series, needing the Prometheus pint's tests mock) are not rows.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {LintPolicy} from '../../src/lint/policy.js'
import {lintFiles, lintText} from '../../src/lint/run.js'
import {CORPUS} from '../support/corpus.js'

const DIR = join(CORPUS, 'rules/cloudflare__pint')
const file = (name: string) => join(DIR, `.github__pint__rules__${name}.yml`)

async function found(name: string): Promise<string[]> {
  const report = await lintFiles([file(name)], {version: '2.42'})
  return report.files[0]!.problems.map((p) => `${p.line} ${p.check}`)
}

describe("spock on pint's self-check rules", () => {
  test('promql/fragile: both planted rules, on pint\'s lines', async () => {
    expect(await found('fragile')).toEqual(expect.arrayContaining(['5 promql/fragile', '8 promql/fragile']))
  })

  test('promql/regexp: every planted matcher', async () => {
    expect(await found('regexp')).toEqual(expect.arrayContaining(['5 promql/regexp', '9 promql/regexp', '12 promql/regexp']))
  })

  test('alerts/annotation and rule/label (pint: alerts/annotation, rule/label with a policy): every alert', async () => {
    expect(await found('alerts')).toEqual(expect.arrayContaining(['4 alerts/annotation', '8 alerts/annotation', '4 rule/label', '8 rule/label']))
  })

  // Deliberate differences (documented in docs/checks/*.md):
  test('promql/impossible: pint also judges "by (name)" over vector(0), which has no labels; spock only contradictory matchers and comparisons', async () => {
    expect((await found('impossible')).filter((x) => x.endsWith('promql/impossible'))).toEqual([])
  })

  test('alerts/template: pint also asks for humanize on $value of a rate; spock reports only labels the query cannot return and $value in labels', async () => {
    expect((await found('template')).filter((x) => x.endsWith('alerts/template'))).toEqual([])
  })
})

// The .pint.hcl of a test, as a spock lint policy (only the parts its rows depend on).
const POLICY: Record<string, LintPolicy> = {
  '0007': {
    checks: {
      'rule/label': {labels: [{name: 'severity', value: 'critical|warning|info'}]},
      'alerts/annotation': {annotations: [{name: 'url', value: 'https://wiki.example.com/page/(.+).html'}]},
    },
  },
  '0009': {checks: {'alerts/annotation': {annotations: [{name: 'link'}]}}},
  '0012': {checks: {'rule/label': {labels: [{name: 'severity', value: '(24x7|10x5|debug)'}]}, 'alerts/annotation': {annotations: [{name: 'runbook_url'}]}}},
  '0058': {checks: {'alerts/annotation': {annotations: [{name: 'alert_for'}]}}},
  '0177': {checks: {'rule/name': {alert: 'rec:.+', record: 'rec:.+'}}},
}

interface Row {
  /** cmd/pint/tests/<test>.txt and the rule file's path in it, as the corpus names it: <test>.txt__<path with __>. */
  file: string
  /** The line pint reports, or its range (a rule's first to last line). */
  line: number | [number, number]
  pint: string
  /** The spock check that reports the same problem; with `deliberate`, the one that would. */
  spock: string
  /** Why spock does not report it: then the row asserts that it does not. */
  deliberate?: string
  /** Where spock reports it when that is another line of the same YAML node (said why in a comment). */
  spockLine?: number
}

const HUMANIZE = 'pint asks for humanize on $value of a rate; spock leaves formatting alone'
const K8S = 'a Kubernetes manifest with the rule file inside a string: spock reads rule files as Prometheus loads them'
const ROWS: Row[] = [
  {file: '0003_lint_workdir.txt__rules__0002.yaml', line: 2, pint: 'promql/regexp', spock: 'promql/regexp'},
  {file: '0003_lint_workdir.txt__rules__0002.yaml', line: 5, pint: 'promql/regexp', spock: 'promql/regexp'},
  {file: '0003_lint_workdir.txt__rules__0003.yaml', line: 14, pint: 'promql/syntax', spock: 'promql/syntax'},
  {file: '0003_lint_workdir.txt__rules__0003.yaml', line: [58, 61], pint: 'alerts/template', spock: 'alerts/template', deliberate: HUMANIZE},
  {file: '0004_fail_invalid_yaml.txt__rules__ok.yml', line: 5, pint: 'promql/syntax', spock: 'promql/syntax'},
  {file: '0007_alerts.txt__rules__0001.yml', line: [1, 2], pint: 'rule/label', spock: 'rule/label'},
  {file: '0007_alerts.txt__rules__0001.yml', line: [1, 2], pint: 'alerts/annotation', spock: 'alerts/annotation'},
  {file: '0007_alerts.txt__rules__0001.yml', line: 2, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  {file: '0007_alerts.txt__rules__0001.yml', line: 14, pint: 'rule/label', spock: 'rule/label'},
  {file: '0007_alerts.txt__rules__0001.yml', line: 16, pint: 'alerts/annotation', spock: 'alerts/annotation'},
  // pint's alerts/template reports template syntax errors too; spock has them as template/syntax (promtool rejects them).
  {file: '0007_alerts.txt__rules__0002.yml', line: 5, pint: 'alerts/template', spock: 'template/syntax'},
  {file: '0007_alerts.txt__rules__0002.yml', line: 6, pint: 'alerts/template', spock: 'template/syntax'},
  {file: '0007_alerts.txt__rules__0002.yml', line: 10, pint: 'alerts/template', spock: 'template/syntax'},
  {file: '0007_alerts.txt__rules__0002.yml', line: 11, pint: 'alerts/template', spock: 'alerts/template'},
  {file: '0007_alerts.txt__rules__0002.yml', line: 12, pint: 'alerts/template', spock: 'alerts/template'},
  {file: '0009_alerting_rule_prometheus.txt__rules__0001.yml', line: [6, 13], pint: 'alerts/annotation', spock: 'alerts/annotation'},
  {file: '0011_ignore_rules.txt__rules__1.yaml', line: 5, pint: 'promql/syntax', spock: 'promql/syntax'},
  {file: '0011_ignore_rules.txt__rules__1.yaml', line: 33, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  {file: '0012_issue_20.txt__rules__1.yaml', line: [4, 11], pint: 'alerts/annotation', spock: 'alerts/annotation'},
  {file: '0018_match_alerting.txt__rules__0001.yml', line: 5, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  {file: '0020_ignore_kind.txt__rules__0001.yml', line: 8, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  {file: '0024_color_output.txt__rules__0003.yaml', line: 14, pint: 'promql/syntax', spock: 'promql/syntax'},
  // An invalid `for` is a file Prometheus refuses: spock's rule/schema error, pint's alerts/for. The value is a
  // block scalar (`for: |` on 53, the text on 54): spock points at its start, pint at its text.
  {file: '0024_color_output.txt__rules__0003.yaml', line: 54, spockLine: 53, pint: 'alerts/for', spock: 'rule/schema'},
  {file: '0024_color_output.txt__rules__0003.yaml', line: 58, pint: 'alerts/for', spock: 'alerts/for', deliberate: '`for: 0h` is the default written out, harmless (pint: information); spock reports a `for` that misleads'},
  {file: '0058_templated_check.txt__rules__0001.yml', line: [4, 6], pint: 'alerts/annotation', spock: 'alerts/annotation'},
  {file: '0058_templated_check.txt__rules__0001.yml', line: 12, pint: 'alerts/annotation', spock: 'alerts/annotation', deliberate: 'the required value is a template of the rule ({{ $for }}); spock policies name fixed values or regexes'},
  {file: '0073_lint_k8s.txt__rules__1.yml', line: [22, 23], pint: 'alerts/annotation', spock: 'alerts/annotation', deliberate: K8S},
  {file: '0073_lint_k8s.txt__rules__1.yml', line: [22, 23], pint: 'rule/label', spock: 'rule/label', deliberate: K8S},
  {file: '0073_lint_k8s.txt__rules__1.yml', line: 25, pint: 'promql/syntax', spock: 'promql/syntax', deliberate: K8S},
  {file: '0086_rulefmt_ignored_errors.txt__rules__strict.yml', line: 10, pint: 'promql/syntax', spock: 'promql/syntax'},
  {file: '0086_rulefmt_ignored_errors.txt__rules__strict.yml', line: 15, pint: 'alerts/template', spock: 'template/syntax'},
  {file: '0087_dedup.txt__rules__01.yml', line: [4, 13], pint: 'alerts/template', spock: 'alerts/template'},
  {file: '0087_dedup.txt__rules__01.yml', line: 5, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  {file: '0108_rule_duplicate.txt__rules__0001.yml', line: [1, 2], pint: 'rule/duplicate', spock: 'rule/duplicate', deliberate: 'the twin is in another file; spock compares rules within a file, as promtool --lint=duplicate-rules'},
  {file: '0108_rule_duplicate.txt__rules__0001.yml', line: [9, 12], pint: 'rule/duplicate', spock: 'rule/duplicate', deliberate: 'the twin is in another file; spock compares rules within a file, as promtool --lint=duplicate-rules'},
  {file: '0125_lint_fail_on_warning.txt__rules__0001.yml', line: 5, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  {file: '0125_lint_fail_on_warning.txt__rules__0001.yml', line: 5, pint: 'promql/regexp', spock: 'promql/regexp'},
  {file: '0137_annotation_regex_key_fail.txt__rules__0001.yml', line: 4, pint: 'alerts/annotation', spock: 'alerts/annotation', deliberate: 'the policy names annotations by a regex (annotation_.*); spock policies name them exactly'},
  {file: '0177_rule_name.txt__rules__01.yml', line: 4, pint: 'rule/name', spock: 'rule/name'},
  {file: '0209_multidoc_yaml.txt__rules__1.yaml', line: [143, 150], pint: 'alerts/annotation', spock: 'alerts/annotation', deliberate: K8S},
  {file: '0210_hide_duplicates.txt__rules__1.yaml', line: 5, pint: 'promql/regexp', spock: 'promql/regexp', deliberate: 'a "smelly" regexp (job=~"foo.+_bar") is a label-design opinion; spock reports regexps that are wrong or pointless'},
  {file: '0230_issue_1696.txt__rules__1.yml', line: [3, 4], pint: 'rule/label', spock: 'rule/label', deliberate: "the policy requires a label on recording rules; spock's required labels are for alerts"},
  {file: '0255_lint_checkstyle_write_error.txt__rules__0001.yml', line: 5, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  // YAML anchors, aliases and merge keys: the aliased expr is reported on the alias's line.
  {file: '0256_yaml_alias.txt__rules__rules.yml', line: 2, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  {file: '0256_yaml_alias.txt__rules__rules.yml', line: 4, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  {file: '0256_yaml_alias.txt__rules__rules.yml', line: 6, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  {file: '0258_yaml_merge_key.txt__rules__rules.yml', line: 6, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  {file: '0258_yaml_merge_key.txt__rules__rules.yml', line: 9, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  {file: '0260_yaml_sequence_merge.txt__rules__rules.yml', line: 7, pint: 'alerts/comparison', spock: 'alerts/comparison'},
  {file: '0260_yaml_sequence_merge.txt__rules__rules.yml', line: 10, pint: 'alerts/comparison', spock: 'alerts/comparison'},
]

/**
 * The rule file as pint reads it, in a form spock reads: lines inside `# pint ignore/begin` .. `ignore/end` (and
 * `ignore/line`, `ignore/next-line`) are blanked, as pint skips them, and a bare list of rules (pint's relaxed
 * format) goes into one group. Lines are kept, or shifted by `offset`.
 */
function asPintReads(text: string): {text: string; offset: number} {
  const lines = text.split('\n')
  let skipping = false
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    if (/#\s*pint\s+ignore\/begin/.test(l)) skipping = true
    const end = /#\s*pint\s+ignore\/end/.test(l)
    if (/#\s*pint\s+ignore\/next-line/.test(l) && i + 1 < lines.length) lines[i + 1] = ''
    if (skipping || /#\s*pint\s+ignore\/line/.test(l)) lines[i] = ''
    if (end) skipping = false
  }
  const first = lines.find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))
  if (!first?.startsWith('- ')) return {text: lines.join('\n'), offset: 0}
  return {text: `groups:\n  - name: pint\n    rules:\n${lines.map((l) => (l.trim() === '' ? l : `      ${l}`)).join('\n')}`, offset: 3}
}

const reports = new Map<string, Promise<{line: number; check: string}[]>>()
function spockOn(name: string): Promise<{line: number; check: string}[]> {
  if (!reports.has(name)) {
    const path = join(DIR, `cmd__pint__tests__${name}`)
    const {text, offset} = asPintReads(readFileSync(path, 'utf8'))
    const policy = POLICY[name.slice(0, 4)] ?? {}
    reports.set(name, lintText(text, path, {version: '3', policy}).then((r) => r.problems.map((p) => ({line: p.line - offset, check: p.check}))))
  }
  return reports.get(name)!
}

describe("spock on the rule files of pint's tests, where pint reports a check spock shares", () => {
  test('every row names a corpus file', () => {
    expect(ROWS.filter((r) => !readFileSync(join(DIR, `cmd__pint__tests__${r.file}`), 'utf8'))).toEqual([])
  })

  test.each(ROWS.map((r) => [`${r.file}:${Array.isArray(r.line) ? r.line.join('-') : r.line} ${r.pint} -> ${r.deliberate ? `not ${r.spock}: ${r.deliberate}` : r.spock}`, r] as const))('%s', async (_title, row) => {
    const [from, to] = row.spockLine ? [row.spockLine, row.spockLine] : Array.isArray(row.line) ? row.line : [row.line, row.line]
    const problems = await spockOn(row.file)
    const there = problems.filter((p) => p.check === row.spock && p.line >= from && p.line <= to)
    if (row.deliberate) expect(there, `spock now reports ${row.spock} here: move the row out of the deliberate differences`).toEqual([])
    else expect(there.length, `spock found: ${JSON.stringify(problems)}`).toBeGreaterThan(0)
  })
})
