// `spock metrics check` against `promtool check metrics` (2.42) on the same input: generated expositions
// (valid, lint-worthy and broken), and the real /metrics of a running Prometheus and Alertmanager.
import {spawn} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {lintFamilies, unitWords} from '../../src/prometheus/exposition/lint.js'
import {ExpositionError, parseExposition} from '../../src/prometheus/exposition/parse.js'
import {exposition} from '../support/exposition-sample.js'
import {runCli} from '../support/run-cli.js'
import {startAlertmanager, startPrometheus, type Server} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

function promtool(input: Uint8Array | string): Promise<{code: number; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], {stdio: ['pipe', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({code: code ?? -1, stderr}))
    child.stdin.end(input)
  })
}

/** spock's verdict in promtool's words: exit 0/3/1 and its stderr lines. */
function spockAsPromtool(input: Uint8Array): {code: number; stderr: string} {
  try {
    const problems = lintFamilies(parseExposition(input))
    return {code: problems.length > 0 ? 3 : 0, stderr: problems.map((p) => `${p.metric} ${p.text}\n`).join('')}
  } catch (e) {
    if (!(e instanceof ExpositionError)) throw e
    return {code: 1, stderr: `error while linting: ${e.message}\n`}
  }
}

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn))
}

describe('generated expositions', () => {
  test('150 inputs: the same exit class and the same lines as promtool', async () => {
    // promtool picks a unit at random when a name holds two (Go map order): such inputs are left out.
    const seeds = Array.from({length: 160}, (_, i) => i + 1).filter((s) => !exposition(s).split(/[\s{]/).some((w) => unitWords(w) > 1))
    const differ: string[] = []
    const codes = new Set<number>()
    await inBatches(seeds, 6, async (seed) => {
      const text = exposition(seed)
      const want = await promtool(text)
      const got = spockAsPromtool(Buffer.from(text))
      codes.add(want.code)
      if (got.code !== want.code || got.stderr !== want.stderr) differ.push(`seed ${seed}: ${JSON.stringify(text)}\n want ${JSON.stringify(want)}\n got  ${JSON.stringify(got)}`)
    })
    expect(differ).toEqual([])
    expect([...codes].sort()).toEqual([0, 1, 3]) // the sample reaches every verdict
  }, 180_000)

  test.each([
    ['invalid UTF-8 in a label value', Buffer.from('x{a="\xff"} 1\n', 'latin1')],
    ['a value out of float64 range', 'x 1e400\n'],
    ['an escaped quote in HELP', '# HELP x a\\"b\nx 1\n'],
    ['gauge_histogram and type words in names', '# TYPE x gauge_histogram\nx 1\nfoo_counter 1\n'],
    ['no newline at the end', '# HELP x y\nx 1'],
    ['TYPE after samples', 'x 1\n# TYPE x gauge\n'],
    ['a histogram with buckets, sum and count', '# HELP h x\n# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 3\nh_count 2\n'],
    ['a summary with a bad quantile', '# TYPE s summary\ns{quantile="x"} 1\n'],
  ])('%s', async (_, input) => {
    const bytes = typeof input === 'string' ? Buffer.from(input) : input
    expect(spockAsPromtool(bytes)).toEqual(await promtool(bytes))
  })
})

describe('real expositions and the CLI', () => {
  let prom: Server
  let am: Server
  let dir: string
  beforeAll(async () => {
    ;[prom, am] = await Promise.all([startPrometheus(), startAlertmanager()])
    dir = await makeTempDir('spock-metrics-')
  })
  afterAll(async () => {
    await Promise.all([prom?.stop(), am?.stop()])
    await removeTempDir(dir)
  })

  test("Prometheus's and Alertmanager's own /metrics: the findings promtool reports, by URL", async () => {
    for (const server of [prom, am]) {
      const body = Buffer.from(await (await fetch(`${server.url}/metrics`)).arrayBuffer())
      const want = await promtool(body)
      const r = await runCli(['metrics', 'check', `${server.url}/metrics`, '-o', 'json'])
      const problems = (JSON.parse(r.stdout) as {files: Array<{problems: Array<{message: string}>}>}).files[0]!.problems
      // Counters and gauges change between the two scrapes; the findings depend only on names and types.
      const lines = want.stderr.trim().split('\n').filter(Boolean).map((l) => l.replace(' ', ': '))
      expect(problems.map((p) => p.message).sort()).toEqual([...lines].sort())
      expect(r.code).toBe(want.code === 0 ? 0 : 1)
    }
  })

  test('a file, stdin, --extended series counts, the naming policy and exit codes', async () => {
    const file = join(dir, 'app.prom')
    await writeFile(file, '# HELP mystocks_api_latency_seconds x\n# TYPE mystocks_api_latency_seconds gauge\nmystocks_api_latency_seconds{market="kr"} 1\nmystocks_api_latency_seconds{market="us"} 2\n# HELP other_thing x\n# TYPE other_thing gauge\nother_thing 1\n')
    const clean = await runCli(['metrics', 'check', file, '--extended', '-o', 'json'])
    expect(clean.code).toBe(0)
    expect((JSON.parse(clean.stdout) as {metrics: unknown}).metrics).toEqual([
      {name: 'mystocks_api_latency_seconds', type: 'gauge', series: 2, percentage: 66.67},
      {name: 'other_thing', type: 'gauge', series: 1, percentage: 33.33},
    ])
    const table = await runCli(['metrics', 'check', file, '--extended'])
    expect(table.stdout).toMatch(/mystocks_api_latency_seconds\s+gauge\s+2\s+66.67%/)
    const policy = join(dir, 'policy.yml')
    await writeFile(policy, "checks:\n  metrics/name:\n    pattern: '^mystocks_[a-z]+_[a-z_]+_(seconds|bytes|total|ratio)$'\n")
    const named = await runCli(['metrics', 'check', file, '--lint-config', policy, '--fail-on', 'warning'])
    expect(named.code).toBe(1)
    expect(named.stdout).toContain(`${file}:5:1: warning: other_thing: the name does not match the naming policy`)
    const piped = await runCli(['metrics', 'check'], {input: 'x{a="1" 1\n'})
    expect(piped.code).toBe(1)
    expect(piped.stdout).toContain('-:1:1: error: unexpected end of label value "1" [metrics/syntax]')
    const missing = await runCli(['metrics', 'check', join(dir, 'nope.prom')])
    expect(missing.code).toBe(2)
    const down = await runCli(['metrics', 'check', 'http://127.0.0.1:1/metrics', '--timeout', '2s'])
    expect(down.code).toBe(3)
    expect(down.stderr).toContain('check the URL and that the app is up')
  })
})
