// The same matcher strings through amtool 0.25 (the oracle) and spock: same resulting silence matchers, same query results.
import {execFile} from 'node:child_process'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli, type CliResult} from '../support/run-cli.js'
import {startAlertmanager, type AlertmanagerServer} from '../support/servers.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

interface ApiMatcher {
  name: string
  value: string
  isRegex: boolean
  isEqual: boolean
}

let am: AlertmanagerServer
let dir: string

const spock = (args: string[]): Promise<CliResult> => runCli(args, {env: {SPOCK_ALERTMANAGER_URL: am.url, HOME: dir}})

function amtool(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile('amtool', [`--alertmanager.url=${am.url}`, '--no-version-check', ...args], {env: {PATH: process.env.PATH, HOME: dir}}, (err, stdout, stderr) =>
      resolve({code: err ? ((err as {code?: number}).code ?? 1) : 0, stdout, stderr}),
    )
  })
}

async function matchersOf(id: string): Promise<ApiMatcher[]> {
  const res = await fetch(`${am.url}/api/v2/silence/${id}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as {matchers: ApiMatcher[]}).matchers
}

beforeAll(async () => {
  ;[am, dir] = await Promise.all([startAlertmanager(), makeTempDir('spock-matchers-')])
})
afterAll(async () => {
  await am?.stop()
  await removeTempDir(dir)
})

// Each case is the argv after "silence add" / "silences create"; a `case` label keeps silences apart.
const cases: [string, string[]][] = [
  ['plain equality', ['alertname=Foo']],
  ['bare first word is the alert name', ['Foo']],
  ['bare first word then a matcher', ['Foo', 'env=prod']],
  ['quoted regex with |', ['job=~"api|web"']],
  ['unquoted regex with |', ['job=~api|web']],
  ['negative equality next to a positive one', ['env!=prod', 'x=1']],
  ['negative regex', ['instance!~"db-[0-9]+"', 'x=1']],
  ['comma inside quotes', ['msg="a, b"']],
  ['unquoted comma', ['msg=a,b']],
  ['escaped quotes', ['quote="say \\"hi\\""']],
  ['spaces inside quotes', ['desc="two words"']],
  ['unquoted spaces', ['desc=two words']],
  ['spaces around the operator', ['a = b']],
  ['UTF-8 value, quoted', ['team="Ünïcödé ✓"']],
  ['UTF-8 value, unquoted', ['team=日本']],
  ['backslash', ['path="C:\\\\temp"']],
  ['regex with escaped dots', ['host=~".+\\\\.example\\\\.com"']],
  ['bare word with a space', ['my alert']],
  ['a trailing quote only', ['foo=bar"']],
  ['braces around one matcher', ['{foo="bar"}']],
  ['empty value next to a real one', ['foo=""', 'x=1']],
  ['bad regex', ['foo=~"(bar"']],
  ['only a negative matcher (matches "")', ['x!=y']],
  ['only an empty-matching regex', ['x=~".*"']],
  ['invalid label name', ['1x=y']],
]

describe.concurrent('silence add/create: same matchers as amtool', () => {
  test.each(cases)('%s', async (_name, args) => {
    const byAmtool = await amtool(['silence', 'add', ...args, '-c', 'oracle'])
    // --force lifts only spock's own refusal of x!="y" alone (silences-input.test.ts), never Alertmanager's
    const bySpock = await spock(['silences', 'create', ...args, '-c', 'oracle', '--always-new', '--force', '-q'])
    if (byAmtool.code !== 0) {
      // amtool (or the server behind it) rejects it: spock must reject it too, before sending
      expect(bySpock.code, bySpock.stdout).toBe(2)
      expect(bySpock.stderr).toMatch(/^spock: error: /)
      return
    }
    expect(bySpock.code, bySpock.stderr).toBe(0)
    expect(await matchersOf(bySpock.stdout.trim())).toEqual(await matchersOf(byAmtool.stdout.trim()))
  })
})

describe('silence query/list: same selection as amtool', () => {
  const filters: string[][] = [['alertname=Foo'], ['Foo'], ['job=~"api|web"'], ['msg="a, b"'], ['team=~"Ü.*"'], ['desc="two words"'], ['x=1', 'env!=prod']]
  test.each(filters)('%s', async (...filter) => {
    const ids = (text: string) => text.trim().split('\n').filter(Boolean).sort()
    const byAmtool = await amtool(['silence', 'query', '-q', ...filter])
    const bySpock = await spock(['silences', 'list', '-q', ...filter])
    expect(byAmtool.code, byAmtool.stderr).toBe(0)
    expect(bySpock.code, bySpock.stderr).toBe(0)
    expect(ids(bySpock.stdout)).toEqual(ids(byAmtool.stdout))
  })
})
