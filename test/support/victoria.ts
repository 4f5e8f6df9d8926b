// VictoriaMetrics (Debian's victoria-metrics package) for the engine tests: the single-node server scraping
// itself under a path prefix, vmalert evaluating rules against it, and vmauth in front of both, requiring
// basic auth. Each listens on a free loopback port, in its own temp dir, and is stopped by PID.
import {spawn, type ChildProcess} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {freePort} from './servers.js'
import {makeTempDir, removeTempDir} from './tmp.js'

export interface VictoriaStack {
  /** vmauth's URL for the query API: needs the prefix and basic auth. */
  queryUrl: string
  /** vmauth's URL for vmalert's API. */
  rulesUrl: string
  user: string
  password: string
  /** Straight to the servers, for comparing answers. */
  direct: {vm: string; vmalert: string}
  /** vmauth's process, for watching what it receives. */
  vmauthPid: number
  stop(): Promise<void>
}

async function ready(url: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms
  for (;;) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`not ready: ${url}`)
    await delay(200)
  }
}

export async function startVictoria(rules: string): Promise<VictoriaStack> {
  const dir = await makeTempDir('spock-vm-')
  const [vmPort, alertPort, authPort] = [await freePort(), await freePort(), await freePort()]
  const vm = `http://127.0.0.1:${vmPort}`
  await writeFile(join(dir, 'scrape.yml'), `global: {scrape_interval: 1s}\nscrape_configs:\n  - job_name: vm\n    metrics_path: /vm/metrics\n    static_configs: [{targets: ['127.0.0.1:${vmPort}']}]\n`)
  await writeFile(join(dir, 'rules.yml'), rules)
  await writeFile(
    join(dir, 'auth.yml'),
    `users:
  - username: team
    password: s3cret
    url_map:
      - src_paths: ['/vm/.*']
        url_prefix: '${vm}'
      - src_paths: ['/api/v1/rules', '/api/v1/alerts']
        url_prefix: 'http://127.0.0.1:${alertPort}'
`,
  )
  const children: ChildProcess[] = []
  const run = (bin: string, args: string[]) => {
    const child = spawn(bin, args, {cwd: dir, stdio: 'ignore'})
    children.push(child)
    return child
  }
  run('victoria-metrics', [`-httpListenAddr=127.0.0.1:${vmPort}`, '-http.pathPrefix=/vm', `-storageDataPath=${join(dir, 'data')}`, '-promscrape.config=scrape.yml', '-search.latencyOffset=1s'])
  run('vmalert', ['-rule=rules.yml', `-datasource.url=${vm}/vm`, `-remoteWrite.url=${vm}/vm`, '-notifier.url=http://127.0.0.1:1', `-httpListenAddr=127.0.0.1:${alertPort}`, '-evaluationInterval=1s'])
  const vmauth = run('vmauth', ['-auth.config=auth.yml', `-httpListenAddr=127.0.0.1:${authPort}`])
  const stop = async () => {
    for (const c of children) c.kill('SIGTERM')
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)))
    await removeTempDir(dir)
  }
  try {
    await Promise.all([ready(`${vm}/vm/health`), ready(`http://127.0.0.1:${alertPort}/health`), ready(`http://127.0.0.1:${authPort}/health`)])
  } catch (e) {
    await stop()
    throw e
  }
  const auth = `http://127.0.0.1:${authPort}`
  return {queryUrl: `${auth}/vm`, rulesUrl: auth, user: 'team', password: 's3cret', direct: {vm: `${vm}/vm`, vmalert: `http://127.0.0.1:${alertPort}`}, vmauthPid: vmauth.pid!, stop}
}
