// spock rules routes as a user runs it: table, JSON, exit codes.
import {describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'

const AM = 'test/fixtures/rules-routes/alertmanager.yml'
const RULES = 'test/fixtures/rules-routes/rules.yml'

describe('spock rules routes', () => {
  test('table: a row per alert, then the findings; exit 1', async () => {
    const r = await runCli(['rules', 'routes', '--alertmanager-config', AM, RULES])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toMatch(/^ALERT\s+SEVERITY\s+RECEIVERS\s+MAY ALSO REACH\s+INHIBITED BY\s+UNKNOWN LABELS\s+RULE\n/)
    expect(r.stdout).toMatch(/\nWebErrors\s+critical\s+web-pager,web-chat\s+-\s+-\s+-\s+test\/fixtures\/rules-routes\/rules\.yml:18\n/)
    expect(r.stdout).toMatch(/\nTemplatedTeam\s+warning\s+fallback\s+db-chat,web-chat\s+#1\s+team \(template\)/)
    expect(r.stdout).toContain('rules.yml:23:16: warning: info alert "WebInfo" pages: it reaches web-pager [routes/info-pages]')
    expect(r.stdout).toMatch(/2 files checked: 0 errors, 7 warnings\n$/)
  })

  test('json: alerts, receivers and problems; exit 0 when only info findings remain', async () => {
    const off = 'routes/missing-label,routes/no-pager,routes/info-pages,routes/unreachable-receiver'
    const r = await runCli(['rules', 'routes', '--alertmanager-config', AM, RULES, '--disable', off, '-o', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.alerts).toHaveLength(8)
    expect(out.receivers.find((x: {name: string}) => x.name === 'db-pager')).toEqual({name: 'db-pager', pages: true, alerts: 1})
    expect(out.problems.map((p: {check: string}) => p.check)).toEqual(['routes/unrouted'])
  })

  test('usage errors: no rule files, a bad --label, an unknown check; an invalid config names its line', async () => {
    expect((await runCli(['rules', 'routes', '--alertmanager-config', AM])).code).toBe(2)
    expect((await runCli(['rules', 'routes', '--alertmanager-config', AM, RULES, '--label', 'region=~eu'])).code).toBe(2)
    expect((await runCli(['rules', 'routes', '--alertmanager-config', AM, RULES, '--disable', 'routes/nope'])).code).toBe(2)
    const bad = await runCli(['rules', 'routes', '--alertmanager-config', RULES, RULES])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toMatch(/^spock: error: .*rules\.yml/)
  })
})
