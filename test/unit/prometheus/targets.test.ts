// checkTargets over the real Prometheus 2.42 /api/v1/targets sample and hand-made variants.
import {readFileSync} from 'node:fs'
import {describe, expect, test} from 'vitest'
import {parseMatchers} from '../../../src/model/matchers.js'
import {UsageError} from '../../../src/errors.js'
import {envelope, isTargetsEnvelope, targetsData, type ActiveTarget, type TargetsData} from '../../../src/prometheus/schemas.js'
import {checkTargets, failingTargetUrls, formatScrapeDuration, targetCheckOptions, type TargetCheckOptions} from '../../../src/prometheus/targets.js'

const SAMPLE = envelope(targetsData).parse(JSON.parse(readFileSync(new URL('../../fixtures/api/prometheus-2.42-api-v1-targets.json', import.meta.url), 'utf8'))).data
const NOW = new Date('2026-11-22T07:22:58Z')
const sel = (s: string) => parseMatchers(s).matchers

function target(over: Partial<ActiveTarget> & {job: string; instance: string}): ActiveTarget {
  const {job, instance, ...rest} = over
  return {
    labels: {job, instance},
    scrapePool: job,
    scrapeUrl: `http://${instance}/metrics`,
    lastError: '',
    lastScrape: '2026-11-22T07:22:57Z',
    lastScrapeDuration: 0.01,
    health: 'up',
    scrapeInterval: '5s',
    scrapeTimeout: '5s',
    ...rest,
  }
}
const data = (activeTargets: ActiveTarget[], extra: Partial<TargetsData> = {}): TargetsData => ({activeTargets, droppedTargets: [], ...extra})
const NEVER = '0001-01-01T00:00:00Z'

describe('checkTargets on the 2.42 sample (2 up, 1 down)', () => {
  const cases: Array<{name: string; opts: TargetCheckOptions; ok: boolean; problems: Array<[string, string]>; count?: number}> = [
    {name: 'default: any down target fails', opts: {}, ok: false, problems: [['down', 'error']]},
    {name: '--max-down 1 tolerates it as a warning', opts: {maxDown: 1}, ok: true, problems: [['down', 'warning']]},
    {name: '--max-down-ratio 0.3 < 1/3 fails with a summary', opts: {maxDownRatio: 0.3}, ok: false, problems: [['down', 'error'], ['too-many-down', 'error']]},
    {name: '--max-down-ratio 0.5 passes', opts: {maxDownRatio: 0.5}, ok: true, problems: [['down', 'warning']]},
    {name: '--job prometheus selects one healthy pool', opts: {jobs: ['prometheus']}, ok: true, problems: [], count: 1},
    {name: '--selector job!="down-target"', opts: {selectors: sel('job!="down-target"')}, ok: true, problems: [], count: 2},
    {name: '--selector matching nothing', opts: {selectors: sel('env="prod"')}, ok: true, problems: [], count: 0},
    {name: '--min-targets 4 fails', opts: {minTargets: 4, maxDown: 1}, ok: false, problems: [['down', 'warning'], ['too-few-targets', 'error']]},
    {name: '--min-targets 3 passes', opts: {minTargets: 3, maxDown: 1}, ok: true, problems: [['down', 'warning']]},
    {name: '--max-scrape-duration 3ms: the 3.9ms scrape is slow', opts: {maxScrapeDurationMs: 3, maxDown: 1}, ok: false, problems: [['down', 'warning'], ['slow', 'error']]},
    {name: '--max-scrape-duration 1s: nothing slow', opts: {maxScrapeDurationMs: 1000, maxDown: 1}, ok: true, problems: [['down', 'warning']]},
  ]
  test.each(cases)('$name', ({opts, ok, problems, count}) => {
    // When: checking the sample with these options
    const r = checkTargets(SAMPLE, opts, NOW)
    // Then: the verdict and the kinds/severities of problems are as expected
    expect(r.ok).toBe(ok)
    expect(r.problems.map((p) => [p.kind, p.severity])).toEqual(problems)
    if (count !== undefined) expect(r.targets).toHaveLength(count)
  })

  test('targets are sorted by job and carry the documented fields', () => {
    const r = checkTargets(SAMPLE, {}, NOW)
    expect(r.targets.map((t) => t.job)).toEqual(['alertmanager', 'down-target', 'prometheus'])
    expect(r.targets[1]).toEqual({
      job: 'down-target',
      instance: '127.0.0.1:19999',
      scrapeUrl: 'http://127.0.0.1:19999/metrics',
      health: 'down',
      lastError: 'Get "http://127.0.0.1:19999/metrics": dial tcp 127.0.0.1:19999: connect: connection refused',
      lastScrape: '2026-11-22T07:22:56.562728233Z',
      lastScrapeDuration: 0.000589123,
      scrapeInterval: 5,
      scrapeTimeout: 5,
      labels: {instance: '127.0.0.1:19999', job: 'down-target'},
    })
    expect(r.jobs).toEqual([
      {job: 'alertmanager', up: 1, down: 0, unknown: 0, dropped: 0},
      {job: 'down-target', up: 0, down: 1, unknown: 0, dropped: 0},
      {job: 'prometheus', up: 1, down: 0, unknown: 0, dropped: 0},
    ])
    expect(r.problems[0]).toEqual({
      kind: 'down',
      severity: 'error',
      job: 'down-target',
      instance: '127.0.0.1:19999',
      scrapeUrl: 'http://127.0.0.1:19999/metrics',
      message: 'down: Get "http://127.0.0.1:19999/metrics": dial tcp 127.0.0.1:19999: connect: connection refused',
    })
    expect(failingTargetUrls(r)).toEqual(['http://127.0.0.1:19999/metrics'])
  })

  test('the too-many-down summary names the threshold', () => {
    const r = checkTargets(SAMPLE, {maxDownRatio: 0.3}, NOW)
    expect(r.problems.at(-1)?.message).toBe('1 of 3 targets unhealthy, more than --max-down-ratio 0.3 allows')
  })
})

describe('jobs named by --job', () => {
  const cases = [
    {name: 'typo, pools known', pools: ['prometheus', 'node'], message: 'no such job; configured jobs: prometheus, node'},
    {name: 'configured, nothing discovered', pools: ['prometheus', 'nodes'], message: 'no targets: service discovery found nothing'},
    {name: 'pools unknown (old server)', pools: undefined, message: 'no targets: no such job, or its service discovery found nothing'},
  ]
  test.each(cases)('$name', ({pools, message}) => {
    const r = checkTargets(SAMPLE, {jobs: ['prometheus', 'nodes'], scrapePools: pools}, NOW)
    expect(r.ok).toBe(false)
    expect(r.problems).toEqual([{kind: 'no-targets', severity: 'error', job: 'nodes', message}])
    expect(r.jobs.map((j) => j.job)).toEqual(['nodes', 'prometheus'])
  })
})

describe('dropped targets', () => {
  const up = target({job: 'node', instance: 'a:9100'})
  const dropped242 = [{discoveredLabels: {__address__: 'x:1', job: 'blackbox'}}, {discoveredLabels: {__address__: 'x:2', job: 'blackbox'}}, {discoveredLabels: {__address__: 'y:1', job: 'node'}}]
  const cases: Array<{name: string; input: TargetsData; opts: TargetCheckOptions; problems: Array<[string, string, string]>; ok: boolean}> = [
    {name: '2.42 droppedTargets: a pool with every target dropped warns', input: data([up], {droppedTargets: dropped242}), opts: {}, ok: true,
      problems: [['all-dropped', 'warning', 'all 2 discovered targets were dropped by relabelling']]},
    {name: '3.x droppedTargetCounts', input: data([up], {droppedTargetCounts: {node: 4, blackbox: 1, empty: 0}}), opts: {}, ok: true,
      problems: [['all-dropped', 'warning', 'all 1 discovered target was dropped by relabelling']]},
    {name: 'named by --job it is an error', input: data([up], {droppedTargets: dropped242}), opts: {jobs: ['blackbox', 'node']}, ok: false,
      problems: [['all-dropped', 'error', 'all 2 discovered targets were dropped by relabelling']]},
    {name: 'other jobs than --job are ignored', input: data([up], {droppedTargets: dropped242}), opts: {jobs: ['node']}, ok: true, problems: []},
  ]
  test.each(cases)('$name', ({input, opts, problems, ok}) => {
    const r = checkTargets(input, opts, NOW)
    expect(r.problems.map((p) => [p.kind, p.severity, p.message])).toEqual(problems)
    expect(r.ok).toBe(ok)
  })

  test('the job summary counts dropped targets', () => {
    const r = checkTargets(data([up], {droppedTargets: dropped242}), {}, NOW)
    expect(r.jobs).toEqual([
      {job: 'blackbox', up: 0, down: 0, unknown: 0, dropped: 2},
      {job: 'node', up: 1, down: 0, unknown: 0, dropped: 1},
    ])
  })
})

describe('targets not scraped yet (health unknown)', () => {
  const fresh = target({job: 'node', instance: 'b:9100', health: 'unknown', lastScrape: NEVER, lastScrapeDuration: 0})
  const at = (iso: string) => new Date(iso)
  const cases: Array<{name: string; opts: TargetCheckOptions; problem?: string}> = [
    {name: 'start time unknown: pending', opts: {}},
    {name: 'server up 8s, interval 5s: still pending', opts: {serverStartTime: at('2026-11-22T07:22:50Z')}},
    {name: 'server up 11s, interval 5s: stuck', opts: {serverStartTime: at('2026-11-22T07:22:47Z')}, problem: 'not scraped yet, 11s after Prometheus started'},
    {name: '--include-unknown: counted however new', opts: {includeUnknown: true}, problem: 'not scraped yet'},
  ]
  test.each(cases)('$name', ({opts, problem}) => {
    const r = checkTargets(data([fresh]), opts, NOW)
    expect(r.problems.map((p) => p.message)).toEqual(problem ? [problem] : [])
    expect(r.ok).toBe(problem === undefined)
    expect(r.targets[0]?.lastScrape).toBeNull()
    expect(r.jobs[0]).toMatchObject({unknown: 1})
  })
})

describe('scrape duration', () => {
  const cases = [
    {name: '4.5s of a 5s timeout warns', duration: 4.5, kinds: [['near-timeout', 'warning', 'last scrape took 4.5s, 90% of its 5s scrape timeout']], ok: true},
    {name: '3.9s of 5s (78%) is fine', duration: 3.9, kinds: [], ok: true},
    {name: 'over --max-scrape-duration is an error, not also a warning', duration: 4.5, max: 2000, kinds: [['slow', 'error', 'last scrape took 4.5s, more than --max-scrape-duration 2s']], ok: false},
  ]
  test.each(cases)('$name', ({duration, max, kinds, ok}) => {
    const r = checkTargets(data([target({job: 'slow', instance: 's:1', lastScrapeDuration: duration})]), {maxScrapeDurationMs: max}, NOW)
    expect(r.problems.map((p) => [p.kind, p.severity, p.message])).toEqual(kinds)
    expect(r.ok).toBe(ok)
  })

  test.each([
    [0.000589123, '0.59ms'],
    [0.00393364, '3.9ms'],
    [0.25, '250ms'],
    [1.234, '1.23s'],
    [12.5, '12.5s'],
  ])('formatScrapeDuration(%s) = %s', (s, text) => expect(formatScrapeDuration(s)).toBe(text))
})

describe('targetCheckOptions', () => {
  test('parses flags', () => {
    expect(targetCheckOptions({job: ['a', 'a', 'b'], selector: ['env="prod",team=~"db.*"'], 'max-down-ratio': '0.25', 'max-scrape-duration': '1s500ms', 'min-targets': 2})).toEqual({
      jobs: ['a', 'b'],
      selectors: [{name: 'env', type: '=', value: 'prod'}, {name: 'team', type: '=~', value: 'db.*'}],
      maxDown: undefined,
      maxDownRatio: 0.25,
      maxScrapeDurationMs: 1500,
      minTargets: 2,
      includeUnknown: undefined,
    })
  })
  test.each([
    [{'max-down-ratio': '1.5'}, /invalid --max-down-ratio "1.5"/],
    [{'max-down-ratio': 'ten'}, /invalid --max-down-ratio "ten"/],
    [{'max-down-ratio': ''}, /invalid --max-down-ratio ""/],
    [{'max-scrape-duration': '2 s'}, /invalid duration "2 s"/],
    [{selector: ['env=~"(prod"']}, /invalid matcher/],
    [{'max-down': -1}, /invalid --max-down -1/],
  ])('%j is a usage error', (flags, message) => {
    expect(() => targetCheckOptions(flags)).toThrow(UsageError)
    expect(() => targetCheckOptions(flags)).toThrow(message)
  })
})

describe('schema', () => {
  test('accepts a Prometheus 3.x answer with new and missing fields', () => {
    const body = {
      status: 'success',
      data: {
        activeTargets: [{labels: {job: 'p', instance: 'h:1'}, scrapePool: 'p', scrapeUrl: 'http://h:1/metrics', globalUrl: 'http://h:1/metrics', lastError: '',
          lastScrape: '2026-01-01T00:00:00Z', lastScrapeDuration: 0.1, health: 'up', scrapeInterval: '15s', scrapeTimeout: '10s', newField: 1}],
        droppedTargets: [],
        droppedTargetCounts: {p: 0},
      },
    }
    const parsed = envelope(targetsData).parse(body).data
    expect(checkTargets(parsed, {}, NOW)).toMatchObject({ok: true, jobs: [{job: 'p', up: 1, dropped: 0}]})
  })
  test('rejects an answer without activeTargets', () => {
    expect(envelope(targetsData).safeParse({status: 'success', data: {}}).success).toBe(false)
  })
  test('the fast check agrees with the schema on the sample and on every single-field break of it', () => {
    const body = JSON.parse(readFileSync(new URL('../../fixtures/api/prometheus-2.42-api-v1-targets.json', import.meta.url), 'utf8')) as {data: {activeTargets: Record<string, unknown>[]; droppedTargets: Record<string, unknown>[]}}
    const same = (b: unknown) => expect(isTargetsEnvelope(b)).toBe(envelope(targetsData).safeParse(b).success)
    same(body)
    expect(isTargetsEnvelope(body)).toBe(true)
    const target = body.data.activeTargets[0]!
    const breaks: unknown[] = [null, 1, 'x', [], {}, {a: 1}]
    for (const key of [...Object.keys(target), 'discoveredLabels', 'globalUrl', 'scrapeInterval']) {
      for (const v of breaks) {
        const copy = structuredClone(body)
        copy.data.activeTargets[0]![key] = v
        same(copy)
      }
    }
    for (const [path, v] of [[['status'], 'error'], [['data', 'droppedTargets'], {}], [['data', 'droppedTargetCounts'], {p: 'x'}], [['data', 'activeTargets'], null], [['warnings'], [1]]] as const) {
      const copy = structuredClone(body) as unknown as Record<string, Record<string, unknown>>
      if (path.length === 1) (copy as Record<string, unknown>)[path[0]] = v
      else copy[path[0]]![path[1]] = v
      same(copy)
    }
  })
})
