// Start-up cost: spock vs amtool/promtool on equivalent offline commands, in the same run. Prints medians and ratios.
// Run: npm run build && npx tsx bench/startup.ts [runs]
import {spawnSync} from 'node:child_process'

const runs = Number(process.argv[2] ?? 15)
const spock = ['./bin/run.js'] // as a user runs it: through the shebang
const pairs: {name: string; ours: string[]; theirs: string[]}[] = [
  {name: '--version', ours: [...spock, '--version'], theirs: ['amtool', '--version']},
  {
    name: 'routes test',
    ours: [...spock, 'routes', 'test', '--config', 'test/fixtures/alertmanager-routing.yml', 'team=db'],
    theirs: ['amtool', 'config', 'routes', 'test', '--config.file', 'test/fixtures/alertmanager-routing.yml', 'team=db'],
  },
  {
    name: 'rules check (one rule)',
    ours: [...spock, 'rules', 'check', '--prometheus-version', '2.42', 'test/fixtures/one-rule.yml'],
    theirs: ['promtool', 'check', 'rules', 'test/fixtures/one-rule.yml'],
  },
  {
    name: 'config check (alertmanager.yml)',
    ours: [...spock, 'config', 'check', 'test/fixtures/alertmanager-routing.yml'],
    theirs: ['amtool', 'check-config', 'test/fixtures/alertmanager-routing.yml'],
  },
]

function median(cmd: string[]): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint()
    const r = spawnSync(cmd[0]!, cmd.slice(1), {stdio: 'ignore'})
    if (r.error) throw r.error
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!
}

console.log(`runs per command: ${runs}; NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}`)
for (const p of pairs) {
  const ours = median(p.ours)
  const theirs = median(p.theirs)
  console.log(`${p.name.padEnd(34)} spock ${ours.toFixed(0).padStart(5)} ms   ${p.theirs[0]} ${theirs.toFixed(0).padStart(5)} ms   ratio ${(ours / theirs).toFixed(2)}`)
}
