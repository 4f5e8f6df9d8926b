// Table views of targets check and tsdb status, rendered without colour as when piped.
import {readFileSync} from 'node:fs'
import {describe, expect, test} from 'vitest'
import {render} from '../../../src/output/render.js'
import {targetsView} from '../../../src/output/views/targets.js'
import {formatBytes, tsdbView} from '../../../src/output/views/tsdb.js'
import {envelope, targetsData, tsdbStatus} from '../../../src/prometheus/schemas.js'
import {checkTargets} from '../../../src/prometheus/targets.js'
import {checkTsdb} from '../../../src/prometheus/tsdb.js'

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/api/${name}`, import.meta.url), 'utf8'))
const TARGETS = envelope(targetsData).parse(fixture('prometheus-2.42-api-v1-targets.json')).data
const TSDB = envelope(tsdbStatus).parse(fixture('prometheus-2.42-api-v1-status-tsdb.json')).data
const NOW = new Date('2026-11-22T07:23:00Z')
const opts = {color: false, tty: false, now: NOW}

describe('targets view', () => {
  test('table: one row per target, summary, non-row problems', async () => {
    const report = checkTargets(TARGETS, {jobs: ['alertmanager', 'down-target', 'prometheus', 'nodes'], scrapePools: ['alertmanager', 'down-target', 'prometheus']}, NOW)
    expect(await render(report, targetsView, 'table', opts)).toMatchInlineSnapshot(`
      "JOB           INSTANCE         HEALTH  LAST SCRAPE  DURATION  ERROR
      alertmanager  127.0.0.1:19093  up      3s ago       2.4ms     -
      down-target   127.0.0.1:19999  down    3s ago       0.59ms    Get "http://127.0.0.1:19999/metrics": dial tcp 127.0.0.1:19999: connect: connection refused
      prometheus    127.0.0.1:19090  up      3s ago       3.9ms     -
      3 targets: 2 up, 1 down in 1 job
      error: job "nodes": no such job; configured jobs: alertmanager, down-target, prometheus"
    `)
  })
  test('quiet: scrape URLs of failing targets', async () => {
    expect(await render(checkTargets(TARGETS, {}, NOW), targetsView, 'quiet', opts)).toBe('http://127.0.0.1:19999/metrics')
  })
  test('no targets', async () => {
    expect(await render(checkTargets({activeTargets: []}, {}, NOW), targetsView, 'table', opts)).toBe('No targets.\n0 targets: 0 up')
  })
})

describe('tsdb view', () => {
  test('table: head rows, then each list with shares of all series', async () => {
    const text = await render(checkTsdb(TSDB, {limit: 2, maxSeries: 100}), tsdbView, 'table', opts)
    expect(text).toMatchInlineSnapshot(`
      "LIST              NAME                                              VALUE                     SHARE
      head              series                                            771                       -
      head              chunks                                            771                       -
      head              label pairs                                       437                       -
      head              min time                                          2026-11-22T07:20:41.562Z  -
      head              max time                                          2026-11-22T07:22:56.890Z  -
      head              time range                                        2m                        -
      series by metric  alertmanager_notification_latency_seconds_bucket  60                        7.8%
      series by metric  prometheus_http_request_duration_seconds_bucket   40                        5.2%
      values by label   __name__                                          276                       -
      values by label   le                                                72                        -
      memory by label   __name__                                          10.5 KiB                  -
      memory by label   le                                                329 B                     -
      series by pair    job=prometheus                                    482                       62.5%
      series by pair    instance=127.0.0.1:19090                          477                       61.9%
      error: head holds 771 series, more than --max-series 100"
    `)
  })
  test.each([[0, '0 B'], [1023, '1023 B'], [1536, '1.5 KiB'], [5 * 1024 ** 3, '5.0 GiB']])('formatBytes(%i) = %s', (n, s) => expect(formatBytes(n)).toBe(s))
})
