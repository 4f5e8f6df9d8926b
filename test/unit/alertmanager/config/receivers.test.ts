// Receiver sanity checks (am/webhook-url, am/receiver-empty, am/send-resolved): a bad and a good case each,
// and over the corpus: warnings only, so no file amtool accepts gets an error from them.
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, test} from 'vitest'
import {checkAlertmanagerConfig} from '../../../../src/alertmanager/config/validate.js'
import {deliberatelyEmpty, foreignService} from '../../../../src/alertmanager/config/receivers.js'
import {CORPUS} from '../../../support/corpus.js'

const FIXTURE = fileURLToPath(new URL('../../../fixtures/alertmanager-receivers.yml', import.meta.url))
const IDS = new Set(['am/webhook-url', 'am/receiver-empty', 'am/send-resolved'])

function receiverFindings(yaml: string, file = '/cfg/am.yml'): string[] {
  return checkAlertmanagerConfig(yaml, file, {templates: false}).problems.filter((p) => IDS.has(p.check)).map((p) => `${p.line} ${p.severity} ${p.check} ${p.message}`)
}

describe('receiver sanity checks', () => {
  test('the bad fixture: each mistake on its line, warnings only, and amtool accepts the file', () => {
    const found = receiverFindings(readFileSync(FIXTURE, 'utf8'), FIXTURE)
    expect(found.map((f) => f.split(' ').slice(0, 3).join(' '))).toEqual([
      '13 warning am/webhook-url',
      '14 warning am/webhook-url',
      '15 warning am/webhook-url',
      '16 warning am/webhook-url',
      '17 warning am/webhook-url',
      '22 warning am/send-resolved',
      '26 warning am/receiver-empty',
    ])
    expect(found[0]).toContain('a Slack URL under webhook_configs')
    expect(found.join('\n')).not.toMatch(/hooks\.slack\.com|T000|XXXX/) // the URL (a secret) is never printed
    expect(found[6]).toContain('receiver "infra"')
    expect(execFileSync('amtool', ['check-config', FIXTURE]).toString()).toContain('SUCCESS')
  })

  test('good cases: native integrations, a proxy URL, default send_resolved, a null receiver', () => {
    const yaml = [
      'route:', '  receiver: "null"', '  routes:', '  - receiver: team', '    matchers: [team="a"]',
      'receivers:', '- name: "null"', '- name: team',
      '  webhook_configs:', '  - url: http://alert-proxy.internal:8080/slack', '  - url: "${SLACK_URL}"',
      '  slack_configs:', '  - api_url: https://hooks.slack.com/services/T/B/X', '    channel: "#a"',
      '  pagerduty_configs:', '  - routing_key: abc', '    send_resolved: true', '  opsgenie_configs:', '  - api_key: abc',
    ].join('\n')
    expect(receiverFindings(yaml)).toEqual([])
  })

  test('which URLs belong to services that cannot read the webhook payload', () => {
    expect(foreignService('https://hooks.slack.com/services/a')?.name).toBe('Slack')
    expect(foreignService('https://discordapp.com/api/webhooks/1/x')?.name).toBe('Discord')
    expect(foreignService('https://discord.com/channels/1')).toBeUndefined()
    expect(foreignService('https://prod-1.westeurope.logic.azure.com/workflows/abc/triggers')?.name).toBe('Microsoft Teams (Workflows)')
    expect(foreignService('https://events.eu.pagerduty.com/v2/enqueue')?.name).toBe('PagerDuty')
    expect(foreignService('https://api.opsgenie.com/v2/alerts')?.name).toBe('Opsgenie')
    expect(foreignService('http://localhost:9093')).toBeUndefined()
    expect(foreignService('not a url')).toBeUndefined()
  })

  test('names that drop alerts on purpose', () => {
    for (const n of ['null', 'blackhole', 'dev-null', 'devnull', 'team-null', 'Watchdog', 'deadmansswitch']) expect(deliberatelyEmpty(n), n).toBe(true)
    for (const n of ['default', 'team-a', 'nullable-team']) expect(deliberatelyEmpty(n), n).toBe(false)
  })
})

describe('over the corpus', () => {
  const rows = readFileSync(join(CORPUS, 'amtool-verdicts.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'))

  test('the new checks only ever warn; a file amtool accepts gets no error from any check', () => {
    expect(rows.length).toBeGreaterThan(100)
    for (const [path, exit] of rows) {
      const file = join(CORPUS, path!)
      const {problems} = checkAlertmanagerConfig(readFileSync(file, 'utf8'), file, {templates: false})
      const mine = problems.filter((p) => IDS.has(p.check))
      expect(mine.every((p) => p.severity === 'warning'), path).toBe(true)
      if (exit === '0') expect(problems.filter((p) => p.severity === 'error'), path).toEqual([])
    }
  })
})
