// rules routes: each finding on the right alert (good and bad cases), unknown labels, assumptions, pagers.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, test} from 'vitest'
import {rulesRoutes, type RulesRoutesReport} from '../../../src/rules-routes/run.js'
import {possibleRoutes, UNKNOWN} from '../../../src/alertmanager/reach.js'
import {buildRouteTree} from '../../../src/alertmanager/routing.js'
import {loadAlertmanagerConfig} from '../../../src/alertmanager/config/validate.js'

const DIR = fileURLToPath(new URL('../../fixtures/rules-routes/', import.meta.url))
const AM = join(DIR, 'alertmanager.yml')
const RULES = join(DIR, 'rules.yml')

const findings = (r: RulesRoutesReport) => r.problems.map((p) => `${p.file === AM ? 'am' : 'rules'}:${p.line} ${p.severity} ${p.check}${p.rule ? ` ${p.rule}` : ''}`)
const alert = (r: RulesRoutesReport, name: string) => r.alerts.find((a) => a.alert === name)!

describe('rules routes on the fixture', () => {
  test('every finding on its alert (or receiver), and nothing on the alerts that route well', async () => {
    const r = await rulesRoutes({alertmanagerConfig: AM, ruleFiles: [RULES]})
    expect(findings(r)).toEqual([
      'am:47 warning routes/unreachable-receiver', // eu-pager: no rule sets region
      'rules:23 warning routes/info-pages WebInfo',
      'rules:28 warning routes/missing-label NoTeamCritical', // region (the eu route wants critical: it would match)
      'rules:28 warning routes/missing-label NoTeamCritical', // service
      'rules:28 warning routes/missing-label NoTeamCritical', // team
      'rules:28 warning routes/no-pager NoTeamCritical',
      'rules:28 info routes/unrouted NoTeamCritical',
      'rules:32 warning routes/missing-label TemplatedTeam', // service only: region's route wants severity critical
    ])
    expect(r.problems.filter((p) => p.rule === 'TemplatedTeam')[0]!.message).toContain('"service"')
    expect(r.summary).toMatchObject({alerts: 8, warnings: 7, infos: 1, errors: 0})
  })

  test('receivers as Alertmanager routes the static labels; continue and nesting', async () => {
    const r = await rulesRoutes({alertmanagerConfig: AM, ruleFiles: [RULES]})
    expect(alert(r, 'Watchdog').receivers).toEqual(['deadman'])
    expect(alert(r, 'DbDown').receivers).toEqual(['db-pager'])
    expect(alert(r, 'DbSlow').receivers).toEqual(['db-chat'])
    expect(alert(r, 'WebErrors').receivers).toEqual(['web-pager', 'web-chat'])
    expect(alert(r, 'DbSlow').inhibitedBy).toEqual([{rule: 1, line: 22, sourceMatchers: [{name: 'severity', value: 'critical', isRegex: false, isEqual: true}], sure: true}])
  })

  test('labels from a template or the query are unknown: said so, and where they could lead is listed', async () => {
    const r = await rulesRoutes({alertmanagerConfig: AM, ruleFiles: [RULES]})
    const templated = alert(r, 'TemplatedTeam')
    expect(templated.unknown).toEqual({team: 'templated in the rule'})
    expect(templated.receivers).toEqual(['fallback'])
    expect(templated.mayReach).toEqual(['fallback', 'db-chat', 'web-chat'])
    // sum by (owner): no service, no region; up == 0 keeps every label of the series
    expect(alert(r, 'QueryService').unknown).toEqual({service: 'from the query', region: 'from the query'})
    expect(alert(r, 'QueryService').mayReach).toContain('legacy')
    expect(alert(r, 'WebInfo').unknown).toEqual({})
  })

  test('--label fills labels the rule does not set; --pager names the paging receivers', async () => {
    const r = await rulesRoutes({alertmanagerConfig: AM, ruleFiles: [RULES], assume: {region: 'eu'}, pagers: ['fallback']})
    expect(alert(r, 'NoTeamCritical').receivers).toEqual(['eu-pager'])
    expect(alert(r, 'DbDown').labels.region).toBe('eu')
    const ids = findings(r)
    expect(ids).not.toContain('am:47 warning routes/unreachable-receiver')
    expect(ids).toContain('rules:8 warning routes/no-pager DbDown') // db-pager does not page when --pager says only fallback
  })

  test('disable comments in the rule file and --disable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spock-rr-'))
    const rules = join(dir, 'rules.yml')
    writeFileSync(rules, readFileSync(RULES, 'utf8').replace('      - alert: WebInfo', '      # spock disable routes/info-pages\n      - alert: WebInfo'))
    const r = await rulesRoutes({alertmanagerConfig: AM, ruleFiles: [rules], disabled: new Set(['routes/missing-label'])})
    expect(r.problems.map((p) => p.check)).not.toContain('routes/info-pages')
    expect(r.problems.map((p) => p.check)).not.toContain('routes/missing-label')
    expect(r.problems.map((p) => p.check)).toContain('routes/no-pager')
  })

  test('a config without paging receivers: one routes/no-pager on the config, not one per alert', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spock-rr-'))
    const am = join(dir, 'am.yml')
    writeFileSync(am, 'route:\n  receiver: chat\nreceivers:\n- name: chat\n  slack_configs:\n  - api_url: https://hooks.slack.com/services/T/B/X\n    channel: "#a"\n')
    const r = await rulesRoutes({alertmanagerConfig: am, ruleFiles: [RULES]})
    expect(r.problems.map((p) => `${p.file === am ? 'am' : 'rules'} ${p.check}`)).toEqual(['am routes/no-pager'])
    expect(r.problems[0]!.message).toContain('3 critical alerts page nobody')
  })
})

describe('possibleRoutes', () => {
  test('an unknown label keeps later siblings possible; a sure match without continue stops them', () => {
    const cfg = loadAlertmanagerConfig(readFileSync(AM, 'utf8'), AM)
    const tree = buildRouteTree(cfg)
    const names = (labels: Parameters<typeof possibleRoutes>[1]) => possibleRoutes(tree, labels).map((r) => r.receiver).sort()
    expect(names({alertname: 'X', team: 'db', severity: 'warning'})).toEqual(['db-chat'])
    expect(names({alertname: 'X', team: UNKNOWN, severity: 'warning'})).toEqual(['db-chat', 'fallback', 'web-chat'])
    expect(names({alertname: 'Watchdog', team: UNKNOWN})).toEqual(['deadman'])
    expect(names({alertname: 'X', team: 'db', severity: UNKNOWN})).toEqual(['db-chat', 'db-pager'])
  })
})
