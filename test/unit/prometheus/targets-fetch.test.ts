// checkServerTargets / checkServerTsdb with a stand-in client: which calls are made, which failures are tolerated.
import {readFileSync} from 'node:fs'
import {describe, expect, test} from 'vitest'
import {ApiError, ConnectionError} from '../../../src/errors.js'
import type {HttpClient, RequestOptions} from '../../../src/http/client.js'
import {checkServerTargets} from '../../../src/prometheus/targets.js'
import {checkServerTsdb} from '../../../src/prometheus/tsdb.js'

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/api/${name}`, import.meta.url), 'utf8')) as unknown
const ok = (data: unknown) => ({status: 'success', data})

/** A client answering from a table of paths; a thrown value is thrown. */
function fakeClient(answers: Record<string, unknown>, calls: string[] = []): HttpClient {
  return {
    displayUrl: 'http://prom:9090',
    async getJson(path: string, opts: RequestOptions = {}) {
      const query = Object.entries((opts.query ?? {}) as Record<string, string | undefined>).filter(([, v]) => v !== undefined)
      calls.push(`${path}${query.length > 0 ? `?${new URLSearchParams(query as [string, string][])}` : ''}`)
      const a = answers[path]
      if (a instanceof Error) throw a
      if (a === undefined) throw new ApiError(`GET ${path} failed with HTTP 404`, {status: 404})
      return a
    },
  } as unknown as HttpClient
}

const NOW = () => new Date('2026-11-22T07:22:58Z')
const fresh = {labels: {job: 'p', instance: 'h:1'}, scrapePool: 'p', scrapeUrl: 'http://h:1/metrics', lastScrape: '0001-01-01T00:00:00Z', lastScrapeDuration: 0, health: 'unknown', scrapeInterval: '5s'}

describe('checkServerTargets', () => {
  test('asks for state=any, the start time and the pools', async () => {
    const calls: string[] = []
    const http = fakeClient({
      '/api/v1/targets': fixture('prometheus-2.42-api-v1-targets.json'),
      '/api/v1/status/runtimeinfo': ok({startTime: '2026-11-22T07:00:00Z'}),
      '/api/v1/scrape_pools': ok({scrapePools: ['alertmanager', 'down-target', 'prometheus']}),
    }, calls)
    const r = await checkServerTargets(http, {jobs: ['nodes']}, NOW)
    expect(calls.sort()).toEqual(['/api/v1/scrape_pools', '/api/v1/status/runtimeinfo', '/api/v1/targets?state=any'])
    expect(r.problems).toEqual([{kind: 'no-targets', severity: 'error', job: 'nodes', message: 'no such job; configured jobs: alertmanager, down-target, prometheus'}])
  })

  test('the start time from runtimeinfo makes a long-unscraped target a problem', async () => {
    const http = fakeClient({'/api/v1/targets': ok({activeTargets: [fresh]}), '/api/v1/status/runtimeinfo': ok({startTime: '2026-11-22T07:00:00Z'})})
    const r = await checkServerTargets(http, {}, NOW)
    expect(r.problems.map((p) => p.message)).toEqual(['not scraped yet, 22m58s after Prometheus started'])
  })

  test('servers without runtimeinfo or scrape_pools (HTTP 404) are still checked', async () => {
    const http = fakeClient({'/api/v1/targets': ok({activeTargets: [fresh]})})
    const r = await checkServerTargets(http, {jobs: ['x']}, NOW)
    expect(r.problems.map((p) => p.message)).toEqual(['no targets: no such job, or its service discovery found nothing'])
  })

  test('a connection failure is not swallowed', async () => {
    const down = new ConnectionError('cannot reach http://prom:9090/api/v1/targets: connection refused')
    const http = fakeClient({'/api/v1/targets': down, '/api/v1/status/runtimeinfo': down, '/api/v1/scrape_pools': down})
    await expect(checkServerTargets(http, {}, NOW)).rejects.toBe(down)
  })

  test('a body of the wrong shape is an ApiError naming the URL (exit 3)', async () => {
    const http = fakeClient({'/api/v1/targets': ok({targets: []})})
    const err = await checkServerTargets(http, {}, NOW).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).message).toMatch(/^unexpected response from http:\/\/prom:9090\/api\/v1\/targets: data\.activeTargets: /)
    expect((err as ApiError).exitCode).toBe(3)
  })
})

describe('checkServerTsdb', () => {
  test.each([
    [{}, '/api/v1/status/tsdb'],
    [{limit: 3}, '/api/v1/status/tsdb?limit=3'],
  ])('%j asks %s', async (opts, url) => {
    const calls: string[] = []
    const r = await checkServerTsdb(fakeClient({'/api/v1/status/tsdb': fixture('prometheus-2.42-api-v1-status-tsdb.json')}, calls), opts)
    expect(calls).toEqual([url])
    expect(r.headStats.numSeries).toBe(771)
  })
})
