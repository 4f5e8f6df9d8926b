import {describe, expect, test} from 'vitest'
import {getSilences} from '../../../src/alertmanager/api.js'
import {mapConcurrent} from '../../../src/concurrency.js'
import {openCluster, peersLacking, stateParams, versionAtLeast} from '../../../src/alertmanager/cluster.js'
import {ApiError, ConnectionError} from '../../../src/errors.js'
import type {HttpClient} from '../../../src/http/client.js'

const statusBody = (version: string) => ({
  cluster: {name: 'x', status: 'ready', peers: []},
  versionInfo: {version},
  config: {original: ''},
  uptime: '2026-11-22T08:00:00Z',
})

/** A stand-in for HttpClient: only what cluster.ts and getStatus use. */
function peer(url: string, answer: () => unknown): HttpClient {
  return {displayUrl: url, getJson: async () => answer()} as unknown as HttpClient
}
const up = (url: string, version = '0.25.0') => peer(url, () => statusBody(version))
const down = (url: string) =>
  peer(url, () => {
    throw new ConnectionError(`cannot reach ${url}/api/v2/status: connection refused`)
  })

describe('openCluster', () => {
  test('uses the first healthy peer and names the down ones', async () => {
    // Given peer A down and B, C up
    const cluster = await openCluster([down('http://a'), up('http://b', '0.25.0'), up('http://c', '0.27.0')])
    // Then B is primary, C is another peer, A is reported down
    expect(cluster.primary.displayUrl).toBe('http://b')
    expect(cluster.version).toBe('0.25.0')
    expect(cluster.others.map((o) => o.displayUrl)).toEqual(['http://c'])
    expect(cluster.down).toEqual([{url: 'http://a', reason: 'cannot reach http://a/api/v2/status: connection refused'}])
  })

  test('the configured order wins even when a later peer answers first', async () => {
    const slow = peer('http://a', () => new Promise((resolve) => setImmediate(() => resolve(statusBody('0.25.0')))))
    const cluster = await openCluster([slow, up('http://b')])
    expect(cluster.primary.displayUrl).toBe('http://a')
    expect(cluster.down).toEqual([])
  })

  test('all peers down: one ConnectionError naming each', async () => {
    const err = await openCluster([down('http://a'), down('http://b')]).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConnectionError)
    expect((err as Error).message).toMatch(/no Alertmanager peer answered: .*http:\/\/a.*http:\/\/b/)
  })

  test('a single peer: its own error is thrown unchanged', async () => {
    const refused = new ApiError('GET http://a/api/v2/status failed with HTTP 401', {status: 401})
    const err = await openCluster([peer('http://a', () => Promise.reject(refused))]).catch((e: unknown) => e)
    expect(err).toBe(refused)
  })

  test('a peer answering something that is not Alertmanager counts as down', async () => {
    const cluster = await openCluster([peer('http://a', () => ({hello: 'world'})), up('http://b')])
    expect(cluster.primary.displayUrl).toBe('http://b')
    expect(cluster.down[0]?.reason).toMatch(/unexpected response from http:\/\/a\/api\/v2\/status/)
  })
})

describe('versionAtLeast', () => {
  test.each([
    ['0.25.0', 0, 32, false],
    ['0.32.0', 0, 32, true],
    ['0.34.1', 0, 32, true],
    ['v0.31.9', 0, 32, false],
    ['1.0.0', 0, 32, true],
    ['main-abc', 0, 32, true],
  ])('%s >= %d.%d is %s', (version, major, minor, expected) => {
    expect(versionAtLeast(version, major, minor)).toBe(expected)
  })
})

describe('silence state parameters (Alertmanager 0.34+)', () => {
  test('sent only to servers that know them', async () => {
    expect(stateParams({version: '0.25.0'}, ['active'])).toBeUndefined()
    expect(stateParams({version: '0.34.0'}, ['active'])).toEqual(['active'])
  })

  test('getSilences turns states into active/pending/expired query parameters', async () => {
    const seen: unknown[] = []
    const http = {displayUrl: 'http://a', getJson: async (_p: string, opts: {query?: unknown}) => (seen.push(opts.query), [])} as unknown as HttpClient
    await getSilences(http, {serverStates: ['active', 'pending']})
    await getSilences(http)
    expect(seen).toEqual([{active: 'true', pending: 'true', expired: 'false'}, undefined])
  })

  test('keep drops other states before validation; a malformed state is still reported', async () => {
    const silence = (id: string, state: unknown) => ({
      id,
      status: {state},
      updatedAt: '2026-11-22T10:00:00.000Z',
      matchers: [{name: 'a', value: 'b', isRegex: false, isEqual: true}],
      startsAt: '2026-11-22T10:00:00.000Z',
      endsAt: '2026-11-22T12:00:00.000Z',
      createdBy: 'me',
      comment: 'c',
    })
    const reply = (list: unknown[]) => ({displayUrl: 'http://a', getJson: async () => list}) as unknown as HttpClient
    const expiredAndBroken = {...silence('old', 'expired'), matchers: 'not a list'}
    const kept = await getSilences(reply([silence('live', 'active'), expiredAndBroken]), {keep: ['active']})
    expect(kept.map((s) => s.id)).toEqual(['live'])
    await expect(getSilences(reply([silence('odd', 'sleeping')]), {keep: ['active']})).rejects.toThrow(/state/)
  })
})

describe('peersLacking', () => {
  test('returns only the peers on which the check never held', async () => {
    // Given peer A that sees the write on the third poll, and B that never does
    let polls = 0
    const a = up('http://a')
    const b = up('http://b')
    const lacking = await peersLacking(
      [a, b],
      async (http) => (http === a ? ++polls >= 3 : false),
      {timeoutMs: 100, intervalMs: 5},
    )
    expect(polls).toBe(3)
    expect(lacking.map((l) => l.url)).toEqual(['http://b'])
    expect(lacking[0]?.reason).toMatch(/not visible yet after 100 ms/)
  })

  test('errors count as "not yet" and their message is kept', async () => {
    const lacking = await peersLacking([up('http://a')], async () => Promise.reject(new Error('boom')), {timeoutMs: 10, intervalMs: 5})
    expect(lacking[0]?.reason).toMatch(/^boom after 10 ms/)
  })
})

describe('mapConcurrent', () => {
  test('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0
    let peak = 0
    const out = await mapConcurrent([5, 1, 4, 2, 3, 0], 2, async (n, i) => {
      inFlight++
      peak = Math.max(peak, inFlight)
      await new Promise((resolve) => setImmediate(resolve))
      inFlight--
      return `${i}:${n}`
    })
    expect(out).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0'])
    expect(peak).toBe(2)
  })

  test('empty input', async () => {
    expect(await mapConcurrent([], 4, async () => 1)).toEqual([])
  })
})

describe('openCluster with a hung peer', () => {
  test('a peer that never answers counts as down once another answered and the grace is over', async () => {
    // Given peer A never answers and B is up
    const hung = peer('http://a', () => new Promise(() => undefined))
    // When the cluster is opened with a short grace
    const cluster = await openCluster([hung, up('http://b')], 50)
    // Then B is used and A is named, without waiting for A's request timeout
    expect(cluster.primary.displayUrl).toBe('http://b')
    expect(cluster.down).toEqual([{url: 'http://a', reason: 'http://a did not answer within 0.05s of the first peer'}])
  })
})
