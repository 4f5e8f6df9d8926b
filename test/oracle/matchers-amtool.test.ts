// Differential test against amtool 0.25 (classic matcher parser, Go regexp):
// 1. `amtool check-config` on one alertmanager.yml per case (route `matchers: [<case>]`) must accept
//    exactly the inputs spock's classic mode accepts, with the same error text.
// 2. `amtool config routes test` must route a label set to the child route exactly when
//    spock's matchersMatch says the parsed matchers match it.
// 3. Alertmanager 0.25 must accept a silence (POST /api/v2/silences) exactly when every matcher passes
//    spock's validateMatcher (classic) and at least one does not matchesEmpty.
import {execFile} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {
  formatMatcher,
  matchersMatch,
  matchesEmpty,
  parseMatchers,
  toApiMatcher,
  validateMatcher,
  type Matcher,
} from '../../src/model/matchers.js'
import {createSilence} from '../../src/alertmanager/silence-ops.js'
import {UsageError} from '../../src/errors.js'
import {HttpClient} from '../../src/http/client.js'
import {startAlertmanager} from '../support/servers.js'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'spock-matchers-oracle-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

function config(matcher: string): string {
  // JSON strings are valid YAML double-quoted scalars.
  return [
    'route:',
    '  receiver: root',
    '  routes:',
    '    - receiver: child',
    `      matchers: [${JSON.stringify(matcher)}]`,
    'receivers: [{name: root}, {name: child}]',
    '',
  ].join('\n')
}

async function amtool(args: string[]): Promise<string> {
  try {
    const res = await run('amtool', args, {maxBuffer: 16 * 1024 * 1024})
    return res.stdout
  } catch (error) {
    const e = error as {stdout?: string; code?: number}
    if (e.code !== 1) throw error
    return e.stdout ?? ''
  }
}

/** amtool's verdict per case: undefined = valid, else its error text. One amtool call for all files. */
async function checkConfigVerdicts(cases: readonly string[]): Promise<Array<string | undefined>> {
  const files = cases.map((c, i) => {
    const file = join(dir, `case-${i}.yml`)
    writeFileSync(file, config(c))
    return file
  })
  const out = await amtool(['check-config', ...files])
  const verdicts = new Map<string, string | undefined>()
  for (const block of out.split(/^Checking '/m).slice(1)) {
    const m = /^(.*?)'  (SUCCESS|FAILED: ([\s\S]*?))\n(?:\n|Found:|$)/.exec(block)
    if (!m) throw new Error(`unexpected amtool output: ${block}`)
    verdicts.set(m[1]!, m[2] === 'SUCCESS' ? undefined : m[3]!)
  }
  return files.map((f) => {
    if (!verdicts.has(f)) throw new Error(`no verdict for ${f} in: ${out}`)
    return verdicts.get(f)
  })
}

function spockVerdict(input: string): string | undefined {
  try {
    parseMatchers(input, {mode: 'classic'})
    return undefined
  } catch (e) {
    return (e as Error).message.replace(/^invalid matcher "(?:[^"\\]|\\.)*": /, '')
  }
}

const SYNTAX_CASES = [
  'foo=bar', 'foo="bar"', '{foo="bar"}', '{foo="bar",}', 'foo=bar,', ' { foo = "bar" } ', '{ foo="bar" }',
  'job=~"api|web"', 'job=~api|web', 'job!~"db.*"', 'env!=prod', 'msg="a,b"', 'msg=a,b', 'a="1", b="2"',
  'msg="say \\"hi\\""', 'path="C:\\\\temp"', 'path=C:\\temp', 'msg="line\\nbreak"', 'msg="tab\\there"',
  'msg="hello world"', 'msg=hello world', '"service name"="café"', 'service="café"', 'service=café', 'svc=🙂',
  'foo🙂=bar', 'foo.bar="x"', 'foo:bar="x"', '"foo"="bar"', 'foo=""', 'foo=', 'foo=~""', 'foo!=""',
  'foo=~"("', 'foo=~(', 'foo=~"(?=x)"', 'foo=~"a)|(b"', 'foo=~"\\\\d+"', 'foo=~"\\d+"',
  'foo="bar', 'foo=bar"', 'foo="b"ar"', 'foo', 'foo bar', '=bar', 'foo!bar', 'foo==bar', 'foo=~=bar',
  '', '{}', ',', '{,}', 'a=b,,c=d', 'a=b c=d', '{a=b', 'a=b}', '{foo=bar}}', "foo='bar'", 'foo=`bar`',
  'foo="\\xf0\\x9f"', 'foo="\\z"', '0foo=bar', '_foo=bar', ':foo=bar', 'foo=!bar\\n', '{foo=!bar,bar=$baz\\n}',
  'a="x\\\\",b="y"', 'a="x\\,y",b=z', 'a="x\\\\\\"y"', 'a=b\\', 'a="b\\"', '{foo=\\"}', 'a=b,\t', 'a=b,\u00a0',
  'a=b,\u00a0,c=d', 'a=b\t', '\na=b\n', 'a=\u00a0b', 'a\u00a0=b', 'a=b\u3000', 'a="b",\n  c="d"',
]

// Regexes whose validity depends on RE2 / Go regexp details; written as classic `re=~"<escaped>"`.
const REGEXES = [
  '(?<n>x)', '(?P<n>x)', '(?P<n>x)(?P<n>y)', '(?P=n)', '(?P<>a)', '\\12', '\\0', '\\8', '^*', 'a**', 'a*?+', '\\pN',
  '\\p{Greek}', '\\p{Foo}', '\\P{L}', '\\p{^Greek}', '[[:alpha:]]', '[[:foo:]]', '[[:^digit:]]', '\\Q.*\\E', '\\Q\\E',
  '(?i)x', '(?U)x+', '(?s).', '(?m)^$', '(?i:A)', '(?-s:.)', '(?z)', '\\z', '\\Z', '\\A', '\\b', '\\B', '\\C', '\\e',
  '\\v', '\\cA', 'x{1000}', 'x{1001}', 'x{2,1}', '.{0}', '\\x{10FFFF}', '\\x{110000}', '\\x41', '\\x4', '\\xZ',
  '[a-\\d]', '[\\d-z]', '[z-a]', '[]a]', '[^]a]', '(?<=a)b', '(?!a)', '(?=a)', '\\_', '\\%', '\\-', '\\`',
  '((((((((((a))))))))))', '(?P<a>x)(?P<a>y)(?P<a-b>z)', '[(?P<a>](?P<a>x)(?P<a>y)', '(?P<1a>x)', '(?P<a b>x)', '[\\p{L}]', 'a)|(b', '(|a)', '\\', 'a|*', '()', '(?:)', '[^\\x00-\\x{10FFFF}]',
]

describe('amtool check-config agrees with spock classic matchers', () => {
  it('gives the same verdict and error text for every syntax case', async () => {
    const theirs = await checkConfigVerdicts(SYNTAX_CASES)
    const mismatches = SYNTAX_CASES.map((c, i) => ({input: c, amtool: theirs[i], spock: spockVerdict(c)})).filter(
      (r) => r.amtool !== r.spock,
    )
    expect(mismatches).toEqual([])
    expect(theirs.filter((v) => v === undefined).length).toBeGreaterThan(20)
    expect(theirs.filter((v) => v !== undefined).length).toBeGreaterThan(15)
  })

  it('accepts and rejects the same RE2 regexes', async () => {
    const cases = REGEXES.map((re) => formatMatcher({name: 're', type: '=~', value: re}))
    const theirs = await checkConfigVerdicts(cases)
    const mismatches = REGEXES.map((re, i) => ({re, amtool: theirs[i] === undefined, spock: spockVerdict(cases[i]!) === undefined})).filter(
      (r) => r.amtool !== r.spock,
    )
    expect(mismatches).toEqual([])
  })
})

// [route matchers, label set given to `amtool config routes test`]
const ROUTING: ReadonlyArray<readonly [string, Record<string, string>]> = [
  ['job=~"api|web"', {job: 'web'}],
  ['job=~"api|web"', {job: 'webapp'}],
  ['job=~api|web', {job: 'api'}],
  ['job!~"db.*"', {job: 'db-1'}],
  ['job!~"db.*"', {job: 'api'}],
  ['job!~"db.*"', {}],
  ['env=""', {}],
  ['env=""', {env: 'prod'}],
  ['env!=""', {env: 'prod'}],
  ['env!=""', {}],
  ['env=~""', {}],
  ['env=~".+"', {}],
  ['msg="a, b"', {msg: 'a, b'}],
  ['msg=hello world', {msg: 'hello world'}],
  ['path="C:\\\\temp"', {path: 'C:\\temp'}],
  ['path=C:\\temp', {path: 'C:\\temp'}],
  ['svc="café"', {svc: 'café'}],
  ['svc=~"caf."', {svc: 'café'}],
  ['a="1",b!="2"', {a: '1', b: '3'}],
  ['a="1",b!="2"', {a: '1', b: '2'}],
  ['sev=~"(?i)CRIT.*"', {sev: 'critical'}],
  ['x=~"a|"', {}],
]

describe('amtool config routes test agrees with spock matchersMatch', () => {
  it.each(ROUTING.map(([m, labels], i) => [i, m, labels] as const))('#%d %s on %j', async (i, matcher, labels) => {
    const file = join(dir, `route-${i}.yml`)
    writeFileSync(file, config(matcher))
    const args = Object.entries(labels).map(([k, v]) => `${k}=${v}`)
    // amtool needs at least one label; an unrelated one changes nothing.
    if (args.length === 0) args.push('unrelated=x')
    const out = await amtool(['config', 'routes', 'test', '--config.file', file, ...args])
    const routed = out.trim() === 'child'
    expect(out.trim()).toMatch(/^(child|root)$/)
    const spock = matchersMatch(parseMatchers(matcher, {mode: 'classic'}).matchers, labels)
    expect(spock).toBe(routed)
  })

  it('covers both outcomes', () => {
    const outcomes = ROUTING.map(([m, l]) => matchersMatch(parseMatchers(m, {mode: 'classic'}).matchers, l))
    expect(outcomes.filter(Boolean).length).toBeGreaterThan(5)
    expect(outcomes.filter((x) => !x).length).toBeGreaterThan(5)
  })
})

const m = (name: string, type: Matcher['type'], value: string): Matcher => ({name, type, value})
const SILENCES: ReadonlyArray<readonly Matcher[]> = [
  [m('alertname', '=', 'X')],
  [m('foo:bar', '=', 'x')],
  [m('service name', '=', 'x')],
  [m('9a', '=', 'x')],
  [m('_a', '=', 'x')],
  [m('', '=', 'x')],
  [m('a', '=~', '(')],
  [m('a', '=~', 'a)|(b')],
  [m('a', '=~', '(?<n>x)')],
  [m('a', '=~', '(?P<n>x)|(?P<n>y)')],
  [m('a', '=~', '(?=x)')],
  [m('a', '=~', '.*')],
  [m('a', '=', '')],
  [m('a', '!=', 'x')],
  [m('a', '!~', '.*')],
  [m('a', '!=', '')],
  [m('a', '=~', 'x|')],
  [m('a', '=~', 'x|'), m('b', '=', 'y')],
  [m('a', '=~', '.+'), m('b', '=', '')],
  [m('a', '=', 'café 🙂, "quoted"')],
]

describe('Alertmanager 0.25 accepts exactly the silences spock validates', () => {
  it('agrees on every matcher list', async () => {
    const am = await startAlertmanager()
    try {
      const now = Date.now()
      const results = await Promise.all(
        SILENCES.map(async (ms) => {
          const res = await fetch(`${am.url}/api/v2/silences`, {
            method: 'POST',
            headers: {'content-type': 'application/json'},
            body: JSON.stringify({
              matchers: ms.map(toApiMatcher),
              startsAt: new Date(now).toISOString(),
              endsAt: new Date(now + 3_600_000).toISOString(),
              createdBy: 'spock-test',
              comment: 'oracle',
            }),
          })
          const body = await res.text()
          const spockOk = ms.every((x) => validateMatcher(x, {mode: 'classic'}) === undefined) && !ms.every(matchesEmpty)
          return {matchers: ms, status: res.status, body: body.trim(), spockOk}
        }),
      )
      expect(results.every((r) => r.status === 200 || r.status === 400)).toBe(true)
      const mismatches = results.filter((r) => (r.status === 200) !== r.spockOk)
      expect(mismatches).toEqual([])
      expect(results.filter((r) => r.spockOk).length).toBeGreaterThan(4)
    } finally {
      await am.stop()
    }
  })
})

// Positional arguments of `amtool silence add` 0.25: a first argument that is no single matcher becomes
// alertname=<arg> pasted verbatim, then each argument is one classic matcher (commas and braces inside a
// value are kept). spock against Alertmanager 0.25 must create the same matchers, or refuse what amtool refuses.
const POSITIONAL: readonly string[][] = [
  ['a=b', 'c={x}'], ['foo', 'c={x}'], ['a=b', 'c=d}'], ['a=b', 'c={x'], ['"foo"', 'env=prod'], ['foo bar', 'env=prod'],
  ['{a=b}', 'c=d'], ['{a=b', 'c=d}'], ['a=b}', 'c=d'], ['a=b,c=d', 'e=f'], ['a=b', 'c=d,e=f'], ['foo,bar', 'e=f'],
  ['foo=~(', 'e=f'], ['=x', 'e=f'], ['a==b', 'c=d'], ['a="x,y"', 'e=f'], ['a=b', ' c = d '], ['x', '{c=d}'],
  ['a', 'b'], ['foo="bar', 'e=f'], ['"a"="b"', 'e=f'], ['a=b', 'c="x'],
]

describe('amtool silence add and spock silences create read positional matchers alike', () => {
  it('creates the same matchers or refuses the same inputs', async () => {
    const am = await startAlertmanager()
    const http = new HttpClient({url: am.url, headers: {}, tls: {}, timeoutMs: 10_000})
    try {
      const matchersOf = async (id: string) => ((await (await fetch(`${am.url}/api/v2/silence/${id}`)).json()) as {matchers: unknown[]}).matchers
      const results = await Promise.all(
        POSITIONAL.map(async (args) => {
          const theirs = await run('amtool', ['silence', 'add', `--alertmanager.url=${am.url}`, '-c', 'oracle', '-a', 'me', ...args]).then(
            (r) => r.stdout.trim(),
            () => undefined,
          )
          const input = {matchers: {args}, comment: 'oracle', requireComment: true, author: 'me'}
          const ours = await createSilence([http], input, {alwaysNew: true}).then(
            (r) => r.id!,
            (e: unknown) => (e instanceof UsageError ? undefined : String(e)),
          )
          return {
            args,
            amtool: theirs === undefined ? 'refused' : await matchersOf(theirs),
            spock: ours === undefined ? 'refused' : await matchersOf(ours),
          }
        }),
      )
      expect(results.filter((r) => JSON.stringify(r.amtool) !== JSON.stringify(r.spock))).toEqual([])
      expect(results.filter((r) => r.amtool === 'refused').length).toBeGreaterThan(3)
    } finally {
      await http.close()
      await am.stop()
    }
  }, 30_000)
})
