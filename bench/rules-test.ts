// Benchmark: `spock rules test` vs `promtool test rules` on the corpus's unit-test files and on one large
// generated file (100 rules, 1,000 series, 24h at 1m). Each tool runs as its own process under /usr/bin/time
// (wall seconds, peak RSS), alternating. Spock runs as the real CLI (start-up included; build first).
// Usage: npx tsx bench/rules-test.ts [corpus|large]...   (BENCH_LARGE_HOURS=4 for a shorter large file: promtool
// takes ~14 min of CPU at 24h)
import {execFile} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {largeCase} from '../test/support/generate-rules-tests.js'
import {CORPUS} from '../test/support/corpus.js'

interface Measure {
  wall: number
  cpu: number
  rssMiB: number
  code: number
}

const which = process.argv.slice(2)
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3)
const HOURS = Number(process.env.BENCH_LARGE_HOURS ?? 24)
const bin = resolve('bin/run.js')

function timed(cmd: string, args: string[], cwd?: string): Promise<Measure> {
  return new Promise((done, fail) => {
    execFile('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...args], {maxBuffer: 1 << 28, cwd}, (err, _out, stderr) => {
      const m = /([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(stderr)
      if (!m) return fail(new Error(`no timing from ${cmd}: ${stderr.slice(-500)}`))
      done({wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMiB: Number(m[4]) / 1024, code: (err as {code?: number} | null)?.code ?? 0})
    })
  })
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function paired(name: string, files: string[]): Promise<void> {
  const p: Measure[] = []
  const s: Measure[] = []
  for (let k = 0; k < REPEAT; k++) {
    p.push(await timed('promtool', ['test', 'rules', ...files]))
    s.push(await timed(bin, ['rules', 'test', '-o', 'json', ...files]))
  }
  const m = (r: Measure[]): Measure => ({wall: median(r.map((x) => x.wall)), cpu: median(r.map((x) => x.cpu)), rssMiB: median(r.map((x) => x.rssMiB)), code: r[0]!.code})
  const [a, b] = [m(p), m(s)]
  const verdict = (a.code === 0) === (b.code === 0) ? '' : `  (verdicts differ: promtool exit ${a.code}, spock exit ${b.code})`
  console.log(
    `${name.padEnd(10)} ${`${a.wall.toFixed(2)}/${a.cpu.toFixed(2)}, ${a.rssMiB.toFixed(0)}`.padEnd(24)}${`${b.wall.toFixed(2)}/${b.cpu.toFixed(2)}, ${b.rssMiB.toFixed(0)}`.padEnd(24)}` +
      `${(b.wall / a.wall).toFixed(2)}x`.padEnd(12) + `${(b.cpu / a.cpu).toFixed(2)}x`.padEnd(11) + `${(b.rssMiB / a.rssMiB).toFixed(2)}x${verdict}`,
  )
}

async function main(): Promise<void> {
  if (!existsSync(resolve('dist/commands/rules/test.js'))) throw new Error('dist/commands/rules/test.js not found: run "npm run build" first')
  console.log(`input      promtool wall/cpu s, MiB  spock wall/cpu s, MiB   wall ratio  cpu ratio  RSS ratio   (median of ${REPEAT}, alternating)`)
  if (which.length === 0 || which.includes('corpus')) {
    const files = readFileSync(join(CORPUS, 'promtool-test-verdicts.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => join(CORPUS, l.split('\t')[0]!))
    await paired('corpus', files)
  }
  if (which.length === 0 || which.includes('large')) {
    const dir = await mkdtemp(join(tmpdir(), 'spock-bench-'))
    try {
      const big = largeCase(100, 1000, HOURS)
      await writeFile(join(dir, 'rules.yml'), big.rules)
      await writeFile(join(dir, 'test.yml'), big.test('rules.yml'))
      await paired(`large ${HOURS}h`, [join(dir, 'test.yml')])
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
