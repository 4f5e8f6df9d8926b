// `spock template render --receiver`: the built CLI, on the fixture config of the README example.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli} from '../support/run-cli.js'

const CONFIG = join(ROOT, 'test/fixtures/template-render/receivers.yml')
const render = (...args: string[]) => runCli(['template', 'render', '--config', CONFIG, ...args])

describe('template render --receiver', () => {
  it('prints integration / field / text, multi-line texts continuing under TEXT', async () => {
    const r = await render('--receiver', 'team-db', 'alertname=DiskFull', 'severity=page', '--annotation', 'summary=Disk 95% full')
    expect(r.code, r.stderr).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toMatch(/^INTEGRATION\s+FIELD\s+TEXT$/)
    expect(lines).toContain('slack #1     title            [FIRING] DiskFull (1)')
    expect(lines).toContain('slack #1     text             Disk 95% full')
    expect(lines).toContain('email #1     headers.Subject  [FIRING] DiskFull (1)')
    expect(lines).toContain('email #1     from             alertmanager@example.com')
    expect(lines.find((l) => l.includes('alertname = DiskFull<br'))).toMatch(/^ {29}/) // the html, under TEXT
  }, 30_000)

  it('-o json: the integrations of the receiver, grouped as the route that reaches it groups', async () => {
    const r = await render('--receiver', 'team-web', 'alertname=Down', 'team=web', 'instance=web-1', '-o', 'json')
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as {integration: string; index: number; fields: Record<string, unknown>}[]
    expect(out.map((i) => `${i.integration}#${i.index}`)).toEqual(['webhook#1', 'pagerduty#1', 'telegram#1'])
    expect(out[0]!.fields.payload).toMatchObject({receiver: 'team-web', groupKey: '{}/{team="web"}:{alertname="Down", instance="web-1"}', groupLabels: {alertname: 'Down', instance: 'web-1'}})
    expect(out[1]!.fields.description).toBe('[FIRING:1] Down web-1 (web)')
  }, 30_000)

  it('--data renders a given alert group', async () => {
    const r = await render('--receiver', 'team-db', '--data', join(ROOT, 'test/fixtures/template-render/data.json'), '-o', 'json')
    expect(r.code, r.stderr).toBe(0)
    const slack = (JSON.parse(r.stdout) as {fields: Record<string, string>}[])[0]!.fields
    expect(slack.title).toBe('[FIRING] DiskFull (2)')
    expect(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/template-render/data.json'), 'utf8')).alerts).toHaveLength(2)
  }, 30_000)

  it('usage errors exit 2: neither or both of --template and --receiver, an unknown receiver', async () => {
    for (const args of [[], ['--template', 'x', '--receiver', 'team-db'], ['--receiver', 'nobody'], ['--template', 'x', '--annotation', 'a=b']]) {
      const r = await render(...args)
      expect({args, code: r.code}).toEqual({args, code: 2})
    }
    expect((await render('--receiver', 'nobody')).stderr).toContain('no receiver named "nobody"')
  }, 60_000)
})
