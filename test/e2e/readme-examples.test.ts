// Every fenced `spock ...` example in README.md runs as written against real servers: a Prometheus and a 2-peer
// Alertmanager cluster, in a directory holding the files the examples name. Placeholders (made-up URLs, silence
// IDs) are replaced by real ones; an example preceded by `<!-- example: skip REASON -->` is skipped with that
// reason. "Runs" means: no usage error (2), no unreachable server (3), no "spock: error"; exit 1 (the check
// found problems) is an answer.
import {spawn} from 'node:child_process'
import {copyFileSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {ROOT, runCli} from '../support/run-cli.js'
import {startAlertmanagerCluster, startPrometheus, stopAll, type Server} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

interface Example {
  line: number
  command: string
  skip?: string
}

/** The examples of a README: lines that run spock in ```sh blocks, and `$ spock` lines in ```console blocks. */
export function readmeExamples(text: string): Example[] {
  const lines = text.split('\n')
  const out: Example[] = []
  let fence: string | undefined
  let skip: string | undefined
  let pending: string | undefined
  lines.forEach((raw, k) => {
    const marker = /^<!-- example: skip (.+?) -->$/.exec(raw.trim())
    if (!fence && marker) return void (pending = marker[1])
    const open = /^```(\w*)\s*$/.exec(raw)
    if (open && !fence) {
      fence = open[1] || 'plain'
      skip = pending
      pending = undefined
      return
    }
    if (/^```\s*$/.test(raw) && fence) return void (fence = undefined)
    if (!fence && raw.trim() !== '') pending = undefined
    if (fence === 'sh' && /(^|[|(]\s*|&&\s*|;\s*|\$\(|xargs\s+(-r\s+)?)spock\s/.test(raw) && !raw.trim().startsWith('#')) out.push({line: k + 1, command: raw.trim(), skip})
    if (fence === 'console' && /^\$ .*\bspock\s/.test(raw)) out.push({line: k + 1, command: raw.slice(2).trim(), skip})
  })
  return out
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const examples = readmeExamples(readme)

const ALERTMANAGER_YML = `route:
  receiver: team-X-mails
  group_by: [alertname]
  routes:
    - matchers: [service="database"]
      receiver: team-DB-pager
receivers:
  - name: team-X-mails
  - name: team-DB-pager
    webhook_configs: [{url: 'http://127.0.0.1:9/db-pager'}]
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [alertname]
`

let work: string
let prom: Server
let ams: Server[]
let env: NodeJS.ProcessEnv
const ids: string[] = []

beforeAll(async () => {
  ;[prom, ams] = await Promise.all([startPrometheus(), startAlertmanagerCluster(2, {config: ALERTMANAGER_YML})])
  work = await makeTempDir('spock-readme-')
  const home = join(work, '.home')
  const bin = join(work, '.bin')
  for (const d of [home, bin, join(work, 'rules'), join(home, '.config', 'amtool')]) mkdirSync(d, {recursive: true})
  symlinkSync(join(ROOT, 'bin', 'run.js'), join(bin, 'spock'))
  copyFileSync(join(ROOT, 'config-templates', 'prometheus.yml'), join(work, 'prometheus.yml'))
  copyFileSync(join(ROOT, 'config-templates', 'rules', 'meta.yml'), join(work, 'alerts.yml'))
  copyFileSync(join(ROOT, 'config-templates', 'rules', 'meta.yml'), join(work, 'rules', 'alerts.yml'))
  copyFileSync(join(ROOT, 'config-templates', 'rules', 'meta.yml'), join(work, 'rules', 'api.yaml'))
  writeFileSync(join(work, 'alertmanager.yml'), ALERTMANAGER_YML)
  cpSync(join(ROOT, 'test/fixtures/template-render'), join(work, 'test/fixtures/template-render'), {recursive: true})
  // The cases file the README shows.
  const cases = /A cases file for CI[^\n]*\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1]
  if (!cases) throw new Error('README: no cases file example')
  writeFileSync(join(work, 'routing-cases.yml'), cases)
  // The silences file the README shows.
  const silences = /A silences file for CI[^\n]*\n[^\n]*\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1]
  if (!silences) throw new Error('README: no silences file example')
  writeFileSync(join(work, 'silences.yml'), silences)
  writeFileSync(join(home, '.config', 'amtool', 'config.yml'), `alertmanager.url: ${ams[0]!.url}\n`)
  const context = `{prometheus: {url: "${prom.url}"}, alertmanager: {urls: ["${ams[0]!.url}", "${ams[1]!.url}"]}}`
  writeFileSync(join(work, '.spock.config.yml'), `current-context: dev\ncontexts:\n  prod: ${context}\n  dev: ${context}\n`)
  const nodeDir = dirname(process.execPath)
  env = {PATH: `${bin}:${nodeDir}:${process.env.PATH}`, HOME: home, NO_COLOR: '1', CI_JOB_ID: '42', SPOCK_CONFIG: join(work, '.spock.config.yml')}
  // Silences for the examples that name one by ID.
  for (const name of ['ReadmeOne', 'ReadmeTwo']) {
    const r = await runCli(['silences', 'create', name, '--comment', 'readme', '-q', '--alertmanager-url', ams[0]!.url])
    if (r.code !== 0) throw new Error(r.stderr)
    ids.push(r.stdout.trim())
  }
}, 120_000)

afterAll(async () => {
  await stopAll([prom, ...(ams ?? [])].filter(Boolean))
  if (work) await removeTempDir(work)
})

function substitute(command: string): string {
  return command
    .replaceAll('http://localhost:9090', prom.url)
    .replaceAll('http://prometheus.example:9090', prom.url)
    .replaceAll('http://am-0:9093', ams[0]!.url)
    .replaceAll('http://am-1:9093', ams[1]!.url)
    .replaceAll('http://alertmanager.example:9093', ams[0]!.url)
    .replaceAll('3a3766ee-af3d-487a-837d-e511a5f0d857', ids[0]!)
    .replaceAll('0b1c...', ids[1]!)
    .replaceAll('amtool silence query', `amtool --alertmanager.url=${ams[0]!.url} silence query`)
}

function bash(command: string): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], {cwd: work, env, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr}))
  })
}

describe('README examples', () => {
  test('the README has examples, and skipped ones say why', () => {
    expect(examples.length).toBeGreaterThan(40)
    for (const e of examples.filter((x) => x.skip)) expect(e.skip!.length, `line ${e.line}`).toBeGreaterThan(10)
  })

  test('the extractor reads sh and console blocks and skip markers', () => {
    const text = 'x\n```sh\nspock a\nnpm test\ncat f | spock b\n```\n<!-- example: skip needs a real Slack -->\n```sh\nspock c\n```\n```console\n$ spock d\nout\n```\n'
    expect(readmeExamples(text)).toEqual([
      {line: 3, command: 'spock a', skip: undefined},
      {line: 5, command: 'cat f | spock b', skip: undefined},
      {line: 9, command: 'spock c', skip: 'needs a real Slack'},
      {line: 12, command: 'spock d', skip: undefined},
    ])
  })

  for (const e of examples) {
    const name = `README.md:${e.line}: ${e.command}`
    if (e.skip) {
      test.skip(`${name} (skipped: ${e.skip})`, () => {})
      continue
    }
    test(name, async () => {
      const r = await bash(substitute(e.command))
      const why = `exit ${r.code}\nstdout: ${r.stdout.slice(0, 600)}\nstderr: ${r.stderr.slice(0, 600)}`
      expect([0, 1], why).toContain(r.code)
      expect(r.stderr, why).not.toMatch(/spock: error:|command not found/)
    })
  }
})
