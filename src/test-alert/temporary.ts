// A receiver no route reaches is tested on a temporary Alertmanager: the local alertmanager program on
// 127.0.0.1 (a free port, no gossip, a temp dir) with a config that sends everything to that receiver. spock
// posts the test alert, waits for the notification counters, reads the reason of a failure from the log,
// then stops the process by its PID and removes the directory.
import {spawn, type ChildProcess} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {SpockError} from '../errors.js'
import {findBinary} from '../files/binaries.js'
import {HttpClient} from '../http/client.js'
import {redactReply, secretForms} from '../notify/redact-reply.js'
import type {SyntheticAlert} from '../notify/alert.js'
import {notificationCounters, waitForDelivery, type DeliveryCount} from './send.js'
import {temporaryConfig} from './temporary-config.js'

export interface TemporaryRun {
  receiver: string
  /** Why the temporary path was used (the routing tree's answer). */
  why: string
  /** The Alertmanager program that ran, or undefined when none was started. */
  binary?: string
  delivery: DeliveryCount[]
  problems: string[]
  ok: boolean
}

interface TemporaryOptions {
  raw: Record<string, unknown>
  receiver: string
  why: string
  /** Directory of --config, for relative paths; undefined for the running config. */
  baseDir: string | undefined
  /** Integration type → notifications expected (each *_configs entry sends one). */
  expected: Map<string, number>
  alert: SyntheticAlert
  timeoutMs: number
  waitMs: number
  env?: NodeJS.ProcessEnv
}

/** How long the temporary Alertmanager may take to load its config and listen. */
const START_TIMEOUT_MS = 15_000
/** How long it may take to stop before it is killed. */
const STOP_GRACE_MS = 5_000

export async function testOnTemporary(o: TemporaryOptions): Promise<TemporaryRun> {
  const run: TemporaryRun = {receiver: o.receiver, why: o.why, delivery: [], problems: [], ok: false}
  const made = temporaryConfig(o.raw, o.receiver, o.baseDir)
  if ('refused' in made) return {...run, problems: [made.refused]}
  let binary: string
  try {
    binary = findBinary('alertmanager', o.env, 'install prometheus-alertmanager (apt-get install prometheus-alertmanager), or test the receiver without Alertmanager: --direct --config alertmanager.yml')
  } catch (err) {
    if (!(err instanceof SpockError)) throw err
    return {...run, problems: [`${o.receiver}: ${err.message}, so a temporary Alertmanager cannot be started (${err.hint})`]}
  }
  run.binary = binary
  const forms = secretForms(made.secrets)
  const clean = (line: string) => redactReply(line, forms)
  const dir = await mkdtemp(join(tmpdir(), 'spock-test-alert-'))
  let am: Started | undefined
  try {
    await writeFile(join(dir, 'alertmanager.yml'), `${JSON.stringify(made.document, null, 2)}\n`, {mode: 0o600})
    am = await start(binary, dir)
    if ('error' in am) return {...run, problems: [`${o.receiver}: the temporary Alertmanager did not start: ${clean(am.error)}`]}
    const http = new HttpClient({url: am.url, headers: {}, tls: {}, timeoutMs: o.timeoutMs})
    try {
      await ready(http)
      const before = await notificationCounters([http])
      await http.post('/api/v2/alerts', {body: [o.alert]})
      run.delivery = await waitForDelivery([http], before, o.expected, o.waitMs)
    } finally {
      await http.close()
    }
    for (const d of run.delivery) {
      const want = o.expected.get(d.integration) ?? 1
      if (d.sent >= want) continue
      const why = lastError(am.log, o.receiver, d.integration)
      if (d.failed > 0) run.problems.push(`${o.receiver}/${d.integration}: ${d.failed} failed notification attempt(s)${why ? `: ${clean(why)}` : ''}`)
      else run.problems.push(`${o.receiver}/${d.integration}: not delivered within ${Math.round(o.waitMs / 1000)}s${why ? `: ${clean(why)}` : ''}`)
    }
    run.ok = run.problems.length === 0
    return run
  } finally {
    if (am?.child) await stop(am.child)
    await rm(dir, {recursive: true, force: true, maxRetries: 3})
  }
}

type Started = {child: ChildProcess; url: string; log: string[]} | {error: string; child?: ChildProcess}

/** Start the program; resolves with its URL once it logs where it listens, or with its last error line. */
function start(binary: string, dir: string): Promise<Started> {
  const args = [
    `--config.file=${join(dir, 'alertmanager.yml')}`,
    `--storage.path=${join(dir, 'data')}`,
    '--web.listen-address=127.0.0.1:0',
    '--cluster.listen-address=',
    '--log.level=debug',
  ]
  const child = spawn(binary, args, {cwd: dir, stdio: ['ignore', 'ignore', 'pipe']})
  const log: string[] = []
  return new Promise((resolvePromise) => {
    let done = false
    const finish = (s: Started) => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolvePromise(s)
    }
    const timer = setTimeout(() => finish({error: `not listening after ${START_TIMEOUT_MS / 1000}s${tail(log)}`, child}), START_TIMEOUT_MS)
    let partial = ''
    child.stderr!.setEncoding('utf8')
    child.stderr!.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n')
      partial = lines.pop()!
      for (const line of lines) {
        log.push(line)
        if (log.length > 2000) log.shift()
        const at = /msg="Listening on" address=(\S+)/.exec(line)
        if (at) finish({child, url: `http://${at[1]}`, log})
      }
    })
    child.once('error', (err) => finish({error: err.message}))
    child.once('exit', (code) => finish({error: `exited with code ${code}${tail(log)}`}))
  })
}

/** The last error line's message, e.g. `err="couldn't load configuration ..."`. */
function tail(log: readonly string[]): string {
  const line = [...log].reverse().find((l) => /level=error/.test(l))
  if (!line) return ''
  return `: ${errText(line)}`
}

function errText(line: string): string {
  const err = /err="((?:[^"\\]|\\.)*)"/.exec(line)?.[1]
  const msg = /msg="((?:[^"\\]|\\.)*)"/.exec(line)?.[1]
  return (err ?? msg ?? line).replace(/\\"/g, '"')
}

/** The reason of the last failed attempt for this receiver's integration, from the Alertmanager log. */
function lastError(log: readonly string[], receiver: string, integration: string): string | undefined {
  const mine = (l: string) =>
    /level=(error|warn)/.test(l) && (l.includes(`${receiver}/${integration}[`) || (l.includes(`integration=${integration}`) && /err="/.test(l)))
  const line = [...log].reverse().find(mine)
  return line ? errText(line) : undefined
}

async function ready(http: HttpClient): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS
  for (;;) {
    try {
      await http.get('/-/ready')
      return
    } catch (err) {
      if (!(err instanceof SpockError) || Date.now() > deadline) throw err
      await delay(50)
    }
  }
}

/** SIGTERM by PID, SIGKILL after STOP_GRACE_MS. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const gone = new Promise<void>((r) => child.once('exit', () => r()))
  process.kill(child.pid, 'SIGTERM')
  let timer: NodeJS.Timeout | undefined
  const late = await Promise.race([gone.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), STOP_GRACE_MS)))])
  clearTimeout(timer)
  if (late) {
    process.kill(child.pid, 'SIGKILL')
    await gone
  }
}
