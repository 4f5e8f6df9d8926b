// How the plan of `silences apply` looks: a diff-like table, a footer that counts, IDs for -q.
import {describe, expect, test} from 'vitest'
import type {ApplyReport} from '../../../src/alertmanager/silence-apply.js'
import {render} from '../../../src/output/render.js'
import {applyView} from '../../../src/output/views/silences.js'

const opts = {color: false, tty: false, now: new Date('2026-12-02T16:00:00Z')}
const m = [{name: 'service', value: 'db', isRegex: false, isEqual: true}]
const report: ApplyReport = {
  actions: [
    {action: 'create', name: 'weekly', id: 'aaaaaaaa-1111-2222-3333-444444444444', startsAt: '2026-12-04T17:00:00Z', endsAt: '2026-12-04T21:00:00Z', matchers: m},
    {action: 'update', name: 'freeze', id: 'cccccccc-1111-2222-3333-444444444444', previousId: 'bbbbbbbb-1111-2222-3333-444444444444', startsAt: '2026-12-24T00:00:00Z', endsAt: '2026-12-28T00:00:00Z', matchers: m, reason: 'matchers changed'},
    {action: 'expire', name: 'old', id: 'dddddddd-1111-2222-3333-444444444444', startsAt: '2026-12-02T15:00:00Z', endsAt: '2026-12-02T17:00:30Z', matchers: m, reason: 'its name is no longer in the file'},
    {action: 'unchanged', name: 'deploy', id: 'eeeeeeee-1111-2222-3333-444444444444', startsAt: '2026-12-02T15:00:00Z', endsAt: '2026-12-02T17:00:00Z', matchers: m},
    {action: 'create', name: 'refused', startsAt: '2026-12-02T16:00:00Z', endsAt: '2026-12-02T17:00:00Z', matchers: m, error: 'HTTP 500'},
  ],
  summary: {create: 2, update: 1, expire: 1, unchanged: 1, failed: 1},
  dryRun: false,
  peer: 'http://am-0:9093',
  down: [],
  notPropagated: [],
  orphans: [],
  warnings: [],
}

describe('silences apply view', () => {
  test('table: + ~ - = per action, UTC times, reasons and errors; the footer counts', async () => {
    expect(await render(report, applyView, 'table', opts)).toMatchInlineSnapshot(`
      "ACTION             NAME     ID                    STARTS (UTC)       ENDS (UTC)            MATCHERS        REASON
      + create           weekly   aaaaaaaa              2026-12-04 17:00Z  2026-12-04 21:00Z     {service="db"}
      ~ update           freeze   bbbbbbbb -> cccccccc  2026-12-24 00:00Z  2026-12-28 00:00Z     {service="db"}  matchers changed
      - expire           old      dddddddd              2026-12-02 15:00Z  2026-12-02 17:00:30Z  {service="db"}  its name is no longer in the file
      = unchanged        deploy   eeeeeeee              2026-12-02 15:00Z  2026-12-02 17:00Z     {service="db"}
      + create (failed)  refused                        2026-12-02 16:00Z  2026-12-02 17:00Z     {service="db"}  HTTP 500
      Applied on http://am-0:9093: 2 created, 1 updated, 1 expired, 1 unchanged; 1 failed."
    `)
  })

  test('dry run footer; -q prints the IDs the file holds (not expired, not failed)', async () => {
    expect((await render({...report, dryRun: true}, applyView, 'table', opts)).split('\n').at(-1)).toBe('Dry run, nothing sent: 2 to create, 1 to update, 1 to expire, 1 unchanged.')
    expect(await render(report, applyView, 'quiet', opts)).toBe(
      ['aaaaaaaa-1111-2222-3333-444444444444', 'cccccccc-1111-2222-3333-444444444444', 'eeeeeeee-1111-2222-3333-444444444444'].join('\n'),
    )
  })
})
