// Go YAML quirks (src/yaml/go-quirks.ts): what promtool and amtool reject although YAML 1.2 accepts it.
// Go's YAML parsers end a plain value at `?` inside [...] or {...} and fail; YAML 1.2 reads on.
// spock must reject what promtool (rules: yaml.v3, config: yaml.v2) and amtool (yaml.v2) reject.
import {execFile} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

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
