// spock init over a matrix of flag sets: the output passes promtool, amtool and spock's own checks with no error or
// warning, and routes each severity (per region, per category) to the preset's receivers, as amtool agrees.
// Fast: init runs in-process, and each checker runs once over every case's files.
import {execFile} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {initProject} from '../../src/scaffold/init.js'
import {parseReceivers, parseScrape, RECEIVER_KINDS, RULE_PACKS, type InitChoices, type ReceiverKind, type RulePack} from '../../src/scaffold/options.js'
import {runCli} from '../support/run-cli.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const run = promisify(execFile)
const templatesDir = fileURLToPath(new URL('../../config-templates', import.meta.url))
const SIX = ['kr', 'us', 'cn', 'hk', 'jp', 'vn']
const MIX = ['email', 'slack', 'webhook', 'pagerduty', 'log']

interface Case {
  name: string
  receivers?: string[]
  routing?: InitChoices['routing']
  regions?: string[]
  rules?: RulePack[]
  version?: InitChoices['alertmanagerVersion']
}

const CASES: Case[] = [
  ...RECEIVER_KINDS.map((k) => ({name: `receiver-${k}`, receivers: [k]})),
  {name: 'all-receivers', receivers: [...RECEIVER_KINDS]},
  {name: 'all-receivers-latest', receivers: [...RECEIVER_KINDS], version: 'latest'},
  {name: 'routing-severity', receivers: MIX, routing: 'severity'},
  {name: 'routing-category', receivers: [...MIX, 'slack=ops', 'discord'], routing: 'category', rules: ['meta', 'api', 'system']},
  {name: 'routing-simple', receivers: MIX, routing: 'simple'},
  {name: 'routing-simple-no-log', receivers: ['slack', 'webhook'], routing: 'simple'},
  {name: 'one-region', receivers: MIX, regions: ['kr']},
  {name: 'six-regions', receivers: MIX, regions: SIX, rules: ['meta', 'data-quality', 'api']},
  ...RULE_PACKS.map((p) => ({name: `pack-${p}`, rules: [p]})),
  {name: 'all-packs', receivers: MIX, rules: [...RULE_PACKS], regions: SIX, routing: 'category'},
]

const CHAT: readonly ReceiverKind[] = ['slack', 'discord', 'telegram', 'msteams']

/** The preset's receivers, from the issue's words (not from init's code). */
function expected(c: Case, severity: string, category?: string): string[] {
  const rs = parseReceivers(c.receivers ?? [])
  const names = (pred: (k: ReceiverKind) => boolean) => rs.filter((r) => pred(r.kind)).map((r) => r.name)
  const notLog = names((k) => k !== 'log')
  const logName = names((k) => k === 'log')[0] ?? 'log'
  const routing = c.routing ?? 'severity'
  if (routing === 'simple') {
    if (severity === 'info' && rs.some((r) => r.kind === 'log')) return [logName]
    return notLog
  }
  let out = severity === 'critical' ? notLog : severity === 'warning' ? names((k) => CHAT.includes(k) || k === 'webhook') : [logName]
  if (out.length === 0) out = [logName]
  if (routing === 'category' && category && severity !== 'info') out = out.map((n) => (rs.find((r) => r.name === n)?.kind === 'slack' ? `${n}-${category}` : n))
  return out
}

function labelSets(c: Case): {labels: Record<string, string>; receivers: string[]}[] {
  const out: {labels: Record<string, string>; receivers: string[]}[] = []
  const regions = c.regions ?? [undefined]
  const categories = c.routing === 'category' ? [undefined, ...(c.rules ?? ['meta']).filter((p) => p !== 'meta')] : [undefined]
  for (const severity of ['critical', 'warning', 'info']) {
    // Every region without a category, every category in the first region: each dimension fully, amtool calls few.
    const combos = [...regions.map((region) => [region, undefined] as const), ...categories.slice(1).map((category) => [regions[0], category] as const)]
    for (const [region, category] of combos) {
      const labels: Record<string, string> = {alertname: 'SomeAlert', severity, ...(region ? {region} : {}), ...(category ? {category} : {})}
      out.push({labels, receivers: expected(c, severity, category)})
    }
  }
  if ((c.rules ?? ['meta']).includes('meta')) out.push({labels: {alertname: 'Watchdog', severity: 'none'}, receivers: ['watchdog']})
  return out
}

async function tool(cmd: string, args: string[]): Promise<{code: number; out: string}> {
  try {
    const r = await run(cmd, args, {env: {...process.env, HOME: '/nonexistent'}, maxBuffer: 16 * 1024 * 1024})
    return {code: 0, out: cmd === 'amtool' && args[0] === 'config' ? r.stdout : r.stdout + r.stderr}
  } catch (err) {
    const e = err as {code: number; stdout: string; stderr: string}
    return {code: e.code, out: e.stdout + e.stderr}
  }
}

async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(Array.from({length: n}, async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!)
    }
  }))
  return out
}

let root: string
const dirOf = (c: Case) => join(root, c.name)
const on025 = CASES.filter((c) => c.version !== 'latest')

beforeAll(async () => {
  root = await makeTempDir('spock-init-matrix-')
  for (const c of CASES) {
    const choices: InitChoices = {
      receivers: parseReceivers(c.receivers ?? []), routing: c.routing ?? 'severity', scrapes: [parseScrape('app=127.0.0.1:8000')],
      interval: '15s', labels: {env: 'test'}, regions: c.regions ?? [], rules: c.rules ?? ['meta'], metricPrefix: 'trading_', slo: 99.5,
      alertmanagerVersion: c.version ?? '0.25', prometheusVersion: '2.42',
    }
    await initProject({templatesDir, targetDir: dirOf(c), choices, force: false, dryRun: false})
  }
}, 60_000)
afterAll(async () => removeTempDir(root))

describe('init matrix: every checker passes with no error or warning', () => {
  test('promtool check config and check rules', async () => {
    const [config, rules] = await Promise.all([
      tool('promtool', ['check', 'config', ...CASES.map((c) => join(dirOf(c), 'prometheus.yml'))]),
      tool('promtool', ['check', 'rules', ...CASES.map((c) => join(dirOf(c), 'alerts.yml'))]),
    ])
    expect(config.code, config.out).toBe(0)
    expect(rules.code, rules.out).toBe(0)
    expect(config.out + rules.out).not.toMatch(/warning/i)
  })
  test('amtool check-config (Alertmanager 0.25 cases)', async () => {
    const r = await tool('amtool', ['check-config', ...on025.map((c) => join(dirOf(c), 'alertmanager.yml'))])
    expect(r.code, r.out).toBe(0)
  })
  test('spock config check and spock rules check', async () => {
    const files = (cs: Case[]) => cs.flatMap((c) => [join(dirOf(c), 'alertmanager.yml'), join(dirOf(c), 'prometheus.yml')])
    const [old, latest, rules] = await Promise.all([
      runCli(['config', 'check', ...files(on025), '--fail-on', 'warning']),
      runCli(['config', 'check', '--alertmanager-version', 'latest', ...files(CASES.filter((c) => c.version === 'latest')), '--fail-on', 'warning']),
      runCli(['rules', 'check', ...CASES.map((c) => join(dirOf(c), 'alerts.yml')), '--prometheus-version', '2.42', '--fail-on', 'warning']),
    ])
    for (const r of [old, latest, rules]) {
      expect(r.code, r.stdout + r.stderr).toBe(0)
      expect(r.stdout).toMatch(/: 0 errors, 0 warnings/)
    }
  }, 60_000)
})

describe('init matrix: spock routes test and amtool give the preset\'s receivers', () => {
  test.each(on025.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const sets = labelSets(c)
    const am = join(dirOf(c), 'alertmanager.yml')
    const casesFile = join(dirOf(c), 'cases.yml')
    await writeFile(casesFile, `cases:\n${sets.map((s) => `  - labels: ${JSON.stringify(s.labels)}\n    receivers: ${JSON.stringify(s.receivers)}\n`).join('')}`)
    const args = (l: Record<string, string>) => Object.entries(l).map(([k, v]) => `${k}=${v}`)
    const [ours, theirs] = await Promise.all([
      runCli(['routes', 'test', '--config', am, '--file', casesFile, '-o', 'json']),
      pool(sets, 4, (s) => tool('amtool', ['config', 'routes', 'test', '--config.file', am, ...args(s.labels)])),
    ])
    expect(ours.code, ours.stdout).toBe(0)
    expect(JSON.parse(ours.stdout).failed).toBe(0)
    expect(theirs.map((r) => r.out.trim())).toEqual(sets.map((s) => s.receivers.join(',')))
  }, 60_000)
})

// The seed shapes of README's "spock init" section, run exactly as written; their routing is held here, literally.
const SEEDS: Record<string, {labels: Record<string, string>; receivers: string[]}[]> = {
  trading: [
    {labels: {severity: 'critical', region: 'kr'}, receivers: ['email', 'slack', 'webhook']},
    {labels: {severity: 'critical', region: 'vn'}, receivers: ['email', 'slack', 'webhook']},
    {labels: {severity: 'warning', region: 'us'}, receivers: ['slack', 'webhook']},
    {labels: {severity: 'info', region: 'jp'}, receivers: ['log']},
    {labels: {alertname: 'Watchdog', severity: 'none'}, receivers: ['watchdog']},
  ],
  platform: [
    {labels: {severity: 'critical', category: 'api'}, receivers: ['slack-api', 'pagerduty', 'email', 'webhook']},
    {labels: {severity: 'critical', category: 'slo'}, receivers: ['slack-slo', 'pagerduty', 'email', 'webhook']},
    {labels: {severity: 'critical'}, receivers: ['slack', 'pagerduty', 'email', 'webhook']},
    {labels: {severity: 'warning', category: 'system'}, receivers: ['slack-system', 'webhook']},
    {labels: {severity: 'info', category: 'health'}, receivers: ['log']},
  ],
  bot: [
    {labels: {severity: 'critical'}, receivers: ['discord', 'telegram']},
    {labels: {severity: 'warning'}, receivers: ['discord', 'telegram']},
    {labels: {severity: 'info'}, receivers: ['log']},
  ],
}

describe('README seed shapes: one command each, routing as promised', () => {
  test.each(Object.keys(SEEDS))('%s', async (name) => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
    const line = readme.split('\n').find((l) => l.startsWith(`spock init ${name} `))
    expect(line, `README has a "spock init ${name} ..." example`).toBeDefined()
    const argv = line!.split(/\s+/).slice(1)
    const r = await runCli([...argv, '--yes', '-o', 'json'], {cwd: root})
    expect(r.code, r.stderr).toBe(0)
    const am = join(root, name, 'alertmanager.yml')
    const sets = SEEDS[name]!.map((s) => ({...s, labels: {alertname: 'SomeAlert', ...s.labels}}))
    const casesFile = join(root, `${name}-cases.yml`)
    await writeFile(casesFile, `cases:\n${sets.map((s) => `  - labels: ${JSON.stringify(s.labels)}\n    receivers: ${JSON.stringify(s.receivers)}\n`).join('')}`)
    const [ours, theirs, checked] = await Promise.all([
      runCli(['routes', 'test', '--config', am, '--file', casesFile, '-o', 'json']),
      pool(sets, 4, (s) => tool('amtool', ['config', 'routes', 'test', '--config.file', am, ...Object.entries(s.labels).map(([k, v]) => `${k}=${v}`)])),
      runCli(['config', 'check', am, join(root, name, 'prometheus.yml'), '--fail-on', 'warning']),
    ])
    expect(JSON.parse(ours.stdout).failed, ours.stdout).toBe(0)
    expect(theirs.map((t) => t.out.trim())).toEqual(sets.map((s) => s.receivers.join(',')))
    expect(checked.code, checked.stdout).toBe(0)
  }, 60_000)
})
