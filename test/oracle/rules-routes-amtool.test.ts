// rules routes against amtool: for every alerting rule of real rule files, the receivers spock computes for its
// label set (the rule's static labels, alertname, --label assumptions) are what `amtool config routes test`
// prints for the same labels and config.
import {execFile} from 'node:child_process'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {rulesRoutes} from '../../src/rules-routes/run.js'
import {mapConcurrent} from '../../src/concurrency.js'
import {CORPUS} from '../support/corpus.js'
import {ROOT} from '../support/run-cli.js'

function amtoolRoutes(config: string, labels: Record<string, string>): Promise<string> {
  const args = ['config', 'routes', 'test', `--config.file=${config}`, ...Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`)]
  return new Promise((resolve, reject) => {
    execFile('amtool', args, {timeout: 20_000}, (err, stdout) => (err && err.code !== 1 ? reject(err) : resolve(stdout.trim())))
  })
}

const PAIRS: {name: string; am: string; rules: string[]; assume: Record<string, string>}[] = [
  {name: 'fixture tree (teams, continue, nested, regex)', am: join(ROOT, 'test/fixtures/rules-routes/alertmanager.yml'), rules: [join(ROOT, 'test/fixtures/rules-routes/rules.yml')], assume: {}},
  {name: 'fixture tree with --label region=eu', am: join(ROOT, 'test/fixtures/rules-routes/alertmanager.yml'), rules: [join(ROOT, 'test/fixtures/rules-routes/rules.yml')], assume: {region: 'eu'}},
  {name: 'spock init output', am: join(ROOT, 'config-templates/alertmanager.yml'), rules: [join(ROOT, 'config-templates/rules/meta.yml')], assume: {}},
  {
    name: 'kube-prometheus: its Alertmanager secret and its rules',
    am: join(CORPUS, 'alertmanager/prometheus-operator__kube-prometheus/manifests__alertmanager-secret.yaml.alertmanager.yaml'),
    rules: [join(CORPUS, 'rules/prometheus-operator__kube-prometheus')],
    assume: {},
  },
  {
    name: "karma's demo tree (continue chains) with awesome-prometheus-alerts",
    am: join(CORPUS, 'alertmanager/prymitive__karma/demo__alertmanager.yaml'),
    rules: [join(CORPUS, 'rules/samber__awesome-prometheus-alerts/dist__rules__host-and-hardware__node-exporter.yml')],
    assume: {},
  },
  {
    name: "amtool's own routing test config, --label test=2",
    am: join(CORPUS, 'alertmanager/prometheus__alertmanager/cli__testdata__conf.routing.yml'),
    rules: [join(ROOT, 'config-templates/rules/meta.yml')],
    assume: {test: '2'},
  },
]

describe('rules routes vs amtool config routes test', () => {
  test.each(PAIRS)('$name', async ({am, rules, assume}) => {
    const report = await rulesRoutes({alertmanagerConfig: am, ruleFiles: rules, assume})
    expect(report.alerts.length).toBeGreaterThan(3)
    // One amtool run per distinct label set; at most 25 per pair (amtool takes ~0.3 s a run)
    const sets = new Map([...new Map(report.alerts.map((a) => [JSON.stringify(Object.entries(a.labels).sort()), a.labels]))].slice(0, 25))
    const amtool = new Map(await mapConcurrent([...sets], 4, async ([key, labels]) => [key, await amtoolRoutes(am, labels)] as const))
    const disagreements = report.alerts
      .filter((a) => amtool.has(JSON.stringify(Object.entries(a.labels).sort())))
      .filter((a) => a.receivers.join(',') !== amtool.get(JSON.stringify(Object.entries(a.labels).sort())))
      .map((a) => `${a.alert} ${JSON.stringify(a.labels)}: spock ${a.receivers.join(',')}, amtool ${amtool.get(JSON.stringify(Object.entries(a.labels).sort()))}`)
    expect(disagreements).toEqual([])
    // What may be reached includes what is surely reached
    for (const a of report.alerts) expect(a.mayReach).toEqual(expect.arrayContaining(a.receivers))
  }, 120_000)
})
