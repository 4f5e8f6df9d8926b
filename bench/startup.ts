// Start-up and the ratios of issue #16, in one run: spock against `node -e 0` (the floor of any Node CLI),
// promtool and amtool. Runs are paired (A B A B ...) and each ratio is the median of the per-pair ratios, so
// a machine whose speed drifts during the run still gives a fair figure. Wall times; peak RSS from
// /usr/bin/time. Run: npm run build && npx tsx bench/startup.ts [runs=15]
// BENCH_NODES=/path/to/node22,/path/to/node24 adds the start-up rows for those Node binaries (spock's
// shebang finds node on PATH). BENCH_SILENCES=0 skips the 1,000-silence rows (bench/silences.ts, ~1 min).
import {spawnSync} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {delimiter, dirname, join, resolve} from 'node:path'
import {generateRuleFile} from '../test/support/generate-rules.js'
import {startAlertmanager} from '../test/support/servers.js'
import {benchSilences} from './silences.js'

const runs = Number(process.argv[2] ?? 15)
const BIN = resolve('bin/run.js')
const ONE_RULE = 'test/fixtures/one-rule.yml'

interface Sample {
  ms: number
  cpuMs: number // user + system, 10 ms resolution: steadier than wall time on a busy machine
  rssMiB: number
}

/** One run under /usr/bin/time: wall time measured here, peak RSS as the kernel counted it. */
function once(cmd: string[], env: NodeJS.ProcessEnv): Sample {
  const t = process.hrtime.bigint()
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', ...cmd], {env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26})
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  if (r.error) throw r.error
  const m = /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr.toString())
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(-400)}`)
  return {ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN, rssMiB: m ? Number(m[3]) / 1024 : Number.NaN}
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

interface Pair {
  a: number // median ms
  b: number
  ratio: number // median of a/b per pair
  cpuRatio: number
  rssRatio: number
}

/** A and B in turn; `extraB` (a server round trip, ms) is added to each B before the ratio. */
function paired(a: string[], b: string[], env: NodeJS.ProcessEnv, n = runs, extraB = 0): Pair {
  once(a, env) // warm-up: page cache, V8's compile cache where there is one
  once(b, env)
  const as: Sample[] = []
  const bs: Sample[] = []
  for (let i = 0; i < n; i++) {
    as.push(once(a, env))
    bs.push(once(b, env))
  }
  return {
    a: median(as.map((s) => s.ms)),
    b: median(bs.map((s) => s.ms)) + extraB,
    ratio: median(as.map((s, i) => s.ms / (bs[i]!.ms + extraB))),
    cpuRatio: median(as.map((s, i) => s.cpuMs / bs[i]!.cpuMs)),
    rssRatio: median(as.map((s, i) => s.rssMiB / bs[i]!.rssMiB)),
  }
}

const rows: string[] = []
function row(what: string, p: Pair, vs: string, goal: number | undefined, ratio = p.ratio): void {
  const verdict = goal === undefined ? '' : ratio <= goal ? `goal <= ${goal}: met` : `goal <= ${goal}: NOT met`
  const cpu = Number.isNaN(p.cpuRatio) || ratio !== p.ratio ? '' : ` (cpu ${p.cpuRatio.toFixed(2)}x)`
  rows.push(`${what.padEnd(44)} ${p.a.toFixed(0).padStart(6)} ms  ${vs.padEnd(24)} ${p.b.toFixed(0).padStart(6)} ms  ${ratio.toFixed(2).padStart(5)}x${cpu}  ${verdict}`)
}

/** The median time of one HTTP exchange from this (warm) process: the server's share of a one-request command. */
async function roundTrip(url: string, init?: RequestInit): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < 21; i++) {
    const t = performance.now()
    await (await fetch(url, init)).arrayBuffer()
    times.push(performance.now() - t)
  }
  return median(times)
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'spock-startup-'))
  const nodes = [process.execPath, ...(process.env.BENCH_NODES ?? '').split(',').filter(Boolean)]
  const am = await startAlertmanager()
  try {
    const thousand = join(dir, 'rules-1000.yml')
    await writeFile(thousand, generateRuleFile({seed: 42, rules: 1000}).text)
    const silence = {matchers: [{name: 'bench', value: 'one', isRegex: false, isEqual: true}], startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3600_000).toISOString(), createdBy: 'bench', comment: 'one'}
    const post = {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(silence)}
    await fetch(`${am.url}/api/v2/silences`, post) // one silence to list
    const listRtt = await roundTrip(`${am.url}/api/v2/silences`)
    const createRtt = await roundTrip(`${am.url}/api/v2/silences`, post)

    for (const node of nodes) {
      const version = spawnSync(node, ['--version']).stdout.toString().trim()
      // The shebang runs the first node on PATH; a cache directory of this run's own keeps runs comparable.
      const env = {...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH}`, XDG_CACHE_HOME: join(dir, `cache-${version}`), NO_COLOR: '1'}
      const floor = [node, '-e', '0']
      rows.push(`-- Node ${version} (${runs} paired runs; medians)`)
      row('spock --version', paired([BIN, '--version'], floor, env), 'node -e 0', 1.25)
      row('spock --help', paired([BIN, '--help'], floor, env), 'node -e 0', 1.25)
      row('spock rules check (1 rule)', paired([BIN, 'rules', 'check', '--prometheus-version', '2.42', ONE_RULE], floor, env), 'node -e 0', 1.5)
      const list = paired([BIN, 'silences', 'list', '--alertmanager-url', am.url, '-o', 'json'], floor, env, runs, listRtt)
      row('spock silences list (1 silence)', list, `node -e 0 + ${listRtt.toFixed(1)} ms`, 1.5)
      const create = paired([BIN, 'silences', 'create', 'bench=one', '-c', 'one', '-q', '--alertmanager-url', am.url], floor, env, runs, createRtt)
      row('spock silences create (1)', create, `node -e 0 + ${createRtt.toFixed(1)} ms`, 1.5)
      if (node !== process.execPath) continue // the rest compares with Go tools: once is enough
      row('  for reference: spock --version', paired([BIN, '--version'], ['amtool', '--version'], env), 'amtool --version', undefined)
      row('  for reference: rules check (1 rule)', paired([BIN, 'rules', 'check', '--prometheus-version', '2.42', ONE_RULE], ['promtool', 'check', 'rules', ONE_RULE], env), 'promtool check rules', undefined)
      const big = paired([BIN, 'rules', 'check', '--prometheus-version', '2.42', thousand], ['promtool', 'check', 'rules', thousand], env, Math.min(runs, 7))
      row('spock rules check (1,000 rules) wall', big, 'promtool check rules', 1.0)
      row('spock rules check (1,000 rules) peak RSS', big, 'promtool (peak RSS)', 1.5, big.rssRatio)
    }
  } finally {
    await am.stop()
    await rm(dir, {recursive: true, force: true})
  }
  if (process.env.BENCH_SILENCES !== '0') {
    rows.push(`-- 1,000 silences against amtool (bench/silences.ts, medians of 3 rounds; ratio = spock / amtool)`)
    for (const r of await benchSilences(1000, 3)) {
      if (!/^(import|expire) /.test(r.task)) continue
      row(`spock silences ${r.task}`, {a: r.spock, b: r.amtool, ratio: r.spock / r.amtool, cpuRatio: Number.NaN, rssRatio: Number.NaN}, 'amtool', 1.0)
    }
  }
  console.log(rows.join('\n'))
}

await main()
