// How silences, outcomes and alerts look in a table (the views in src/output/views).
import {describe, expect, test} from 'vitest'
import type {Alert, Silence} from '../../../src/alertmanager/schemas.js'
import type {ExpireReport, ImportReport} from '../../../src/alertmanager/silence-ops.js'
import {alertsView} from '../../../src/output/views/alerts.js'
import {render} from '../../../src/output/render.js'
import {expirePreviewView, expireView, importView, peerWarnings, silencesView} from '../../../src/output/views/silences.js'

const opts = {color: false, tty: false, now: new Date('2026-11-22T10:00:00Z')}
const silence: Silence = {
  id: '3a3766ee-af3d-487a-837d-e511a5f0d857',
  status: {state: 'active'},
  updatedAt: '2026-11-22T09:00:00Z',
  comment: 'deploy',
  createdBy: 'alice',
  startsAt: '2026-11-22T09:00:00Z',
  endsAt: '2026-11-22T11:30:00Z',
  matchers: [
    {name: 'alertname', value: 'Foo', isRegex: false, isEqual: true},
    {name: 'env', value: 'prod|stage', isRegex: true, isEqual: true},
  ],
}

describe('silence views', () => {
  test('list: relative times in the table, RFC 3339 in json', async () => {
    expect(await render([silence], silencesView, 'table', opts)).toMatchInlineSnapshot(`
      "ID                                    MATCHERS                             STATE   STARTS  ENDS       CREATED BY  COMMENT
      3a3766ee-af3d-487a-837d-e511a5f0d857  {alertname="Foo",env=~"prod|stage"}  active  1h ago  in 1h 30m  alice       deploy"
    `)
    expect(JSON.parse(await render([silence], silencesView, 'json', opts))[0].endsAt).toBe('2026-11-22T11:30:00Z')
    expect(await render([silence], silencesView, 'quiet', opts)).toBe(silence.id)
    expect(await render([], silencesView, 'table', opts)).toBe('No silences.')
  })

  test('expire: only problems get rows, the footer counts', async () => {
    const report: ExpireReport = {
      results: [{id: 'a', outcome: 'expired'}, {id: 'b', outcome: 'not-found'}],
      dryRun: false,
      peer: 'http://am:9093',
      down: [],
    }
    expect(await render(report, expireView, 'table', opts)).toMatchInlineSnapshot(`
      "ID  RESULT     ERROR
      b   not-found  no silence with this ID
      Expired 1 silence on http://am:9093."
    `)
    expect(await render(report, expireView, 'quiet', opts)).toBe('a')
    expect(await render({...report, results: [], matched: [silence], dryRun: true}, expirePreviewView, 'table', opts)).toMatch(
      /3a3766ee.*\nNothing expired: pass --yes to expire these 1\.$/,
    )
  })

  test('import: one row per silence; quiet prints the resulting IDs', async () => {
    const report: ImportReport = {
      results: [
        {index: 1, previousId: 'old', id: 'new', outcome: 'recreated'},
        {index: 2, outcome: 'failed', error: 'bad'},
      ],
      peer: 'http://am:9093',
      down: [],
      notPropagated: [],
    }
    expect(await render(report, importView, 'table', opts)).toMatchInlineSnapshot(`
      "#  OLD ID  ID   RESULT     ERROR
      1  old     new  recreated
      2               failed     bad"
    `)
    expect(await render(report, importView, 'quiet', opts)).toBe('new')
  })

  test('peer warnings name each peer', () => {
    expect(
      peerWarnings({down: [{url: 'http://a', reason: 'connection refused'}], notPropagated: [{url: 'http://b', reason: 'not visible yet after 10 ms'}], warnings: ['w']}),
    ).toEqual([
      'w',
      'peer http://a is down, used the others: connection refused',
      "peer http://b does not show the silence yet (not visible yet after 10 ms); check the cluster's gossip",
    ])
  })
})

describe('alerts view', () => {
  test('state says silenced or inhibited for suppressed alerts', async () => {
    const alert = (state: Alert['status']['state'], silencedBy: string[] = [], inhibitedBy: string[] = []): Alert => ({
      labels: {alertname: 'Foo', instance: 'h:1'},
      annotations: {summary: 'down'},
      receivers: [{name: 'pager'}],
      fingerprint: `fp-${state}-${silencedBy.length}-${inhibitedBy.length}`,
      startsAt: '2026-11-22T09:58:00Z',
      updatedAt: '2026-11-22T09:58:00Z',
      endsAt: '2026-11-22T10:05:00Z',
      status: {state, silencedBy, inhibitedBy},
    })
    const text = await render([alert('active'), alert('suppressed', ['s']), alert('suppressed', [], ['x'])], alertsView, 'table', opts)
    expect(text).toMatchInlineSnapshot(`
      "ALERTNAME  STATE      STARTED  LABELS          RECEIVERS  SUMMARY
      Foo        active     2m ago   instance="h:1"  pager      down
      Foo        silenced   2m ago   instance="h:1"  pager      down
      Foo        inhibited  2m ago   instance="h:1"  pager      down"
    `)
  })
})
