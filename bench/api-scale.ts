// Large API answers: `spock targets check` over 10,000 targets and `spock query` over a 10,000-series result,
// each against `curl -s URL | jq .` doing the same fetch and parse (the floor of any client that reads the
// whole answer). A real Prometheus scrapes 10,000 file_sd targets on closed loopback ports (they show as down);
// a real VictoriaMetrics holds 10,000 series imported through /api/v1/import, queried at their timestamp.
// Runs are paired (A B A B ...), each ratio is the median of the per-pair ratios, wall time and CPU (user +
// system of the whole pipeline). The server's own time is in both wall times, so on a busy machine the CPU
// ratio is the one that shows the client. Goal: spock under 2x.
//   npm run build && npx tsx bench/api-scale.ts [runs=9]
//   npx tsx bench/api-scale.ts --serve      # only start the server and print the two commands, for other timers
// Needs curl and jq (apt-get install -y jq).
import {spawn, spawnSync} from 'node:child_process'
import {join, resolve} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {freePort, startPrometheus} from '../test/support/servers.js'
import {makeTempDir, removeTempDir} from '../test/support/tmp.js'

const TARGETS = 10_000
const SERIES = 10_000
const serve = process.argv.includes('--serve')
const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 9)
const BIN = resolve('bin/run.js')

/** TARGETS targets on 127.1.x.y:9 (loopback, nothing listens: refused at once), in 100 groups of 100. */
function fileSd(): string {
  const groups = Array.from({length: TARGETS / 100}, (_, g) => ({
    labels: {env: g % 2 ? 'prod' : 'staging', team: `team-${g % 7}`, shard: String(g)},
    targets: Array.from({length: 100}, (_, k) => {
      const i = g * 100 + k
      return `127.1.${i >> 8}.${i & 255}:9`
    }),
  }))
  return JSON.stringify(groups)
}

const CONFIG = `global:
  scrape_interval: 30s
  scrape_timeout: 5s
scrape_configs:
  - job_name: node
    file_sd_configs:
      - files: [big.json]
`

interface Sample {
  ms: number
  cpuMs: number
}

function once(cmd: string): Sample {
  const t = process.hrtime.bigint()
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', 'sh', '-c', cmd], {stdio: ['ignore', 'ignore', 'pipe']})
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  if (r.error) throw r.error
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} exited ${r.status}: ${r.stderr.toString().slice(-400)}`)
  const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr.toString())
  return {ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN}
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

function paired(what: string, a: string, b: string): void {
  once(a)
  once(b)
  const as: Sample[] = []
  const bs: Sample[] = []
  for (let i = 0; i < runs; i++) {
    as.push(once(a))
    bs.push(once(b))
  }
  const ratio = median(as.map((s, i) => s.ms / bs[i]!.ms))
  const cpu = median(as.map((s, i) => s.cpuMs / bs[i]!.cpuMs))
  console.log(
    `| ${what} | ${median(as.map((s) => s.ms)).toFixed(0)} ms | ${median(bs.map((s) => s.ms)).toFixed(0)} ms | ${ratio.toFixed(2)}x (cpu ${cpu.toFixed(2)}x) | ${ratio < 2 ? 'yes' : 'no'} |`,
  )
}

/** Waits (up to 4 minutes) until every target was scraped once; says how many were. */
async function firstScrapes(url: string): Promise<number> {
  const deadline = Date.now() + 240_000
  for (;;) {
    const r = (await (await fetch(`${url}/api/v1/query?query=count(up)`)).json()) as {data: {result: Array<{value: [number, string]}>}}
    const n = Number(r.data.result[0]?.value[1] ?? 0)
    if (n >= TARGETS || Date.now() > deadline) return n
    await delay(2000)
  }
}

/** VictoriaMetrics with SERIES series of six labels, one point each at `at` (ms). */
async function startVictoria(at: number): Promise<{url: string; stop(): Promise<void>}> {
  const dir = await makeTempDir('spock-bench-vm-')
  const port = await freePort()
  const child = spawn('victoria-metrics', [`-httpListenAddr=127.0.0.1:${port}`, `-storageDataPath=${join(dir, 'data')}`], {stdio: 'ignore'})
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    }
    await removeTempDir(dir)
  }
  try {
    for (let i = 0; ; i++) {
      if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break
      if (i > 300) throw new Error('VictoriaMetrics did not start')
      await delay(100)
    }
    const lines = Array.from({length: SERIES}, (_, i) =>
      JSON.stringify({
        metric: {__name__: 'bench_series', job: `job-${i % 20}`, instance: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:9100`, env: i % 2 ? 'prod' : 'staging', region: `r${i % 5}`, pod: `pod-${i}`},
        values: [i],
        timestamps: [at],
      }),
    )
    const r = await fetch(`${url}/api/v1/import`, {method: 'POST', body: lines.join('\n')})
    if (!r.ok) throw new Error(`import: HTTP ${r.status} ${await r.text()}`)
    for (let i = 0; ; i++) {
      await fetch(`${url}/internal/force_flush`)
      const q = (await (await fetch(`${url}/api/v1/query?query=count(bench_series)&time=${at / 1000}`)).json()) as {data: {result: Array<{value: [number, string]}>}}
      if (Number(q.data.result[0]?.value[1] ?? 0) >= SERIES) break
      if (i > 300) throw new Error('the imported series did not show')
      await delay(200)
    }
  } catch (e) {
    await stop()
    throw e
  }
  return {url, stop}
}

async function main(): Promise<void> {
  for (const tool of ['curl', 'jq']) {
    if (spawnSync(tool, ['--version']).error) throw new Error(`${tool} is missing: apt-get install -y ${tool}`)
  }
  const at = Date.now() - 120_000
  const [prom, vm] = await Promise.all([startPrometheus({config: CONFIG, rules: {'big.json': fileSd()}}), startVictoria(at)])
  try {
    process.stderr.write(`Prometheus at ${prom.url}: waiting for the first scrape of ${TARGETS} targets\n`)
    const scraped = await firstScrapes(prom.url)
    process.stderr.write(`${scraped} of ${TARGETS} targets scraped (down); the rest not yet (unknown)\n`)
    const cmds = {
      targets: [`${BIN} targets check --prometheus-url ${prom.url} >/dev/null`, `curl -s '${prom.url}/api/v1/targets?state=any' | jq . >/dev/null`],
      query: [`${BIN} query bench_series --time ${at / 1000} --prometheus-url ${vm.url} >/dev/null`, `curl -s '${vm.url}/api/v1/query?query=bench_series&time=${at / 1000}' | jq . >/dev/null`],
    }
    if (serve) {
      console.log(JSON.stringify(cmds, null, 2))
      process.stderr.write('serving; Ctrl-C to stop\n')
      await new Promise<void>((done) => process.once('SIGINT', done))
      return
    }
    console.log(`| ${TARGETS.toLocaleString('en')} | spock | curl \\| jq . | ratio (median of pairs) | under 2x? |`)
    console.log('| --- | --- | --- | --- | --- |')
    paired('targets check', cmds.targets[0]!, cmds.targets[1]!)
    paired('query (series)', cmds.query[0]!, cmds.query[1]!)
  } finally {
    await Promise.all([prom.stop(), vm.stop()])
  }
}

await main()
