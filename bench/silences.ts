// Benchmark (not a test): spock vs amtool 0.25 on 1,000 silences against real Alertmanagers.
// Run after a build:  npx tsx bench/silences.ts [N=1000]   (BENCH_ROUNDS=5: medians of that many rounds)
// Each tool gets its own fresh Alertmanager with the same content; times are wall clock, process start included.
// Node start-up depends on NODE_EXTRA_CA_CERTS (about 30 ms on Node 20): run once with it and once without.
// spock's CPU time (user + system, from the shell's `times`) is printed too: on a busy machine it moves far
// less than wall time, so compare builds by it.
import {spawn} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {startAlertmanager, type AlertmanagerServer} from '../test/support/servers.js'
import {makeTempDir, removeTempDir} from '../test/support/tmp.js'

const N = Number(process.argv[2] ?? 1000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const SMALL = 200
const BIN = fileURLToPath(new URL('../bin/run.js', import.meta.url))

interface Run {
  ms: number
  cpuMs?: number
  code: number
  stdout: string
  stderr: string
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const passed = {PATH: process.env.PATH, HOME: process.env.HOME, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS}
    const child = spawn(cmd, args, {env: {...passed, NO_COLOR: '1', ...env}})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ms: performance.now() - started, code: code ?? -1, stdout, stderr}))
  })
}

// As a user runs it: bin/run.js through its shebang; the shell around it reports the CPU time it used.
const spock = async (am: AlertmanagerServer, args: string[]): Promise<Run> => {
  const r = await run('sh', ['-c', '"$@"; s=$?; times >&2; exit $s', 'sh', BIN, ...args], {SPOCK_ALERTMANAGER_URL: am.url})
  // `times` prints the shell's user/system times, then its children's: "0m0.412s 0m0.120s".
  const m = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(r.stderr)
  if (m) r.cpuMs = (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000
  r.stderr = r.stderr.replace(/(\d+m[\d.]+s \d+m[\d.]+s\s*){2}$/, '')
  return r
}
const amtool = (am: AlertmanagerServer, args: string[]) => run('amtool', [`--alertmanager.url=${am.url}`, '--no-version-check', ...args])
const sh = (script: string, env: Record<string, string>) => run('sh', ['-c', script], env)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function check(what: string, r: Run): Run {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}): ${r.stderr.slice(0, 500)}`)
  return r
}

/** An amtool-format export of n silences, all with bench="x" plus a unique label. */
function exportFile(n: number, tag: string): string {
  const now = Date.now()
  const silences = Array.from({length: n}, (_, i) => ({
    matchers: [
      {name: 'bench', value: tag, isRegex: false, isEqual: true},
      {name: 'instance', value: `host-${i}:9100`, isRegex: false, isEqual: true},
    ],
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 2 * 3600_000).toISOString(),
    createdBy: 'bench',
    comment: `silence ${i}`,
  }))
  return JSON.stringify(silences)
}

async function count(am: AlertmanagerServer, state = 'active'): Promise<number> {
  const list = (await (await fetch(`${am.url}/api/v2/silences`)).json()) as {status: {state: string}}[]
  return list.filter((s) => s.status.state === state).length
}

export interface Row {
  task: string
  amtool: number
  spock: number
  spockCpu?: number
  target?: string
}

/** import, list and expire of n silences (medians of `rounds`), then 200 new and 1 new: spock against amtool. */
export async function benchSilences(n = N, rounds = ROUNDS): Promise<Row[]> {
  const dir = await makeTempDir('spock-bench-')
  const [forAmtool, forSpock] = await Promise.all([startAlertmanager(), startAlertmanager()])
  const rows: Row[] = []
  try {
    // Rounds of import -> list -> expire, alternating the tools; medians, since one run on a small VM is noisy.
    const times: Record<string, {amtool: number[]; spock: number[]; cpu: number[]}> = {
      import: {amtool: [], spock: [], cpu: []},
      list: {amtool: [], spock: [], cpu: []},
      expire: {amtool: [], spock: [], cpu: []},
    }
    const timed = (task: string, r: Run): number => {
      if (r.cpuMs !== undefined) times[task]!.cpu.push(r.cpuMs)
      return r.ms
    }
    const url = forAmtool.url
    for (let round = 0; round < rounds; round++) {
      const tag = `x${round}`
      const file = join(dir, `silences-${tag}.json`)
      await writeFile(file, exportFile(n, tag))

      // 1. import N new silences
      times.import!.amtool.push(check('amtool silence import', await amtool(forAmtool, ['silence', 'import', file])).ms)
      times.import!.spock.push(timed('import', check('spock silences import', await spock(forSpock, ['silences', 'import', file, '-q']))))
      if ((await count(forAmtool)) !== n || (await count(forSpock)) !== n) throw new Error('import did not create every silence')

      // 2. list N active silences as JSON
      times.list!.amtool.push(check('amtool silence query', await amtool(forAmtool, ['silence', 'query', '-o', 'json'])).ms)
      times.list!.spock.push(timed('list', check('spock silences list', await spock(forSpock, ['silences', 'list', '-o', 'json']))))

      // 3. expire all N: amtool's idiom vs one spock command by matcher
      const expire = `amtool --alertmanager.url=${url} --no-version-check silence expire $(amtool --alertmanager.url=${url} --no-version-check silence query -q)`
      times.expire!.amtool.push(check('amtool expire', await sh(expire, {})).ms)
      times.expire!.spock.push(timed('expire', check('spock delete --matcher', await spock(forSpock, ['silences', 'delete', '--matcher', `bench=${tag}`, '--yes', '-q']))))
      if ((await count(forAmtool)) !== 0 || (await count(forSpock)) !== 0) throw new Error('expire left active silences')
    }
    const cpu = (task: string) => (times[task]!.cpu.length > 0 ? median(times[task]!.cpu) : undefined)
    rows.push({task: `import ${n} silences`, amtool: median(times.import!.amtool), spock: median(times.import!.spock), spockCpu: cpu('import'), target: 'spock faster'})
    rows.push({task: `list ${n} silences (json)`, amtool: median(times.list!.amtool), spock: median(times.list!.spock), spockCpu: cpu('list')})
    rows.push({task: `expire ${n} silences`, amtool: median(times.expire!.amtool), spock: median(times.expire!.spock), spockCpu: cpu('expire'), target: 'spock no slower'})

    // 4. 200 new silences: a shell loop of amtool silence add vs one spock import
    const loop = `i=0; while [ $i -lt ${SMALL} ]; do amtool --alertmanager.url=${url} --no-version-check silence add bench=small instance=h$i -c loop -d 2h >/dev/null || exit 1; i=$((i+1)); done`
    const aa = check('amtool add loop', await sh(loop, {}))
    const small = join(dir, 'small.json')
    await writeFile(small, exportFile(SMALL, 'small'))
    const sa = check('spock import 200', await spock(forSpock, ['silences', 'import', small, '-q']))
    rows.push({task: `${SMALL} new silences (amtool add loop vs spock import)`, amtool: aa.ms, spock: sa.ms, spockCpu: sa.cpuMs, target: 'spock 5x faster'})

    // 5. one silence, one process each (start-up cost dominates)
    const a1 = check('amtool add', await amtool(forAmtool, ['silence', 'add', 'bench=one', '-c', 'one']))
    const s1 = check('spock create', await spock(forSpock, ['silences', 'create', 'bench=one', '-c', 'one', '-q']))
    rows.push({task: 'create 1 silence', amtool: a1.ms, spock: s1.ms, spockCpu: s1.cpuMs})
  } finally {
    await forAmtool.stop()
    await forSpock.stop()
    await removeTempDir(dir)
  }
  return rows
}

async function main(): Promise<void> {
  const rows = await benchSilences()
  const pad = (s: string, n: number) => s.padEnd(n)
  console.log(`${pad('task', 52)} ${pad('amtool', 9)} ${pad('spock', 9)} ${pad('amtool/spock', 13)} ${pad('spock cpu', 10)} target`)
  for (const r of rows) {
    const ratio = r.amtool / r.spock
    const cpu = r.spockCpu === undefined ? '-' : `${r.spockCpu.toFixed(0)} ms`
    console.log(`${pad(r.task, 52)} ${pad(`${r.amtool.toFixed(0)} ms`, 9)} ${pad(`${r.spock.toFixed(0)} ms`, 9)} ${pad(`${ratio.toFixed(2)}x`, 13)} ${pad(cpu, 10)} ${r.target ?? ''}`)
  }
  console.log(`(medians of ${ROUNDS} rounds for the first three; NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}; ratio > 1 means spock is faster)`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main() // bench/startup.ts imports it

