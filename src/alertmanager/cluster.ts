// HA peers: probe all, use the first healthy one for reads and writes, check that writes gossip to the others.
import {ApiError, ConnectionError, SpockError} from '../errors.js'
import type {HttpClient} from '../http/client.js'
import {getStatus} from './api.js'
import type {SilenceState} from './schemas.js'

export interface PeerFailure {
  url: string
  reason: string
}

export interface Cluster {
  /** The first configured peer that answered; every read and write goes here. */
  primary: HttpClient
  /** Alertmanager version of the primary, e.g. "0.25.0". */
  version: string
  /** The other peers that answered, in configured order. */
  others: HttpClient[]
  /** Peers that did not answer (named on stderr by the commands). */
  down: PeerFailure[]
}

/** Probe every peer's /api/v2/status concurrently; fail only when none answers. */
/** Once one peer has answered, how long the others may take before they count as down. */
const PEER_GRACE_MS = 2_000

export async function openCluster(peers: readonly HttpClient[], graceMs = PEER_GRACE_MS): Promise<Cluster> {
  if (peers.length === 0) throw new SpockError('no Alertmanager URL configured', {hint: 'pass --alertmanager-url http://host:9093'})
  const probes = await settleWithGrace(peers.map((p) => getStatus(p)), graceMs, (i) =>
    new ConnectionError(`${peers[i]!.displayUrl} did not answer within ${graceMs / 1000}s of the first peer`),
  )
  const healthy: {http: HttpClient; version: string}[] = []
  const down: PeerFailure[] = []
  const errors: unknown[] = []
  probes.forEach((probe, i) => {
    const http = peers[i]!
    if (probe.status === 'fulfilled') healthy.push({http, version: probe.value.versionInfo.version})
    else {
      errors.push(probe.reason)
      down.push({url: http.displayUrl, reason: (probe.reason as Error).message ?? String(probe.reason)})
    }
  })
  const first = healthy[0]
  if (!first) {
    if (errors.length === 1 || errors.every((e) => e instanceof ApiError && e.exitCode === 2)) throw errors[0]
    throw new ConnectionError(`no Alertmanager peer answered: ${down.map((d) => d.reason).join('; ')}`, {
      hint: 'check the --alertmanager-url values and that at least one peer is up',
    })
  }
  return {primary: first.http, version: first.version, others: healthy.slice(1).map((h) => h.http), down}
}

/**
 * Promise.allSettled, except that once one promise has fulfilled the rest get `graceMs` more;
 * a hung peer then counts as down instead of holding the command for the whole request timeout.
 */
async function settleWithGrace<T>(work: Promise<T>[], graceMs: number, late: (i: number) => Error): Promise<PromiseSettledResult<T>[]> {
  let timer: NodeJS.Timeout | undefined
  const graceOver = new Promise<void>((resolve) => {
    for (const w of work) void w.then(() => (timer ??= setTimeout(resolve, graceMs)), () => undefined)
  })
  try {
    return await Promise.all(
      work.map((w, i) =>
        Promise.race([w, graceOver.then(() => Promise.reject(late(i)))]).then(
          (value): PromiseSettledResult<T> => ({status: 'fulfilled', value}),
          (reason: unknown): PromiseSettledResult<T> => ({status: 'rejected', reason}),
        ),
      ),
    )
  } finally {
    clearTimeout(timer)
  }
}

/** Major/minor comparison of "0.25.0"-style versions; unknown or odd versions count as new. */
export function versionAtLeast(version: string, major: number, minor: number): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(version)
  if (!m) return true
  const [maj, min] = [Number(m[1]), Number(m[2])]
  return maj > major || (maj === major && min >= minor)
}

/** Silence annotations exist from Alertmanager 0.32. */
export function supportsSilenceAnnotations(cluster: Pick<Cluster, 'version'>): boolean {
  return versionAtLeast(cluster.version, 0, 32)
}

/** GET /silences takes active/pending/expired from Alertmanager 0.34. */
function supportsStateParams(cluster: Pick<Cluster, 'version'>): boolean {
  return versionAtLeast(cluster.version, 0, 34)
}

/** The state filter to send, or undefined for servers that ignore it (callers filter anyway). */
export function stateParams(cluster: Pick<Cluster, 'version'>, states: readonly SilenceState[]): readonly SilenceState[] | undefined {
  return supportsStateParams(cluster) ? states : undefined
}

interface WaitOptions {
  timeoutMs: number
  intervalMs?: number
}

/**
 * Poll `check` on every peer until it holds or the time is up.
 * Returns the peers on which it never held (errors count as "not yet").
 */
export async function peersLacking(
  peers: readonly HttpClient[],
  check: (http: HttpClient) => Promise<boolean>,
  opts: WaitOptions,
): Promise<PeerFailure[]> {
  const deadline = Date.now() + opts.timeoutMs
  const interval = opts.intervalMs ?? 50
  const results = await Promise.all(
    peers.map(async (http): Promise<PeerFailure | undefined> => {
      let last = 'not visible yet'
      for (;;) {
        try {
          if (await check(http)) return undefined
        } catch (err) {
          last = (err as Error).message
        }
        if (Date.now() >= deadline) return {url: http.displayUrl, reason: `${last} after ${opts.timeoutMs} ms`}
        await new Promise((resolve) => setTimeout(resolve, interval))
      }
    }),
  )
  return results.filter((r): r is PeerFailure => r !== undefined)
}

