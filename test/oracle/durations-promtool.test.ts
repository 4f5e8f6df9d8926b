// Differential tests for Prometheus durations:
// - each string is the `for:` of an alert in its own rules file; `promtool check rules` (Prometheus 2.42)
//   must accept exactly the strings spock's parseDuration accepts, with the same error;
// - Alertmanager 0.25 echoes route durations through model.Duration.String() in /api/v2/status
//   (config.original); formatDuration must print the same.
import {execFile} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
import {durationError, formatDuration, parseDuration} from '../../src/model/duration.js'
import {startAlertmanager} from '../support/servers.js'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'spock-duration-oracle-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const CASES = [
  '0', '0s', '0ms', '00', '1ms', '90s', '5m', '1h30m', '2d', '1w', '1y', '1y2w3d4h5m6s7ms', '01h', '1000ms', '120m',
  '292y', '292y49w', '292y50w', '293y', '9223372036854ms', '9223372036855ms', '99999999999999999999999s',
  '106751d23h47m16s854ms', '106751d23h47m16s855ms', '15250w', '15251w',
  '', '1', '1x', '1.5h', '-1h', '+1h', '30m1h', '1h1h', '1ms1s', '1s1m', ' 1h', '1h ', '1 h', '1H', 'h', 'ms',
  '1us', '1ns', '1µs', '1d1w', '1w1y', '１h', '1h30', 'P1D', '1e3s', '0x10s', '1_000s', '1,5h', 'inf', 'now',
]

/** promtool's verdict per case: undefined = valid, else its error text. One promtool call for all files. */
async function promtoolVerdicts(cases: readonly string[]): Promise<Array<string | undefined>> {
  const files = cases.map((c, i) => {
    const file = join(dir, `case-${i}.yml`)
    writeFileSync(file, `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    for: ${JSON.stringify(c)}\n`)
    return file
  })
  let stdout = ''
  let stderr = ''
  try {
    ;({stdout, stderr} = await run('promtool', ['check', 'rules', ...files], {maxBuffer: 16 * 1024 * 1024}))
  } catch (error) {
    const e = error as {stdout?: string; stderr?: string; code?: number}
    if (e.code !== 1) throw error
    stdout = e.stdout ?? ''
    stderr = e.stderr ?? ''
  }
  // stdout: "Checking <f>" then "  SUCCESS: ..." for good files; stderr: "<f>: <error>" for bad ones.
  const ok = new Set<string>()
  for (const m of stdout.matchAll(/^Checking (.*)\n {2}SUCCESS/gm)) ok.add(m[1]!)
  const errors = new Map<string, string>()
  for (const line of stderr.split('\n')) {
    const f = files.find((file) => line.startsWith(`${file}: `))
    if (f) errors.set(f, line.slice(f.length + 2))
  }
  return files.map((f) => {
    if (ok.has(f)) return undefined
    const err = errors.get(f)
    if (err === undefined) throw new Error(`no verdict for ${f}:\n${stdout}\n${stderr}`)
    return err
  })
}

describe('promtool agrees with spock on Prometheus durations', () => {
  it('accepts and rejects the same strings, with the same error text', async () => {
    const theirs = await promtoolVerdicts(CASES)
    const mismatches = CASES.map((c, i) => ({input: c, promtool: theirs[i], spock: durationError(c)})).filter(
      (r) => r.promtool !== r.spock,
    )
    expect(mismatches).toEqual([])
    expect(theirs.filter((v) => v === undefined).length).toBeGreaterThan(15)
    expect(theirs.filter((v) => v !== undefined).length).toBeGreaterThan(20)
  })

  it('formats durations as Alertmanager prints them back', async () => {
    const valid = CASES.filter((c) => durationError(c) === undefined)
    const extra = ['59s', '60s', '3600s', '86400s', '7d', '8d', '14d', '364d', '365d', '366d', '730d', '1001ms', '61m', '25h', '1d1ms']
    const inputs = [...valid, ...extra]
    const routes = inputs.map((d, i) => `    - receiver: r\n      matchers: ['i="${i}"']\n      group_wait: ${JSON.stringify(d)}\n`)
    const config = `route:\n  receiver: r\n  routes:\n${routes.join('')}receivers:\n  - name: r\n`
    const am = await startAlertmanager({config})
    try {
      const res = await fetch(`${am.url}/api/v2/status`)
      const status = (await res.json()) as {config: {original: string}}
      const echoed = (parseYaml(status.config.original) as {route: {routes: Array<{group_wait: string}>}}).route.routes
      expect(echoed).toHaveLength(inputs.length)
      const mismatches = inputs
        .map((d, i) => ({input: d, alertmanager: echoed[i]!.group_wait, spock: formatDuration(parseDuration(d))}))
        .filter((r) => r.alertmanager !== r.spock)
      expect(mismatches).toEqual([])
    } finally {
      await am.stop()
    }
  })
})
