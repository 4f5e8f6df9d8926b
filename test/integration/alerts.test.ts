// spock alerts list against a real Alertmanager 0.25, with amtool alert query as the oracle.
import {execFile} from 'node:child_process'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli, type CliResult} from '../support/run-cli.js'
import {startAlertmanager, type AlertmanagerServer} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const CONFIG = `route:
  receiver: fallback
  group_by: [alertname, run]
  routes:
    - matchers: ['team="a"']
      receiver: team-a
    - matchers: ['team="b"']
      receiver: team-b
receivers:
  - name: fallback
  - name: team-a
  - name: team-b
inhibit_rules:
  - source_matchers: ['alertname="Outage"']
    target_matchers: ['alertname="Symptom"']
    equal: [run]
`

interface Alert {
  fingerprint: string
  labels: Record<string, string>
}

let am: AlertmanagerServer
let dir: string
let seq = 0
const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}`

const spock = (args: string[]): Promise<CliResult> => runCli(args, {env: {SPOCK_ALERTMANAGER_URL: am.url, HOME: dir}})

function amtool(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile('amtool', [`--alertmanager.url=${am.url}`, '--no-version-check', ...args], {env: {PATH: process.env.PATH, HOME: dir}}, (err, stdout, stderr) =>
      resolve({code: err ? ((err as {code?: number}).code ?? 1) : 0, stdout, stderr}),
    )
  })
}

async function postAlerts(run: string, labels: Record<string, string>[]): Promise<void> {
  const startsAt = new Date().toISOString()
  const res = await fetch(`${am.url}/api/v2/alerts`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(labels.map((l) => ({labels: {run, ...l}, annotations: {summary: `summary of ${l.alertname}`}, startsAt}))),
  })
  expect(res.status).toBe(200)
}

const names = (alerts: Alert[]) => alerts.map((a) => a.labels.alertname).sort()

async function both(args: string[], amArgs = args): Promise<{spock: Alert[]; amtool: Alert[]}> {
  const s = await spock(['alerts', 'list', '-o', 'json', ...args])
  const a = await amtool(['alert', 'query', '-o', 'json', ...amArgs])
  expect(s.code, s.stderr).toBe(0)
  expect(a.code, a.stderr).toBe(0)
  return {spock: JSON.parse(s.stdout) as Alert[], amtool: JSON.parse(a.stdout) as Alert[]}
}

beforeAll(async () => {
  ;[am, dir] = await Promise.all([startAlertmanager({config: CONFIG}), makeTempDir('spock-alerts-')])
})
afterAll(async () => {
  await am?.stop()
  await removeTempDir(dir)
})

describe('alerts list', () => {
  test('state flags select the same alerts as amtool alert query', async () => {
    // Given an active, a silenced and an inhibited alert in one run
    const run = unique('states')
    await postAlerts(run, [{alertname: 'Plain'}, {alertname: 'Muted'}, {alertname: 'Outage'}, {alertname: 'Symptom'}])
    const silenced = await spock(['silences', 'create', 'Muted', `run=${run}`, '-c', 'test', '-q'])
    expect(silenced.code, silenced.stderr).toBe(0)
    // Then each state selection agrees with amtool
    const cases: [string[], string[]][] = [
      [[], ['Outage', 'Plain']],
      [['--silenced'], ['Muted']],
      [['--inhibited'], ['Symptom']],
      [['--active', '--silenced', '--inhibited'], ['Muted', 'Outage', 'Plain', 'Symptom']],
    ]
    for (const [flags, expected] of cases) {
      const r = await both([...flags, `run=${run}`])
      expect(names(r.spock), flags.join(' ')).toEqual(expected)
      expect(r.spock.map((a) => a.fingerprint).sort()).toEqual(r.amtool.map((a) => a.fingerprint).sort())
    }
  })

  test('matchers and --receiver regex filter like amtool', async () => {
    const run = unique('receiver')
    await postAlerts(run, [
      {alertname: 'A1', team: 'a'},
      {alertname: 'B1', team: 'b'},
      {alertname: 'F1', team: 'c'},
    ])
    const byReceiver = await both(['--receiver', 'team-.*', `run=${run}`])
    expect(names(byReceiver.spock)).toEqual(['A1', 'B1'])
    expect(names(byReceiver.amtool)).toEqual(['A1', 'B1'])
    const byRegex = await both([`run=${run}`, 'team=~"a|c"'])
    expect(names(byRegex.spock)).toEqual(['A1', 'F1'])
    expect(names(byRegex.amtool)).toEqual(['A1', 'F1'])
  })

  test('table, quiet and the grouped view', async () => {
    const run = unique('groups')
    await postAlerts(run, [{alertname: 'G1', team: 'a'}, {alertname: 'G2', team: 'b'}])
    const table = await spock(['alerts', 'list', `run=${run}`])
    expect(table.stdout).toMatch(/^ALERTNAME\s+STATE\s+STARTED\s+LABELS\s+RECEIVERS\s+SUMMARY/)
    expect(table.stdout).toMatch(/G1\s+active\s+\S+.*team="a"\s+team-a\s+summary of G1/)
    const quiet = await spock(['alerts', 'list', '-q', `run=${run}`])
    expect(quiet.stdout.trim().split('\n')).toHaveLength(2)
    const grouped = await spock(['alerts', 'list', '--groups', '-o', 'json', `run=${run}`])
    expect(grouped.code, grouped.stderr).toBe(0)
    const groups = JSON.parse(grouped.stdout) as {labels: Record<string, string>; receiver: {name: string}; alerts: Alert[]}[]
    expect(groups.map((g) => [g.labels, g.receiver.name, names(g.alerts)]).sort()).toEqual([
      [{alertname: 'G1', run}, 'team-a', ['G1']],
      [{alertname: 'G2', run}, 'team-b', ['G2']],
    ])
    const groupTable = await spock(['alerts', 'list', '--groups', `run=${run}`])
    expect(groupTable.stdout).toMatch(/^GROUP\s+RECEIVER\s+ALERTNAME/)
  })

  test('a bad matcher exits 2 naming it', async () => {
    const r = await spock(['alerts', 'list', 'run=~"(x"'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spock: error: invalid matcher "run=~\\"\(x\\""/)
  })
})
