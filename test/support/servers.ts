// Real Prometheus and Alertmanager servers for integration tests.
// Every server listens on 127.0.0.1:0 and reports its real address in its log, so
// test files running in parallel never race for a port.
import {spawn, type ChildProcess} from 'node:child_process'
import {accessSync, constants, readFileSync, rmSync} from 'node:fs'
import {mkdir, rename, writeFile} from 'node:fs/promises'
import {get as httpsGet} from 'node:https'
import {createServer, type Server as NetServer, type Socket} from 'node:net'
import {delimiter, dirname, join} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {makeTempDir, removeTempDir} from './tmp.js'

export interface Server {
  url: string
  pid: number
  dir: string
  port: number
  stop(): Promise<void>
  logs(): string
}

export interface AlertmanagerServer extends Server {
  /** host:port of the gossip listener, when started with cluster: true. */
  clusterAddress?: string
}

export interface PrometheusOptions {
  /** prometheus.yml; default scrapes itself every 1 s via file_sd `self.json` (written once the port is known). */
  config?: string
  /** Rule files by relative name; the default config lists them all in rule_files. */
  rules?: Record<string, string>
  /** Extra flags; one with the same name as a default flag replaces it. */
  args?: string[]
  /** Serve HTTPS with this certificate (via --web.config.file); `ca` (PEM) is what the readiness probe trusts. */
  tls?: {certFile: string; keyFile: string; ca: string}
}

export interface AlertmanagerOptions {
  config?: string
  /** Template files by relative name (config `templates:` may use these names). */
  templates?: Record<string, string>
  args?: string[]
  cluster?: boolean
  /** Gossip addresses of peers to join (implies cluster). */
  peers?: string[]
}

const READY_TIMEOUT_MS = 20_000
const STOP_GRACE_MS = 5_000
const POLL_MS = 25
const LOG_LIMIT = 2_000_000
const LISTENING = /msg="Listening on" address=(\S+)/
const REPEATABLE_FLAGS = new Set(['--cluster.peer'])

export const DEFAULT_ALERTMANAGER_CONFIG = `route:
  receiver: 'null'
receivers:
  - name: 'null'
`

// Safety net: servers still running when this process exits (a crashed test file,
// a failed afterAll) are SIGKILLed and their temp dirs removed.
const live = new Map<ChildProcess, string>()
process.on('exit', () => {
  for (const [child, dir] of live) {
    child.kill('SIGKILL')
    rmSync(dir, {recursive: true, force: true})
  }
})

export async function startPrometheus(opts: PrometheusOptions = {}): Promise<Server> {
  const rules = opts.rules ?? {}
  const dir = await makeTempDir('spock-prom-')
  try {
    await writeFiles(dir, rules)
    await writeFile(join(dir, 'self.json'), '[]\n')
    await writeFile(join(dir, 'prometheus.yml'), opts.config ?? defaultPrometheusConfig(Object.keys(rules)))
    if (opts.tls) await writeFile(join(dir, 'web.yml'), `tls_server_config:\n  cert_file: ${opts.tls.certFile}\n  key_file: ${opts.tls.keyFile}\n`)
  } catch (error) {
    await removeTempDir(dir)
    throw error
  }
  const args = mergeFlags(
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      '--web.listen-address=127.0.0.1:0',
      '--web.enable-lifecycle',
      ...(opts.tls ? [`--web.config.file=${join(dir, 'web.yml')}`] : []),
    ],
    opts.args ?? [],
  )
  const server = await startServer('prometheus', findBinary(['prometheus']), args, dir, opts.tls?.ca)
  // Atomic replace, so file_sd never reads a half-written file.
  const selfTargets = JSON.stringify([{targets: [`127.0.0.1:${server.port}`]}])
  await writeFile(join(dir, 'self.json.tmp'), selfTargets)
  await rename(join(dir, 'self.json.tmp'), join(dir, 'self.json'))
  return server
}

export async function startAlertmanager(opts: AlertmanagerOptions = {}): Promise<AlertmanagerServer> {
  const dir = await makeTempDir('spock-am-')
  try {
    await writeFiles(dir, opts.templates ?? {})
    await writeFile(join(dir, 'alertmanager.yml'), opts.config ?? DEFAULT_ALERTMANAGER_CONFIG)
  } catch (error) {
    await removeTempDir(dir)
    throw error
  }
  const cluster = opts.cluster === true || (opts.peers?.length ?? 0) > 0
  const clusterArgs = cluster
    ? [
        '--cluster.listen-address=127.0.0.1:0',
        '--cluster.settle-timeout=0s',
        '--cluster.gossip-interval=50ms',
        '--cluster.pushpull-interval=1s',
        ...(opts.peers ?? []).map((peer) => `--cluster.peer=${peer}`),
      ]
    : ['--cluster.listen-address=']
  const args = mergeFlags(
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      '--web.listen-address=127.0.0.1:0',
      ...clusterArgs,
    ],
    opts.args ?? [],
  )
  const bin = findBinary(['prometheus-alertmanager', 'alertmanager'])
  const server: AlertmanagerServer = await startServer('alertmanager', bin, args, dir)
  if (!cluster) return server
  try {
    server.clusterAddress = await ownClusterAddress(server.url)
  } catch (error) {
    await server.stop()
    throw new Error(`${String(error)}\n--- alertmanager log ---\n${tail(server.logs())}`)
  }
  return server
}

/** Starts n gossiping peers; resolves once every peer's /api/v2/status lists n peers. */
export async function startAlertmanagerCluster(
  n: number,
  opts: Omit<AlertmanagerOptions, 'cluster' | 'peers'> = {},
): Promise<AlertmanagerServer[]> {
  const first = await startAlertmanager({...opts, cluster: true})
  const others = await Promise.allSettled(
    Array.from({length: n - 1}, () => startAlertmanager({...opts, cluster: true, peers: [first.clusterAddress!]})),
  )
  const started = [first, ...others.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))]
  const failed = others.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  try {
    if (failed) throw failed.reason
    await waitForPeers(started, n)
  } catch (error) {
    await stopAll(started)
    throw error
  }
  return started
}

/** Stops servers one at a time (a simultaneous SIGTERM of HA peers stalls for > 10 s). */
export async function stopAll(servers: Array<{stop(): Promise<void>}>): Promise<void> {
  const errors: unknown[] = []
  for (const server of servers) {
    try {
      await server.stop()
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'stopAll: some servers failed to stop')
}

/**
 * A free TCP port below the kernel's ephemeral range, so it never collides with the
 * 127.0.0.1:0 listeners of servers started in parallel.
 */
export async function freePort(): Promise<number> {
  const low = 10_000
  const high = ephemeralLow()
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low))
    if (await canListen(port)) return port
  }
  throw new Error(`freePort: no free port found in ${low}-${high}`)
}

/** http://127.0.0.1:<port> with nothing listening (connections are refused). */
export async function unusedUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`
}

/** Accepts TCP connections and never answers, for timeout tests. */
export async function startHangingServer(): Promise<{url: string; stop(): Promise<void>}> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await listen(server, 0)
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function defaultPrometheusConfig(ruleFiles: string[]): string {
  const rules = ruleFiles.length > 0 ? `rule_files:\n${ruleFiles.map((f) => `  - ${JSON.stringify(f)}\n`).join('')}` : ''
  return `global:
  scrape_interval: 1s
  evaluation_interval: 1s
${rules}scrape_configs:
  - job_name: prometheus
    file_sd_configs:
      - files: [self.json]
        refresh_interval: 1s
`
}

async function startServer(name: string, bin: string, args: string[], dir: string, tlsCa?: string): Promise<Server> {
  const child = spawn(bin, args, {cwd: dir, stdio: ['ignore', 'pipe', 'pipe']})
  live.set(child, dir)
  let log = ''
  let address: string | undefined
  let onAddress: (() => void) | undefined
  const append = (chunk: string) => {
    log += chunk
    if (log.length > LOG_LIMIT) log = log.slice(-LOG_LIMIT / 2)
    if (address === undefined) {
      address = LISTENING.exec(log)?.[1]
      if (address !== undefined) onAddress?.()
    }
  }
  child.stdout!.setEncoding('utf8').on('data', append)
  child.stderr!.setEncoding('utf8').on('data', append)
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(`exited with ${signal ?? `code ${code}`}`)
    })
    child.once('error', (error) => {
      resolve(`failed to start: ${error.message}`)
    })
  })
  const stopOnce = once(async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      child.kill('SIGTERM')
      const outcome = await Promise.race([exited, delay(STOP_GRACE_MS, undefined, {ref: false}).then(() => 'timeout')])
      if (outcome === 'timeout') {
        child.kill('SIGKILL')
        await exited
      }
    }
    await removeTempDir(dir)
    live.delete(child)
  })

  const deadline = Date.now() + READY_TIMEOUT_MS
  try {
    const gotAddress = new Promise<void>((resolve) => {
      onAddress = resolve
      if (address !== undefined) resolve()
    })
    const first = await Promise.race([
      gotAddress.then(() => undefined),
      exited,
      delay(READY_TIMEOUT_MS, undefined, {ref: false}).then(() => `logged no "Listening on" line within ${READY_TIMEOUT_MS} ms`),
    ])
    if (first !== undefined) throw new Error(first)
    const url = `${tlsCa ? 'https' : 'http'}://${address!}`
    await pollReady(url, deadline, exited, tlsCa)
    const port = Number(address!.slice(address!.lastIndexOf(':') + 1))
    return {url, pid: child.pid!, dir, port, stop: stopOnce, logs: () => log}
  } catch (error) {
    child.kill('SIGKILL')
    await stopOnce()
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`${name} (${bin}) did not become ready: ${reason}\n--- last log lines ---\n${tail(log)}`)
  }
}

async function pollReady(url: string, deadline: number, exited: Promise<string>, tlsCa?: string): Promise<void> {
  let dead: string | undefined
  void exited.then((why) => (dead = why))
  let last = 'no answer yet'
  while (Date.now() < deadline) {
    if (dead !== undefined) throw new Error(dead)
    try {
      const status = tlsCa ? await httpsStatus(`${url}/-/ready`, tlsCa) : await fetchStatus(`${url}/-/ready`)
      if (status === 200) return
      last = `HTTP ${status}`
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await delay(POLL_MS)
  }
  throw new Error(`${url}/-/ready not 200 within ${READY_TIMEOUT_MS} ms (last: ${last})`)
}

async function fetchStatus(url: string): Promise<number> {
  const response = await fetch(url, {signal: AbortSignal.timeout(1_000)})
  await response.body?.cancel()
  return response.status
}

/** GET over HTTPS trusting only `ca` (fetch cannot be given a CA). */
function httpsStatus(url: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsGet(url, {ca, timeout: 1_000}, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
  })
}

interface AmStatus {
  cluster?: {name?: string; status?: string; peers?: Array<{name: string; address: string}>}
}

async function amStatus(url: string): Promise<AmStatus> {
  const response = await fetch(`${url}/api/v2/status`, {signal: AbortSignal.timeout(2_000)})
  if (!response.ok) throw new Error(`GET ${url}/api/v2/status: HTTP ${response.status}`)
  return (await response.json()) as AmStatus
}

async function ownClusterAddress(url: string): Promise<string> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    const {cluster} = await amStatus(url)
    const self = cluster?.peers?.find((peer) => peer.name === cluster.name)
    if (self) return self.address
    await delay(POLL_MS)
  }
  throw new Error(`${url}/api/v2/status never listed this peer's own cluster address`)
}

async function waitForPeers(servers: AlertmanagerServer[], n: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  let counts: number[] = []
  while (Date.now() < deadline) {
    counts = await Promise.all(servers.map(async (s) => (await amStatus(s.url)).cluster?.peers?.length ?? 0))
    if (counts.every((count) => count === n)) return
    await delay(POLL_MS)
  }
  throw new Error(`cluster did not form within ${READY_TIMEOUT_MS} ms: peer counts ${counts.join(', ')} (want ${n})`)
}

/** Defaults first; an extra flag with the same --name replaces the default (kingpin rejects repeats). */
function mergeFlags(defaults: string[], extra: string[]): string[] {
  const flagName = (arg: string) => arg.split('=', 1)[0]!
  const overridden = new Set(extra.map(flagName).filter((name) => !REPEATABLE_FLAGS.has(name)))
  return [...defaults.filter((arg) => !overridden.has(flagName(arg))), ...extra]
}

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name)
    await mkdir(dirname(path), {recursive: true})
    await writeFile(path, content)
  }
}

function findBinary(names: string[]): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin']
  for (const name of names) {
    for (const dir of dirs) {
      if (dir === '') continue
      try {
        accessSync(join(dir, name), constants.X_OK)
        return join(dir, name)
      } catch {
        // not here
      }
    }
  }
  throw new Error(`none of ${names.join(', ')} found on PATH; install the Debian package (see FACTS.md)`)
}

function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0])
    return low > 11_000 ? low : 32_768
  } catch {
    return 32_768
  }
}

async function canListen(port: number): Promise<boolean> {
  const server = createServer()
  try {
    await listen(server, port)
    await new Promise<void>((resolve) => server.close(() => resolve()))
    return true
  } catch {
    return false
  }
}

function listen(server: NetServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : port)
    })
  })
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined
  return () => (running ??= fn())
}

function tail(log: string, lines = 30): string {
  return log.trimEnd().split('\n').slice(-lines).join('\n')
}
