// spock stack: run DIR's prometheus.yml and alertmanager.yml with the local binaries on 127.0.0.1 free ports, state
// (PIDs, command lines, ports, logs, data) under DIR/.spock-stack/, and stop exactly what was started.
import {existsSync} from 'node:fs'
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import {basename, join, resolve} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {ConnectionError, UsageError} from '../errors.js'
import {removeStackContext, writeStackContext} from './context-file.js'
import {cmdlineOf, findBinary, freePort, isOurs, portInUse, startDetached, stopProcess} from './process.js'
import {DERIVED_PROMETHEUS, derivePrometheusConfig, readPrometheusSource, STACK_DIR} from './prom-config.js'

interface StackServer {
  name: string // prometheus, alertmanager-1, ...
  kind: 'prometheus' | 'alertmanager'
  url: string
  port: number
  clusterPort?: number
  pid: number
  argv: string[] // what /proc/PID/cmdline must show for the process to be ours
  log: string
}

export interface StackState {
  dir: string
  context: string
  /** The context that was current before `stack up`: `stack down` makes it current again. */
  previousContext?: string
  startedAt: string
  servers: StackServer[]
}

interface StackEnv {
  env: NodeJS.ProcessEnv
  spockConfig?: string
  progress?: (line: string) => void
  readyTimeoutMs?: number
}

const stateFile = (dir: string) => join(dir, STACK_DIR, 'state.json')
const contextName = (dir: string): string => `stack-${basename(dir).replace(/[^A-Za-z0-9_.-]+/g, '-') || 'root'}`

export async function readState(dir: string): Promise<StackState | undefined> {
  try {
    return JSON.parse(await readFile(stateFile(dir), 'utf8')) as StackState
  } catch {
    return undefined
  }
}

async function writeState(s: StackState): Promise<void> {
  await writeFile(stateFile(s.dir), `${JSON.stringify(s, null, 2)}\n`)
  await Promise.all(s.servers.map((x) => writeFile(join(s.dir, STACK_DIR, `${x.name}.pid`), `${x.pid}\n`)))
}

export async function stackUp(dirArg: string, peers: number, o: StackEnv): Promise<StackState & {configFile: string}> {
  const dir = resolve(dirArg)
  for (const f of ['prometheus.yml', 'alertmanager.yml']) {
    if (!existsSync(join(dir, f))) throw new UsageError(`no ${f} in ${dir}`, {hint: `create both with: spock init ${dirArg}`})
  }
  if (!Number.isInteger(peers) || peers < 1 || peers > 5) throw new UsageError(`--peers ${peers}: expected 1 to 5`, {hint: 'use --peers 2 for an HA pair'})
  const old = await readState(dir)
  if (old?.servers.some((s) => isOurs(s.pid, s.argv))) throw new UsageError(`a stack already runs from ${dir}`, {hint: `see spock stack status --dir ${dirArg}, or stop it with spock stack down --dir ${dirArg}`})
  const promBin = findBinary('prometheus', o.env)
  const amBin = findBinary('alertmanager', o.env)
  const base = join(dir, STACK_DIR)
  await mkdir(base, {recursive: true, mode: 0o700})

  const amPorts = await Promise.all(Array.from({length: peers}, () => freePort()))
  const clusterPorts = peers > 1 ? await Promise.all(Array.from({length: peers}, () => freePort())) : []
  const promPort = await freePort()
  const state: StackState = {dir, context: contextName(dir), startedAt: new Date().toISOString(), servers: []}
  const start = async (name: string, kind: StackServer['kind'], bin: string, args: string[], port: number, clusterPort?: number) => {
    await mkdir(join(base, name), {recursive: true})
    const log = join(base, `${name}.log`)
    await writeFile(log, '')
    const pid = startDetached(bin, args, dir, log)
    const server: StackServer = {name, kind, url: `http://127.0.0.1:${port}`, port, pid, argv: [bin, ...args], log, ...(clusterPort ? {clusterPort} : {})}
    state.servers.push(server)
  }
  try {
    for (let i = 0; i < peers; i++) {
      const cluster = peers > 1
        ? [`--cluster.listen-address=127.0.0.1:${clusterPorts[i]}`, '--cluster.settle-timeout=0s', '--cluster.pushpull-interval=10s',
            ...clusterPorts.filter((_, j) => j !== i).map((p) => `--cluster.peer=127.0.0.1:${p}`)]
        : ['--cluster.listen-address=']
      const name = `alertmanager-${i + 1}`
      await start(name, 'alertmanager', amBin, [
        `--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(base, name, 'data')}`,
        `--web.listen-address=127.0.0.1:${amPorts[i]}`, ...cluster,
      ], amPorts[i]!, clusterPorts[i])
    }
    const derived = join(base, DERIVED_PROMETHEUS)
    await writeFile(derived, derivePrometheusConfig(await readPrometheusSource(dir), dir, {prometheus: promPort, alertmanagers: amPorts}))
    await start('prometheus', 'prometheus', promBin, [
      `--config.file=${derived}`, `--storage.tsdb.path=${join(base, 'prometheus', 'data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`, '--web.enable-lifecycle',
    ], promPort)
    await writeState(state)
    await waitReady(state, o)
    const urls = {prometheus: state.servers.find((s) => s.kind === 'prometheus')!.url, alertmanagers: state.servers.filter((s) => s.kind === 'alertmanager').map((s) => s.url)}
    const written = await writeStackContext(o.spockConfig, o.env, {name: state.context, ...urls})
    if (written.previous !== undefined) {
      state.previousContext = written.previous
      await writeState(state)
    }
    return {...state, configFile: written.path}
  } catch (e) {
    await stopAll(state)
    await Promise.all([stateFile(dir), ...state.servers.map((s) => join(base, `${s.name}.pid`))].map((f) => rm(f, {force: true})))
    throw e
  }
}

async function get(url: string): Promise<{status: number; text: string} | undefined> {
  try {
    const r = await fetch(url, {signal: AbortSignal.timeout(2000)})
    return {status: r.status, text: await r.text()}
  } catch {
    return undefined
  }
}

function lastError(log: string): string {
  const lines = log.trim().split('\n').filter((l) => /level=(error|fatal)|err=|error/i.test(l))
  const last = lines.at(-1) ?? log.trim().split('\n').at(-1) ?? ''
  return (/err="?([^"]+)"?/.exec(last)?.[1] ?? last).trim()
}

async function waitReady(state: StackState, o: StackEnv): Promise<void> {
  const deadline = Date.now() + (o.readyTimeoutMs ?? 60_000)
  const peers = state.servers.filter((s) => s.kind === 'alertmanager').length
  const ready = new Set<string>()
  for (;;) {
    for (const s of state.servers) {
      if (ready.has(s.name)) continue
      if (!isOurs(s.pid, s.argv)) {
        const why = lastError(await readFile(s.log, 'utf8').catch(() => ''))
        throw new UsageError(`${s.name} exited while starting${why ? `: ${why}` : ''}`, {hint: `see its log: ${s.log}`})
      }
      const r = await get(`${s.url}/-/ready`)
      if (r?.status !== 200) continue
      if (s.kind === 'alertmanager' && peers > 1) {
        const st = await get(`${s.url}/api/v2/status`)
        const n = st ? ((JSON.parse(st.text) as {cluster?: {peers?: unknown[]}}).cluster?.peers?.length ?? 0) : 0
        if (n < peers) continue
      }
      ready.add(s.name)
    }
    o.progress?.(`starting the stack: ${ready.size} of ${state.servers.length} ready${ready.size < state.servers.length ? ` (waiting for ${state.servers.filter((s) => !ready.has(s.name)).map((s) => s.name).join(', ')})` : ''}`)
    if (ready.size === state.servers.length) return
    if (Date.now() > deadline) {
      throw new ConnectionError(`the stack did not become ready within ${Math.round((o.readyTimeoutMs ?? 60_000) / 1000)}s: ${state.servers.filter((s) => !ready.has(s.name)).map((s) => s.name).join(', ')} not ready`, {hint: `see the logs: spock stack logs --dir ${state.dir}`})
    }
    await delay(100)
  }
}

export interface StopReport {
  name: string
  pid: number
  result: 'stopped' | 'killed' | 'not running' | 'left alone (the PID now belongs to another program)'
}

async function stopAll(state: StackState): Promise<StopReport[]> {
  const out: StopReport[] = []
  // Prometheus first (it sends to the Alertmanagers), then the peers one at a time.
  const order = [...state.servers].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'prometheus' ? -1 : 1))
  for (const s of order) {
    if (isOurs(s.pid, s.argv)) out.push({name: s.name, pid: s.pid, result: await stopProcess(s.pid)})
    else out.push({name: s.name, pid: s.pid, result: cmdlineOf(s.pid) ? 'left alone (the PID now belongs to another program)' : 'not running'})
  }
  return out
}

export async function stackDown(dirArg: string, o: StackEnv): Promise<{dir: string; servers: StopReport[]; portsInUse: number[]}> {
  const dir = resolve(dirArg)
  const state = await readState(dir)
  if (!state) throw new UsageError(`no stack was started from ${dir}`, {hint: `start one with spock stack up --dir ${dirArg}`})
  const servers = await stopAll(state)
  const ports = state.servers.flatMap((s) => [s.port, ...(s.clusterPort ? [s.clusterPort] : [])])
  const portsInUse: number[] = []
  for (const p of ports) if (await portInUse(p)) portsInUse.push(p)
  await Promise.all([stateFile(dir), ...state.servers.map((s) => join(dir, STACK_DIR, `${s.name}.pid`))].map((f) => rm(f, {force: true})))
  await removeStackContext(o.spockConfig, o.env, state.context, state.previousContext)
  return {dir, servers, portsInUse}
}

export interface ServerStatus {
  name: string
  url: string
  pid: number
  running: boolean
  ready: boolean
  log: string
}

/** context is null (and servers empty) when no stack was started from DIR. */
export async function stackStatus(dirArg: string): Promise<{dir: string; context: string | null; servers: ServerStatus[]}> {
  const dir = resolve(dirArg)
  const state = await readState(dir)
  if (!state) return {dir, context: null, servers: []}
  const servers = await Promise.all(state.servers.map(async (s) => {
    const running = isOurs(s.pid, s.argv)
    const ready = running && (await get(`${s.url}/-/ready`))?.status === 200
    return {name: s.name, url: s.url, pid: s.pid, running, ready, log: s.log}
  }))
  return {dir, context: state.context, servers}
}

export async function stackLogs(dirArg: string, lines: number, only?: string): Promise<{name: string; log: string; lines: string[]}[]> {
  const dir = resolve(dirArg)
  const state = await readState(dir)
  if (!state) throw new UsageError(`no stack was started from ${dir}`, {hint: `start one with spock stack up --dir ${dirArg}`})
  const picked = state.servers.filter((s) => !only || s.name === only || s.kind === only)
  if (picked.length === 0) throw new UsageError(`no server "${only}" in this stack`, {hint: `use one of ${state.servers.map((s) => s.name).join(', ')}, prometheus or alertmanager`})
  return Promise.all(picked.map(async (s) => ({name: s.name, log: s.log, lines: (await readFile(s.log, 'utf8').catch(() => '')).trimEnd().split('\n').slice(-lines)})))
}
