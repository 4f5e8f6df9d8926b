// spock silences apply against a real 2-peer Alertmanager 0.25 cluster: idempotence, updates, --prune that spares
// hand-made silences, weekly windows in a non-UTC zone, a bad file, and a stopped peer.
import {writeFile} from 'node:fs/promises'
import {createServer, request} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli, type CliResult} from '../support/run-cli.js'
import {startAlertmanagerCluster, stopAll, unusedUrl, type AlertmanagerServer} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

interface ApiSilence {
  id: string
  status: {state: string}
  comment: string
  startsAt: string
  endsAt: string
  matchers: {name: string; value: string}[]
}
interface Action {
  action: string
  name: string
  id?: string
  previousId?: string
  startsAt: string
  endsAt: string
  reason?: string
  error?: string
}
interface Report {
  actions: Action[]
  summary: Record<string, number>
  dryRun: boolean
  down: {url: string}[]
  notPropagated: unknown[]
  orphans: {name: string; id: string}[]
}

let peers: AlertmanagerServer[]
let dir: string
let seq = 0
const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}`

beforeAll(async () => {
  ;[peers, dir] = await Promise.all([startAlertmanagerCluster(2), makeTempDir('spock-apply-')])
})
afterAll(async () => {
  await stopAll(peers ?? [])
  await removeTempDir(dir)
})

const urls = () => [peers[0]!.url, peers[1]!.url]

async function apply(text: string, flags: string[] = [], peerUrls = urls()): Promise<CliResult & {report?: Report}> {
  const file = join(dir, `${unique('file')}.yml`)
  await writeFile(file, text)
  const r = await runCli(['silences', 'apply', '-f', file, '-o', 'json', ...flags], {env: {SPOCK_ALERTMANAGER_URL: peerUrls.join(','), USER: 'ci-bot'}})
  return {...r, report: r.code === 0 || r.code === 1 ? (JSON.parse(r.stdout) as Report) : undefined}
}

/** Active and pending silences on a peer that have a matcher with this value. */
async function silencesOn(url: string, value: string): Promise<ApiSilence[]> {
  const all = (await (await fetch(`${url}/api/v2/silences`)).json()) as ApiSilence[]
  return all.filter((s) => s.status.state !== 'expired' && s.matchers.some((m) => m.value === value))
}

const kinds = (r: Report) => r.actions.map((a) => `${a.action} ${a.name}`)
const ids = (r: Report) => r.actions.map((a) => a.id).sort()

/** Each test has its own scope: names are unique per Alertmanager and scope, and every test here uses the same names. */
function fileFor(value: string, extra = ''): string {
  return `scope: ${value}
silences:
  - name: fixed
    matchers: ['svc="${value}"', 'kind="fixed"']
    comment: freeze
    starts: 2030-12-24T00:00:00Z
    ends: 2030-12-27T00:00:00Z
  - name: deploy
    matchers: ['svc="${value}"', 'kind=~"deploy|rollout"']
    comment: rolling deploy
    duration: 2h
  - name: weekly
    matchers: ['svc="${value}"', 'kind="weekly"']
    comment: patching
    schedule:
      weekdays: [saturday]
      times: [{start_time: "02:00", end_time: "06:00"}]
      location: Asia/Seoul
${extra}`
}

describe('silences apply', () => {
  test('a second run is all unchanged and creates no new silence IDs', async () => {
    const value = unique('idem')
    const first = await apply(fileFor(value))
    expect(first.code, first.stderr).toBe(0)
    expect(kinds(first.report!)).toEqual(['create fixed', 'create deploy', 'create weekly'])
    expect(first.report!.summary).toEqual({create: 3, update: 0, expire: 0, unchanged: 0, failed: 0})
    const held = await silencesOn(peers[0]!.url, value)
    expect(held.map((s) => s.id).sort()).toEqual(ids(first.report!))
    expect(held.every((s) => s.comment.endsWith(`[spock-apply:${value}/fixed]`) || s.comment.endsWith(`[spock-apply:${value}/deploy]`) || s.comment.endsWith(`[spock-apply:${value}/weekly]`))).toBe(true)

    const second = await apply(fileFor(value))
    expect(second.code, second.stderr).toBe(0)
    expect(kinds(second.report!)).toEqual(['unchanged fixed', 'unchanged deploy', 'unchanged weekly'])
    expect(ids(second.report!)).toEqual(ids(first.report!))
    expect((await silencesOn(peers[0]!.url, value)).map((s) => s.id).sort()).toEqual(ids(first.report!))
  })

  test('--dry-run prints the plan and sends nothing', async () => {
    const value = unique('dry')
    const ended = `  - {name: old, matchers: ['svc="${value}"'], comment: c, ends: 2020-01-01T00:00:00Z}\n`
    const r = await apply(fileFor(value, ended), ['--dry-run'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.report!.dryRun).toBe(true)
    expect(kinds(r.report!)).toEqual(['create fixed', 'create deploy', 'create weekly'])
    expect(r.stderr).toContain('old: its window ended at 2020-01-01T00:00:00Z, so it holds no silence; remove the entry')
    expect(await silencesOn(peers[0]!.url, value)).toEqual([])
    const missing = await runCli(['silences', 'apply', '-f', join(dir, 'missing.yml'), '--dry-run'], {env: {SPOCK_ALERTMANAGER_URL: urls().join(',')}})
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('missing.yml')
  })

  test('Asia/Seoul Saturday 02:00-06:00 with --horizon 21d: Friday 17:00-21:00 UTC windows, three of them', async () => {
    const value = unique('seoul')
    const r = await apply(fileFor(value), ['--horizon', '21d'])
    expect(r.code, r.stderr).toBe(0)
    const weekly = r.report!.actions.filter((a) => a.name === 'weekly')
    // Expected, computed independently: Seoul is UTC+9 all year, so Saturday 02:00 there is Friday 17:00Z.
    const now = Date.now()
    const day = new Date(now)
    const want: [number, number][] = []
    for (let d = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - 86_400_000; want.length < 5; d += 86_400_000) {
      if (new Date(d).getUTCDay() !== 5) continue
      const [s, e] = [d + 17 * 3_600_000, d + 21 * 3_600_000]
      if (e > now && (want.length === 0 || s <= now + 21 * 86_400_000)) want.push([s, e])
      if (s > now + 21 * 86_400_000) break
    }
    const inside = want[0]![0] <= now
    expect(weekly).toHaveLength(inside ? 4 : 3)
    expect(weekly.map((a) => Date.parse(a.endsAt))).toEqual(want.map((w) => w[1]))
    expect(weekly.slice(inside ? 1 : 0).map((a) => Date.parse(a.startsAt))).toEqual(want.slice(inside ? 1 : 0).map((w) => w[0]))
    const onServer = (await silencesOn(peers[0]!.url, value)).filter((s) => s.comment.endsWith(`[spock-apply:${value}/weekly]`))
    expect(onServer.map((s) => Date.parse(s.endsAt)).sort()).toEqual(want.map((w) => w[1]))
    // A run without --horizon keeps the later windows
    const again = await apply(fileFor(value))
    expect(again.report!.actions.filter((a) => a.name === 'weekly').map((a) => a.action)).toEqual(weekly.map(() => 'unchanged'))
  })

  test('a changed comment and end update the same silence in place', async () => {
    const value = unique('update')
    const first = await apply(fileFor(value))
    const fixedId = first.report!.actions.find((a) => a.name === 'fixed')!.id
    const changed = fileFor(value).replace('comment: freeze', 'comment: code freeze').replace('2030-12-27T00:00:00Z', '2030-12-28T00:00:00Z')
    const r = await apply(changed)
    expect(r.code, r.stderr).toBe(0)
    expect(r.report!.actions.map((a) => [a.action, a.name, a.reason])).toEqual([
      ['update', 'fixed', 'end 2030-12-27T00:00:00Z -> 2030-12-28T00:00:00Z; comment changed'],
      ['unchanged', 'deploy', undefined],
      ['unchanged', 'weekly', undefined],
    ])
    expect(r.report!.actions[0]).toMatchObject({id: fixedId, endsAt: '2030-12-28T00:00:00Z'})
    expect(r.report!.actions[0]!.previousId).toBeUndefined()
    const stored = (await silencesOn(peers[0]!.url, value)).find((s) => s.id === fixedId)!
    expect(stored.comment).toBe(`code freeze [spock-apply:${value}/fixed]`)
    expect(Date.parse(stored.endsAt)).toBe(Date.parse('2030-12-28T00:00:00Z'))
    expect(kinds((await apply(changed)).report!)).toEqual(['unchanged fixed', 'unchanged deploy', 'unchanged weekly'])
    // A longer duration extends the active silence, keeping its ID and start
    const deploy = (await silencesOn(peers[0]!.url, value)).find((x) => x.id === first.report!.actions.find((a) => a.name === 'deploy')!.id)!
    const longer = await apply(changed.replace('duration: 2h', 'duration: 4h'))
    const extended = longer.report!.actions.find((a) => a.name === 'deploy')!
    expect(extended).toMatchObject({action: 'update', id: deploy.id})
    expect(Date.parse(extended.startsAt)).toBe(Date.parse(deploy.startsAt))
    expect(extended.previousId).toBeUndefined()
    expect(Date.parse(extended.endsAt) - Date.now()).toBeGreaterThan(3.5 * 3_600_000)
  })

  test('--prune expires only its own silences: a hand-made silence with the same matchers survives', async () => {
    const value = unique('prune')
    const first = await apply(fileFor(value))
    const deployId = first.report!.actions.find((a) => a.name === 'deploy')!.id!
    // A silence made by hand with exactly the deploy entry's matchers
    const handMade = await runCli(['silences', 'create', `svc=${value}`, 'kind=~"deploy|rollout"', '--comment', 'by hand', '--duration', '2h', '--always-new', '-q'], {
      env: {SPOCK_ALERTMANAGER_URL: peers[0]!.url},
    })
    expect(handMade.code, handMade.stderr).toBe(0)
    const handId = handMade.stdout.trim()
    const withoutDeploy = fileFor(value).replace(/ {2}- name: deploy\n(?: {4}.*\n){3}/, '')
    expect(withoutDeploy).not.toContain('deploy')

    const kept = await apply(withoutDeploy)
    expect(kept.code, kept.stderr).toBe(0)
    expect(kinds(kept.report!)).toEqual(['unchanged fixed', 'unchanged weekly'])
    expect(kept.report!.orphans).toEqual([{name: 'deploy', id: deployId}])
    expect(kept.stderr).toContain('pass --prune to expire them')

    const pruned = await apply(withoutDeploy, ['--prune'])
    expect(pruned.code, pruned.stderr).toBe(0)
    expect(pruned.report!.actions.map((a) => [a.action, a.name, a.id])).toEqual([
      ['unchanged', 'fixed', expect.any(String)],
      ['unchanged', 'weekly', expect.any(String)],
      ['expire', 'deploy', deployId],
    ])
    const live = (await silencesOn(peers[0]!.url, value)).map((s) => s.id)
    expect(live).toContain(handId)
    expect(live).not.toContain(deployId)
    expect(live).toHaveLength(3)
  })

  test('a bad file with three problems: three file:line lines, exit 2, nothing sent', async () => {
    const value = unique('bad')
    const bad = `silences:
  - name: good
    matchers: ['svc="${value}"']
    comment: fine
    duration: 1h
  - name: one
    matchers: ['svc="${value}"']
    comment: ok
    duration: 2x
  - name: two
    matchers: ['job=~"(api"']
    comment: bad regex
    ends: 2030-01-01T00:00:00Z
  - name: three
    matchers: [a=b]
    comment: bad zone
    schedule:
      weekdays: [saturday]
      location: Mars/Olympus
`
    const r = await apply(bad)
    expect(r.code).toBe(2)
    const lines = r.stderr.split('\n').filter((l) => /^\s+\S+\.yml:\d+:\d+: /.test(l))
    expect(lines.map((l) => /\.yml:(\d+):/.exec(l)![1])).toEqual(['9', '11', '19'])
    expect(r.stderr).toMatch(/has 3 problems; nothing was sent/)
    expect(r.stderr).not.toMatch(/\n\s+at /) // no stack trace
    expect(JSON.parse(r.stdout).error.exitCode).toBe(2)
    expect(await silencesOn(peers[0]!.url, value)).toEqual([])
  })

  test('two healthy peers: written once, and the other peer shows it', async () => {
    const value = unique('gossip')
    const r = await apply(fileFor(value))
    expect(r.code, r.stderr).toBe(0)
    expect(r.report!.notPropagated).toEqual([])
    expect((await silencesOn(peers[1]!.url, value)).map((s) => s.id).sort()).toEqual(ids(r.report!))
  })

  test('a write the server refuses: exit 1, the other actions done, the failure named', async () => {
    // A pass-through proxy to peer A that answers HTTP 500 to any silence POST mentioning "refuse-me"
    const upstream = new URL(peers[0]!.url)
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = Buffer.concat(chunks)
        if (req.method === 'POST' && body.toString().includes('refuse-me')) return void res.writeHead(500).end('storage full')
        const up = request({hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: {...req.headers, host: upstream.host}}, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers)
          r.pipe(res)
        })
        up.on('error', () => res.writeHead(502).end())
        up.end(body)
      })
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    try {
      const value = unique('fail')
      const text = `scope: ${value}\nsilences:\n  - {name: ok, matchers: ['svc="${value}"'], comment: fine, duration: 1h}\n  - {name: refused, matchers: ['svc="${value}"', 'x="refuse-me"'], comment: no, duration: 1h}\n`
      const r = await apply(text, [], [`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`])
      expect(r.code, r.stderr).toBe(1)
      expect(r.report!.summary).toEqual({create: 2, update: 0, expire: 0, unchanged: 0, failed: 1})
      expect(r.report!.actions[0]!.error).toBeUndefined()
      expect(r.report!.actions[1]).toMatchObject({action: 'create', name: 'refused', error: expect.stringMatching(/HTTP 500.*storage full/)})
      expect(r.stderr).toContain('1 of 2 actions failed')
      expect((await silencesOn(peers[0]!.url, value)).map((x) => x.id)).toEqual([r.report!.actions[0]!.id])
    } finally {
      await new Promise((resolve) => proxy.close(resolve))
    }
  })

  test('no peer reachable: exit 3', async () => {
    const r = await apply(fileFor(unique('none')), [], [await unusedUrl(), await unusedUrl()])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/no Alertmanager peer answered/)
  })

  test('a stopped peer: apply still succeeds on the other and names the stopped one', async () => {
    // Last test in the file: it stops peer B for good.
    await peers[1]!.stop()
    const value = unique('stopped')
    const r = await apply(fileFor(value), [], [peers[1]!.url, peers[0]!.url])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain(`peer ${peers[1]!.url} is down`)
    expect(r.report!.down.map((d) => d.url)).toEqual([peers[1]!.url])
    expect(kinds(r.report!)).toEqual(['create fixed', 'create deploy', 'create weekly'])
    expect((await silencesOn(peers[0]!.url, value)).map((s) => s.id).sort()).toEqual(ids(r.report!))
    expect(kinds((await apply(fileFor(value), [], [peers[1]!.url, peers[0]!.url])).report!)).toEqual(['unchanged fixed', 'unchanged deploy', 'unchanged weekly'])
  })
})
