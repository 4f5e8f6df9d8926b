// Benchmark: `spock rules check` core vs `promtool check rules` on generated files of 1k, 10k, 50k rules.
// Each tool runs as its own process under /usr/bin/time (wall seconds, peak RSS), in the same run.
// Spock runs as the real CLI, `bin/run.js rules check` through its shebang (start-up included; build first).
// Usage: npx tsx bench/rules.ts [sizes...]     e.g. npx tsx bench/rules.ts 1000 10000
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {generateRuleFile} from '../test/support/generate-rules.js'

interface Measure {
  wall: number // seconds
  cpu: number // user + system seconds (less sensitive to other load on the machine than wall)
  rssMiB: number
  code: number
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0)
const SIZES = sizes.length > 0 ? sizes : [1_000, 10_000, 50_000]
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3)
const bin = resolve('bin/run.js')
const built = resolve('dist/commands/rules/check.js')

function timed(cmd: string, args: string[]): Promise<Measure> {
  return new Promise((done, fail) => {
    execFile('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...args], {maxBuffer: 1 << 28}, (err, _out, stderr) => {
      const m = /([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(stderr)
      if (!m) return fail(new Error(`no timing from ${cmd}: ${stderr.slice(-500)}`))
      const cpu = Number(m[2]) + Number(m[3])
      done({wall: Number(m[1]), cpu, rssMiB: Number(m[4]) / 1024, code: (err as {code?: number} | null)?.code ?? 0})
    })
  })
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function summary(runs: Measure[]): Measure {
  return {wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), rssMiB: median(runs.map((r) => r.rssMiB)), code: runs[0]!.code}
}

/** Alternate the two tools so that changing load on the machine hits both alike. */
async function paired(a: [string, string[]], b: [string, string[]]): Promise<[Measure, Measure]> {
  const ra: Measure[] = []
  const rb: Measure[] = []
  for (let k = 0; k < REPEAT; k++) {
    ra.push(await timed(...a))
    rb.push(await timed(...b))
  }
  return [summary(ra), summary(rb)]
}

async function main(): Promise<void> {
  if (!existsSync(built)) throw new Error(`${built} not found: run "npm run build" first`)
  const dir = await mkdtemp(join(tmpdir(), 'spock-bench-'))
  try {
    console.log(`rules    promtool wall/cpu s, MiB   spock wall/cpu s, MiB   wall ratio  cpu ratio  RSS ratio   (median of ${REPEAT}, alternating)`)
    for (const n of SIZES) {
      const file = join(dir, `rules-${n}.yml`)
      await writeFile(file, generateRuleFile({seed: 42, rules: n}).text)
      const [p, s] = await paired(['promtool', ['check', 'rules', file]], [bin, ['rules', 'check', '--prometheus-version', '2.42', '--output', 'json', file]])
      if (p.code !== s.code) console.log(`  verdicts differ: promtool exit ${p.code}, spock exit ${s.code}`)
      const row = [
        String(n).padEnd(8),
        `${p.wall.toFixed(2)}/${p.cpu.toFixed(2)}, ${p.rssMiB.toFixed(0)}`.padEnd(26),
        `${s.wall.toFixed(2)}/${s.cpu.toFixed(2)}, ${s.rssMiB.toFixed(0)}`.padEnd(24),
        `${(s.wall / p.wall).toFixed(2)}x`.padEnd(12),
        `${(s.cpu / p.cpu).toFixed(2)}x`.padEnd(11),
        `${(s.rssMiB / p.rssMiB).toFixed(2)}x`,
      ]
      console.log(row.join(''))
    }
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

await main()
