// Go YAML quirks (src/yaml/go-quirks.ts): what promtool and amtool reject although YAML 1.2 accepts it.
// Go's YAML parsers end a plain value at `?` inside [...] or {...} and fail; YAML 1.2 reads on.
// spock must reject what promtool (rules: yaml.v3, config: yaml.v2) and amtool (yaml.v2) reject.
import {execFile} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'
import {lintText} from '../../src/lint/run.js'
import {checkPrometheusConfig} from '../../src/prometheus/config/check.js'
import {checkAlertmanagerConfig} from '../../src/alertmanager/config/validate.js'
import {aliasBomb, deepNesting, manyAliases, mergeBomb} from '../support/hostile-yaml.js'

let dir: string
beforeAll(async () => (dir = await makeTempDir('spock-yamlflow-')))
afterAll(() => removeTempDir(dir))

const tool = (cmd: string, args: string[]): Promise<number> =>
  new Promise((resolve) => execFile(cmd, args, (err) => resolve(err ? ((err as {code?: number}).code ?? -1) : 0)))

const RULES = (labels: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        labels: ${labels}\n`
const PROM = (targets: string) => `scrape_configs:\n  - job_name: j\n    static_configs:\n      - targets: ${targets}\n`
const AM = (matchers: string) => `route:\n  receiver: r\n  routes:\n    - matchers: ${matchers}\n      receiver: r\nreceivers:\n  - name: r\n`

const CASES: {name: string; kind: 'rules' | 'prom' | 'am'; text: string}[] = [
  {name: 'rules-flow-map-question', kind: 'rules', text: RULES('{x: a?b}')},
  {name: 'rules-flow-map-quoted', kind: 'rules', text: RULES('{x: "a?b"}')},
  {name: 'rules-flow-map-plain', kind: 'rules', text: RULES('{x: a-b}')},
  {name: 'prom-flow-seq-question', kind: 'prom', text: PROM('[a?b:9090]')},
  {name: 'prom-flow-seq-quoted', kind: 'prom', text: PROM("['a:9090']")},
  {name: 'am-flow-seq-regex-group', kind: 'am', text: AM('[a=~"(?P<x>a)|(?P<x>b)"]')},
  {name: 'am-flow-seq-regex-quoted', kind: 'am', text: AM(`['a=~"(?P<x>a)|(?P<x>b)"']`)},
  {name: 'am-flow-seq-plain', kind: 'am', text: AM('[a=~"x|y"]')},
]

describe('"?" in flow collections: spock agrees with promtool and amtool', () => {
  test.each(CASES)('$name', async ({name, kind, text}) => {
    const file = join(dir, `${name}.yml`)
    await writeFile(file, text)
    const official =
      kind === 'rules' ? await tool('promtool', ['check', 'rules', file]) : kind === 'prom' ? await tool('promtool', ['check', 'config', '--syntax-only', file]) : await tool('amtool', ['check-config', file])
    const ours = await runCli(kind === 'rules' ? ['rules', 'check', '--prometheus-version', '2.42', file] : ['config', 'check', file])
    expect(ours.stderr).not.toMatch(/\n\s+at /)
    expect({name, rejected: ours.code !== 0}).toEqual({name, rejected: official !== 0})
    if (official !== 0) expect(ours.stdout + ours.stderr).toMatch(/did not find expected ',' or '[\]}]'/)
  })
})

// The quirks added after "?": checked with spock's core functions (not the built CLI) against a live tool run.
const RULES_AT = (body: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n${body}`
const AM_AT = (body: string) => `route:\n  receiver: r\n${body}receivers:\n  - name: r\n`
const PROM_AT = (body: string) => `scrape_configs:\n  - job_name: j\n${body}`

const MORE: {name: string; kind: 'rules' | 'prom' | 'am'; text: string}[] = [
  {name: 'rules-flow-colon-start', kind: 'rules', text: RULES_AT('        labels: {severity: :warning}\n')},
  {name: 'rules-flow-colon-inside', kind: 'rules', text: RULES_AT('        labels: {severity: a:warning}\n')},
  {name: 'prom-flow-colon-start', kind: 'prom', text: PROM('[:9090]')},
  {name: 'prom-flow-colon-quoted', kind: 'prom', text: PROM("[':9090']")},
  {name: 'rules-yaml-1.2', kind: 'rules', text: `%YAML 1.2\n---\n${RULES_AT('')}`},
  {name: 'rules-yaml-1.1', kind: 'rules', text: `%YAML 1.1\n---\n${RULES_AT('')}`},
  {name: 'am-yaml-1.2', kind: 'am', text: `%YAML 1.2\n---\n${AM_AT('')}`},
  {name: 'rules-alias-glob', kind: 'rules', text: RULES_AT('        annotations:\n          hosts: *.example.com\n')},
  {name: 'rules-alias-glob-quoted', kind: 'rules', text: RULES_AT("        annotations:\n          hosts: '*.example.com'\n")},
  {name: 'rules-anchor-dot', kind: 'rules', text: RULES_AT('        labels:\n          a: &x.y v\n')},
  {name: 'rules-anchor-dash', kind: 'rules', text: RULES_AT('        labels:\n          a: &x-y v\n          b: *x-y\n')},
  {name: 'am-anchor-url', kind: 'am', text: AM_AT('  group_by: [&a.b x]\n')},
  {name: 'prom-alias-glob-item', kind: 'prom', text: PROM('\n          - *.example.com:9090')},
  {name: 'rules-alias-unknown', kind: 'rules', text: RULES_AT('        for: *5m\n')},
  {name: 'rules-alias-later', kind: 'rules', text: RULES_AT('        labels:\n          a: *x\n          b: &x y\n')},
  {name: 'rules-alias-earlier', kind: 'rules', text: RULES_AT('        labels:\n          b: &x y\n          a: *x\n')},
  {name: 'am-alias-unknown', kind: 'am', text: AM_AT('  group_wait: *w\n')},
  {name: 'am-tab-after-dash', kind: 'am', text: AM_AT('  group_by:\n    - \talertname\n')},
  {name: 'am-tab-directly-after-dash', kind: 'am', text: AM_AT('  group_by:\n    -\talertname\n')},
  {name: 'am-tab-after-colon', kind: 'am', text: AM_AT('  group_by:\n    - alertname\n  group_wait: \t30s\n')},
  {name: 'prom-tab-after-dash', kind: 'prom', text: PROM('\n          - \tlocalhost:9090')},
  {name: 'prom-tab-in-block-scalar', kind: 'prom', text: `${PROM('\n          - localhost:9090')}    relabel_configs:\n      - source_labels: [a]\n        action: keep\n        regex: |\n          - \tx\n`},
  {name: 'rules-control-char', kind: 'rules', text: RULES_AT('        annotations:\n          a: "red \x1b[31m"\n')},
  {name: 'rules-no-break-space', kind: 'rules', text: RULES_AT('        annotations:\n          a: "red\xa0x"\n')},
  {name: 'am-control-char', kind: 'am', text: AM_AT('  group_by: [a]\n  # \x7f\n')},
  // A quoted value continued at its key's indentation: Go accepts it (quoted-repair.ts); unclosed, it does not.
  {name: 'am-quoted-continuation', kind: 'am', text: `${AM_AT('')}    slack_configs:\n      - api_url: http://x/\n        text: "line one\n        line two"\n        title: 'a\n        b'\n`},
  {name: 'am-quoted-continuation-then-bad-field', kind: 'am', text: `${AM_AT('')}    slack_configs:\n      - api_url: http://x/\n        text: "one\n        two"\n        bogus: 1\n`},
  {name: 'am-quoted-unclosed', kind: 'am', text: `${AM_AT('')}    slack_configs:\n      - api_url: http://x/\n        text: "one\n        two\n`},
  {name: 'rules-quoted-continuation', kind: 'rules', text: RULES_AT('        labels: {x: y}\n        annotations:\n          summary: "{{ $labels.job }}\n          is down"\n')},
  {name: 'prom-quoted-continuation', kind: 'prom', text: `${PROM('["a:9090"]')}    metrics_path: "/me\n    trics"\n`},
  // Hostile input (spock issues #9 and #17): Go's verdicts, and spock's answer comes at once.
  {name: 'rules-slash-escape', kind: 'rules', text: RULES_AT('        labels:\n          a: "x\\/y"\n')},
  {name: 'rules-backslash-then-slash', kind: 'rules', text: RULES_AT('        labels:\n          a: "x\\\\/y"\n')},
  {name: 'am-slash-escape', kind: 'am', text: `${AM_AT('')}templates: ["x\\/y.tmpl"]\n`},
  {name: 'prom-slash-escape', kind: 'prom', text: `${PROM('["a:9090"]')}    metrics_path: "\\/metrics"\n`},
  {name: 'rules-tab-line-before-block', kind: 'rules', text: 'groups:\n\t\n  - name: g\n    rules:\n      - record: a\n        expr: b\n'},
  {name: 'am-tab-line-before-block', kind: 'am', text: 'route:\n  receiver: r\nreceivers:\n\t\n  - name: r\n'},
  {name: 'prom-tab-comment-line', kind: 'prom', text: `${PROM('["a:9090"]')}\t# note\n`},
  {name: 'am-tab-line-in-flow', kind: 'am', text: 'route:\n  receiver: r\n  group_by: [a,\n\t\n    b]\nreceivers:\n  - name: r\n'},
  {name: 'rules-cr-only', kind: 'rules', text: RULES_AT('        labels:\n          a: b\n').replaceAll('\n', '\r')},
  {name: 'am-cr-only', kind: 'am', text: AM_AT('  group_by: [a]\n').replaceAll('\n', '\r')},
  {name: 'prom-cr-only', kind: 'prom', text: PROM('\n          - a:9090\n').replaceAll('\n', '\r')},
  {name: 'rules-merge-bomb', kind: 'rules', text: mergeBomb('rules')},
  {name: 'am-merge-bomb', kind: 'am', text: mergeBomb('alertmanager')},
  {name: 'prom-merge-bomb', kind: 'prom', text: mergeBomb('prometheus')},
  {name: 'rules-alias-bomb', kind: 'rules', text: aliasBomb('rules')},
  {name: 'am-alias-bomb', kind: 'am', text: aliasBomb('alertmanager')},
  {name: 'rules-deep-15k', kind: 'rules', text: deepNesting('rules', 15_000, 'seq')},
  {name: 'am-deep-100k', kind: 'am', text: deepNesting('alertmanager', 100_000, 'map')},
  {name: 'prom-deep-100k', kind: 'prom', text: deepNesting('prometheus', 100_000, 'seq')},
  {name: 'am-aliases-3k', kind: 'am', text: manyAliases('alertmanager', 3000)},
  {name: 'prom-aliases-3k', kind: 'prom', text: manyAliases('prometheus', 3000)},
  {name: 'rules-aliases-3k', kind: 'rules', text: manyAliases('rules', 3000)},
]

/** spock's verdict from its core functions: the rule linter, or the config checks (no template or file lookups). */
async function spockRejects(kind: 'rules' | 'prom' | 'am', text: string, file: string): Promise<{rejected: boolean; messages: string[]}> {
  const problems =
    kind === 'rules'
      ? (await lintText(text, file, {version: '2.42'})).problems
      : kind === 'prom'
        ? checkPrometheusConfig(text, file, {syntaxOnly: true}).problems
        : checkAlertmanagerConfig(text, file, {templates: false}).problems
  const messages = problems.filter((p) => p.severity === 'error').map((p) => p.message)
  return {rejected: messages.length > 0, messages}
}

describe('more Go YAML quirks: spock\'s core functions agree with promtool and amtool', () => {
  test.each(MORE)('$name', async ({name, kind, text}) => {
    const file = join(dir, `more-${name}.yml`)
    await writeFile(file, text)
    const official =
      kind === 'rules' ? await tool('promtool', ['check', 'rules', file]) : kind === 'prom' ? await tool('promtool', ['check', 'config', '--syntax-only', file]) : await tool('amtool', ['check-config', file])
    const ours = await spockRejects(kind, text, file)
    expect({name, rejected: ours.rejected, messages: ours.messages}).toMatchObject({name, rejected: official !== 0})
  })
})
