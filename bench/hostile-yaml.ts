// Hostile YAML at full size: spock (built CLI) vs promtool/amtool in the same run. For each shape: exit code,
// wall time, peak RSS (GNU time's "maximum resident set size") and spock/Go ratios. A run is stopped after
// the time limit (default 300 s) and shown as such.
// Run: npm run build && npx tsx bench/hostile-yaml.ts [limit-seconds] [name filter, a regular expression]
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {aliasBomb, bigFlowRules, deepNesting, manyAliases, mergeBomb, type Kind} from '../test/support/hostile-yaml.js'

const limit = Number(process.argv[2] ?? 300)
const only = new RegExp(process.argv[3] ?? '')
const dir = mkdtempSync(join(tmpdir(), 'spock-bench-hostile-'))

const SHAPES: {name: string; kind: Kind; text: () => string}[] = [
  {name: 'alias bomb 9x9 (rules)', kind: 'rules', text: () => aliasBomb('rules')},
  {name: 'alias bomb 9x9 (alertmanager.yml)', kind: 'alertmanager', text: () => aliasBomb('alertmanager')},
  {name: 'alias bomb 9x9 (prometheus.yml)', kind: 'prometheus', text: () => aliasBomb('prometheus')},
  {name: 'merge-key bomb 9x9 (rules)', kind: 'rules', text: () => mergeBomb('rules')},
  {name: 'merge-key bomb 9x9 (alertmanager.yml)', kind: 'alertmanager', text: () => mergeBomb('alertmanager')},
  {name: 'merge-key bomb 9x9 (prometheus.yml)', kind: 'prometheus', text: () => mergeBomb('prometheus')},
  {name: '50 MB flow-style rule file', kind: 'rules', text: () => bigFlowRules(50_000_000)},
  {name: '[[[ 100k levels (rules)', kind: 'rules', text: () => deepNesting('rules', 100_000, 'seq')},
  {name: '{a: 100k levels (rules)', kind: 'rules', text: () => deepNesting('rules', 100_000, 'map')},
  {name: '{a: 100k levels (alertmanager.yml)', kind: 'alertmanager', text: () => deepNesting('alertmanager', 100_000, 'map')},
  {name: '100k aliases (rules)', kind: 'rules', text: () => manyAliases('rules', 100_000)},
  {name: '100k aliases (alertmanager.yml)', kind: 'alertmanager', text: () => manyAliases('alertmanager', 100_000)},
  {name: '100k aliases (prometheus.yml)', kind: 'prometheus', text: () => manyAliases('prometheus', 100_000)},
]

interface Run {
  code: number | string
  seconds: number
  rssMiB: number
}

/** One run under GNU time (-f: exit status, elapsed seconds, max RSS in KiB on the last line of stderr). */
function measure(cmd: string[]): Run {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %x %e %M', ...cmd], {encoding: 'utf8', timeout: limit * 1000, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL'})
  const m = /TIME (-?\d+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '')
  if (!m) return {code: r.signal ? `killed (${limit} s limit)` : 'no data', seconds: limit, rssMiB: NaN}
  return {code: Number(m[1]), seconds: Number(m[2]), rssMiB: Number(m[3]) / 1024}
}

const spock = (kind: Kind, file: string) =>
  [process.execPath, 'bin/run.js', ...(kind === 'rules' ? ['rules', 'check', '--prometheus-version', '2.42', file] : ['config', 'check', '--kind', kind, file])]
const go = (kind: Kind, file: string) =>
  kind === 'rules' ? ['promtool', 'check', 'rules', file] : kind === 'prometheus' ? ['promtool', 'check', 'config', '--syntax-only', file] : ['amtool', 'check-config', file]

const cell = (r: Run) => `exit ${r.code}, ${r.seconds.toFixed(2)} s, ${r.rssMiB.toFixed(0)} MiB`
try {
  console.log(`time limit per run: ${limit} s`)
  for (const [i, s] of SHAPES.entries()) {
    if (!only.test(s.name)) continue
    const file = join(dir, `shape-${i}.yml`)
    const text = s.text()
    writeFileSync(file, text)
    const ours = measure(spock(s.kind, file))
    const theirs = measure(go(s.kind, file))
    const tool = s.kind === 'alertmanager' ? 'amtool' : 'promtool'
    console.log(`${s.name} (${(text.length / 1e6).toFixed(2)} MB)`)
    console.log(`  spock:    ${cell(ours)}`)
    console.log(`  ${tool.padEnd(9)} ${cell(theirs)}`)
    console.log(`  ratio:    time x${(ours.seconds / Math.max(theirs.seconds, 0.01)).toFixed(1)}, RSS x${(ours.rssMiB / theirs.rssMiB).toFixed(1)}`)
  }
} finally {
  rmSync(dir, {recursive: true, force: true})
}
