// Hostile sizes: spock (the built CLI, bin/run.js) against amtool check-config / promtool check config on the
// same files, in the same run. Prints wall time and peak RSS of each, and the ratios.
// Run: npm run build && npx tsx bench/hostile-scale.ts
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {deepRoutes, manyReceivers, manyRoutes, manyTargets} from '../test/support/hostile-inputs.js'

const LIMIT_MIB = 512
const dir = mkdtempSync(join(tmpdir(), 'spock-bench-'))
const cases: {name: string; text: string; tool: 'amtool' | 'promtool'}[] = [
  {name: '100k routes', text: manyRoutes(Number(process.env.ROUTES ?? 100_000)), tool: 'amtool'},
  {name: '100k receivers', text: manyReceivers(Number(process.env.RECEIVERS ?? 100_000)), tool: 'amtool'},
  {name: '5k-deep routes', text: deepRoutes(Number(process.env.DEPTH ?? 5_000)), tool: 'amtool'},
  {name: '100k targets', text: manyTargets(100, Number(process.env.TARGETS ?? 1_000)), tool: 'promtool'},
]

/** Wall time (s) and peak RSS (MiB) of a command, from GNU time. */
function measure(cmd: string[]): {seconds: number; mib: number; code: number | null} {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...cmd], {encoding: 'utf8', maxBuffer: 1 << 30})
  const last = r.stderr.trim().split('\n').at(-1) ?? ''
  const [seconds, kb] = last.split(' ').map(Number)
  return {seconds: seconds ?? NaN, mib: (kb ?? NaN) / 1024, code: r.status}
}

let over = false
try {
  for (const c of cases) {
    const path = join(dir, `${c.name.replace(/\W+/g, '-')}.yml`)
    writeFileSync(path, c.text)
    const kind = c.tool === 'amtool' ? 'alertmanager' : 'prometheus'
    const ours = measure(['./bin/run.js', 'config', 'check', '--kind', kind, '-o', 'json', path])
    const theirs = measure(c.tool === 'amtool' ? ['amtool', 'check-config', path] : ['promtool', 'check', 'config', '--syntax-only', path])
    over ||= ours.mib > LIMIT_MIB
    console.log(`${c.name.padEnd(16)} ${(c.text.length / 1e6).toFixed(1)} MB  spock ${ours.seconds.toFixed(2)} s ${ours.mib.toFixed(0)} MiB (exit ${ours.code})   ` +
      `${c.tool} ${theirs.seconds.toFixed(2)} s ${theirs.mib.toFixed(0)} MiB (exit ${theirs.code})   ratio time ${(ours.seconds / theirs.seconds).toFixed(1)}x, RSS ${(ours.mib / theirs.mib).toFixed(1)}x`)
  }
} finally {
  rmSync(dir, {recursive: true, force: true})
}
if (over) console.log(`peak RSS over ${LIMIT_MIB} MiB`)
process.exitCode = over ? 1 : 0
