import {describe, expect, test} from 'vitest'
import {MatcherError, type Matcher} from '../../../src/model/matchers.js'
import type {Silence} from '../../../src/alertmanager/schemas.js'
import {
  buildSilence,
  checkMatchers,
  containsMatchers,
  filterSilences,
  findEquivalent,
  matcherMode,
  matchersFromInputs,
  importedSilence,
  parseImportFile,
  precheckMatchers,
  raceWinner,
  toPostable,
  type SilenceInput,
} from '../../../src/alertmanager/silences.js'
import {UsageError} from '../../../src/errors.js'

const NOW = new Date('2026-11-22T10:00:00Z')
const m = (name: string, type: string, value: string) => ({name, type, value}) as Matcher
const base: SilenceInput = {matchers: [m('alertname', '=', 'Foo')], comment: 'maint', requireComment: true, author: 'alice'}

let seq = 0
function silence(over: Partial<Silence> & {state?: Silence['status']['state']} = {}): Silence {
  const {state, ...rest} = over
  return {
    id: `id-${++seq}`,
    status: {state: state ?? 'active'},
    updatedAt: '2026-11-22T09:00:00Z',
    comment: 'c',
    createdBy: 'bob',
    startsAt: '2026-11-22T09:00:00Z',
    endsAt: '2026-11-22T11:00:00Z',
    matchers: [{name: 'alertname', value: 'Foo', isRegex: false, isEqual: true}],
    ...rest,
  }
}

describe('buildSilence', () => {
  test('defaults: starts now, lasts 1h, carries author and comment', () => {
    const s = buildSilence(base, NOW)
    expect(s).toEqual({
      matchers: [{name: 'alertname', value: 'Foo', isRegex: false, isEqual: true}],
      startsAt: '2026-11-22T10:00:00Z',
      endsAt: '2026-11-22T11:00:00Z',
      createdBy: 'alice',
      comment: 'maint',
    })
  })

  test.each([
    ['duration 1h30m', {duration: '1h30m'}, '2026-11-22T10:00:00Z', '2026-11-22T11:30:00Z'],
    ['relative start +30m', {start: '+30m', duration: '2h'}, '2026-11-22T10:30:00Z', '2026-11-22T12:30:00Z'],
    ['explicit end', {end: '2026-11-23T00:00:00Z'}, '2026-11-22T10:00:00Z', '2026-11-23T00:00:00Z'],
    ['start in the past is kept (the server clamps it)', {start: '-1h', duration: '2h'}, '2026-11-22T09:00:00Z', '2026-11-22T11:00:00Z'],
  ])('%s', (_name, over, startsAt, endsAt) => {
    expect(buildSilence({...base, ...over}, NOW)).toMatchObject({startsAt, endsAt})
  })

  test('annotations are parsed from k=v (value may hold =)', () => {
    expect(buildSilence({...base, annotations: ['ticket=OPS-1', 'url=a=b']}, NOW).annotations).toEqual({ticket: 'OPS-1', url: 'a=b'})
  })

  test('no comment is fine with requireComment false', () => {
    expect(buildSilence({...base, comment: undefined, requireComment: false}, NOW).comment).toBe('')
  })

  test.each([
    ['no matchers', {matchers: []}, /no matchers given/],
    ['only matchers that match the empty string', {matchers: [m('a', '=~', '.*'), m('b', '=', '')]}, /matches the empty string/],
    ['zero duration', {duration: '0'}, /duration "0" is zero/],
    ['bad duration', {duration: '1hour'}, /invalid duration "1hour"/],
    ['end before start', {start: '+2h', end: '+1h'}, /start .* is not before end/],
    ['end equal to start', {start: '2026-11-22T12:00:00Z', end: '2026-11-22T12:00:00Z'}, /is not before end/],
    ['end in the past', {start: '-2h', end: '-1h'}, /end 2026-11-22T09:00:00Z is in the past/],
    ['missing comment', {comment: undefined}, /a comment is required/],
    ['blank comment', {comment: '  '}, /a comment is required/],
    ['bad time', {end: 'tomorrow'}, /invalid time "tomorrow"/],
    ['annotation without =', {annotations: ['ticket']}, /annotation "ticket" is not key=value/],
  ])('rejects %s with a UsageError and a hint', (_name, over, message) => {
    let err: unknown
    try {
      buildSilence({...base, ...over} as SilenceInput, NOW)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(UsageError)
    expect((err as UsageError).message).toMatch(message)
    expect((err as UsageError).hint).toBeTruthy()
  })
})

describe('filterSilences', () => {
  const active = silence({createdBy: 'alice', id: 'aaaa-1'})
  const pending = silence({state: 'pending', startsAt: '2026-11-22T12:00:00Z', endsAt: '2026-11-22T20:00:00Z', id: 'bbbb-2'})
  const expired = silence({state: 'expired', endsAt: '2026-11-22T09:30:00Z', id: 'cccc-3'})
  const oldExpired = silence({state: 'expired', endsAt: '2026-11-21T09:30:00Z', id: 'dddd-4'})
  const regex = silence({id: 'eeee-5', matchers: [{name: 'instance', value: 'db-.*', isRegex: true, isEqual: true}]})
  const all = [active, pending, expired, oldExpired, regex]
  const ids = (list: Silence[]) => list.map((s) => s.id)

  test.each([
    ['active and pending by default', {states: ['active', 'pending']}, ['aaaa-1', 'bbbb-2', 'eeee-5']],
    ['expired only', {states: ['expired']}, ['cccc-3', 'dddd-4']],
    ['by author', {states: ['active', 'pending'], createdBy: 'alice'}, ['aaaa-1']],
    ['by ID prefix', {states: ['active', 'pending', 'expired'], ids: ['bbbb', 'cccc-3']}, ['bbbb-2', 'cccc-3']],
    ['ending within 2h', {states: ['active', 'pending'], withinMs: 2 * 3600_000}, ['aaaa-1', 'eeee-5']],
    ['expired within 1h', {states: ['expired'], withinMs: 3600_000}, ['cccc-3']],
    ['matcher filter as the API: the same matcher must be in the silence', {states: ['active'], matchers: [m('instance', '=~', 'db-.*')]}, ['eeee-5']],
    ['a filter is not applied as a regex', {states: ['active'], matchers: [m('alertname', '=~', 'F.*')]}, []],
    ['the type must match too', {states: ['active'], matchers: [m('instance', '=', 'db-.*')]}, []],
  ] as const)('%s', (_name, filter, expected) => {
    expect(ids(filterSilences(all, filter as never, NOW))).toEqual(expected)
  })
})

describe('findEquivalent', () => {
  const foo = [m('alertname', '=', 'Foo')]
  test.each([
    ['same matchers, lasts long enough', silence({endsAt: '2026-11-22T11:00:00Z'}), '2026-11-22T11:00:00Z', true],
    ['ends a few seconds before the requested end (second CI run)', silence({endsAt: '2026-11-22T11:00:00Z'}), '2026-11-22T11:00:30Z', true],
    ['ends well before the requested end', silence({endsAt: '2026-11-22T11:00:00Z'}), '2026-11-22T12:00:00Z', false],
    ['expired', silence({state: 'expired'}), '2026-11-22T10:30:00Z', false],
    ['pending', silence({state: 'pending'}), '2026-11-22T10:30:00Z', false],
    ['regex instead of equality', silence({matchers: [{name: 'alertname', value: 'Foo', isRegex: true, isEqual: true}]}), '2026-11-22T10:30:00Z', false],
    ['an extra matcher', silence({matchers: [{name: 'alertname', value: 'Foo', isRegex: false, isEqual: true}, {name: 'env', value: 'prod', isRegex: false, isEqual: true}]}), '2026-11-22T10:30:00Z', false],
  ])('%s → %s', (_name, s, end, reused) => {
    expect(findEquivalent([s], foo, new Date(end))?.id).toBe(reused ? s.id : undefined)
  })

  test('the longest-lasting candidate wins; matcher order does not matter', () => {
    const two = [m('env', '=', 'prod'), m('alertname', '=', 'Foo')]
    const ms = [{name: 'alertname', value: 'Foo', isRegex: false, isEqual: true}, {name: 'env', value: 'prod', isRegex: false, isEqual: true}]
    const short = silence({matchers: ms, endsAt: '2026-11-22T12:00:00Z'})
    const long = silence({matchers: ms, endsAt: '2026-11-22T13:00:00Z'})
    expect(findEquivalent([short, long], two, new Date('2026-11-22T11:00:00Z'))?.id).toBe(long.id)
  })
})

describe('containsMatchers', () => {
  const s = silence({
    matchers: [
      {name: 'alertname', value: 'Foo', isRegex: false, isEqual: true},
      {name: 'env', value: 'prod|stage', isRegex: true, isEqual: true},
    ],
  })
  test.each([
    [[m('alertname', '=', 'Foo')], true],
    [[m('env', '=~', 'prod|stage'), m('alertname', '=', 'Foo')], true],
    [[m('env', '=', 'prod|stage')], false],
    [[m('alertname', '!=', 'Foo')], false],
    [[m('alertname', '=', 'Foo'), m('team', '=', 'x')], false],
  ])('%j → %s', (given, expected) => {
    expect(containsMatchers(s, given)).toBe(expected)
  })
})

describe('matchersFromInputs', () => {
  test('a first bare word is an alert name (amtool); --alertname and --matcher add more', () => {
    const got = matchersFromInputs({alertname: 'A', args: ['Foo', 'env=prod'], matcher: ['instance=~"db-.*"']}).matchers
    expect(got.map((x) => [x.name, x.type, x.value])).toEqual([
      ['alertname', '=', 'A'],
      ['alertname', '=', 'Foo'],
      ['env', '=', 'prod'],
      ['instance', '=~', 'db-.*'],
    ])
  })
})

describe('matcher parsing by server version', () => {
  test.each([
    ['0.25.0', 'classic'],
    ['0.26.0', 'classic'],
    ['0.27.0', 'fallback'],
    ['0.34.1', 'fallback'],
  ] as const)('Alertmanager %s → %s parser', (version, mode) => {
    expect(matcherMode(version)).toBe(mode)
  })

  test('a first argument with an operator that does not parse reports its own error, not alertname=…', () => {
    expect(() => matchersFromInputs({args: ['foo=~"(bar"']}, 'classic')).toThrow(/^invalid matcher "foo=~\\"\(bar\\"": .*missing closing \)/)
  })

  test('label names: classic rejects what UTF-8 allows', () => {
    const dotted = [m('service.name', '=', 'api')]
    expect(() => checkMatchers(dotted, 'classic')).toThrow(/invalid matcher service\.name="api": invalid label name "service\.name"/)
    expect(() => checkMatchers(dotted, 'fallback')).not.toThrow()
  })
})

describe('import files', () => {
  test('an amtool export parses; bad entries are reported by index, the rest still import', () => {
    const good = {...silence({id: 'x-1'}), annotations: {ticket: 'T-1'}}
    const text = JSON.stringify([good, {id: 'x-2', matchers: [], startsAt: 'a', endsAt: 'b'}, {comment: 'no times'}])
    const entries = parseImportFile(text, 'f.json')
    expect(entries[0]).toMatchObject({index: 0, silence: {id: 'x-1', createdBy: 'bob', annotations: {ticket: 'T-1'}}})
    expect(entries[1]).toEqual({index: 1, id: 'x-2', error: 'matchers: needs at least one matcher'})
    expect(entries[2]).toMatchObject({index: 2, error: expect.stringMatching(/^matchers: /)})
  })

  test('entries in the usual shape (read without the schema) come out as the schema reads them', () => {
    // Each field valid, absent or of another type; matchers likewise: every combination against zod's answer
    const variants: Record<string, unknown[]> = {
      id: ['x-1', undefined, 7, null],
      startsAt: ['2026-11-22T10:00:00Z', undefined, 1],
      endsAt: ['2026-11-22T12:00:00Z', null],
      createdBy: ['bob', undefined, false],
      comment: ['c', undefined, null],
      extra: [undefined, 'ignored'],
    }
    const matcherLists: unknown[] = [
      [{name: 'a', value: 'b', isRegex: false, isEqual: true}],
      [{name: 'a', value: 'b', isRegex: true}, {value: 'v', name: 'n', isRegex: false, isEqual: false, more: 1}],
      [], [{name: 'a', value: 'b'}], [{name: 'a', value: 1, isRegex: false}], [null], [['a']], 'a=b', undefined,
      [{name: 'a', value: 'b', isRegex: false, isEqual: 'yes'}],
    ]
    let items: Record<string, unknown>[] = [{}]
    for (const [key, values] of Object.entries(variants)) items = items.flatMap((it) => values.map((v) => (v === undefined ? it : {...it, [key]: v})))
    items = items.flatMap((it) => matcherLists.map((ms) => (ms === undefined ? it : {...it, matchers: ms})))
    items.push({matchers: [{name: 'a', value: 'b', isRegex: false}], startsAt: 's', endsAt: 'e', annotations: {t: 'x'}}, [] as never, 'x' as never, null as never)
    let plain = 0
    for (const item of items) {
      const [entry] = parseImportFile(JSON.stringify([item]), 'f.json')
      const byZod = importedSilence.safeParse(JSON.parse(JSON.stringify(item)))
      if (byZod.success) {
        plain++
        expect(entry, JSON.stringify(item)).toEqual({index: 0, silence: byZod.data})
        expect(Object.keys((entry as {silence: object}).silence)).toEqual(Object.keys(byZod.data))
      } else expect(entry, JSON.stringify(item)).toHaveProperty('error')
    }
    expect(plain).toBe(33) // the valid combinations: the comparison above ran on each
  })

  test.each([
    ['not JSON', '{', /f\.json is not JSON/],
    ['not an array', '{"a":1}', /not a JSON array of silences/],
  ])('%s is a UsageError', (_name, text, message) => {
    expect(() => parseImportFile(text, 'f.json')).toThrow(message)
  })

  test('toPostable keeps or drops the ID and the fields amtool import posts', () => {
    const s = silence({id: 'x-9'})
    const {id: _id, status: _status, updatedAt: _u, ...rest} = s
    expect(toPostable(s, true)).toEqual({id: 'x-9', ...rest})
    expect(toPostable(s, false)).toEqual(rest)
  })
})

describe('precheckMatchers (before the server version is known)', () => {
  test('lets through what only the classic parser (amtool 0.25) accepts', () => {
    expect(() => precheckMatchers({args: ['a=b', 'c={x}']})).not.toThrow()
    expect(() => precheckMatchers({args: ['{a=b', 'c=d}']})).not.toThrow()
  })
  test('refuses what no parser accepts', () => {
    expect(() => precheckMatchers({args: ['a', 'b']})).toThrow(MatcherError)
    expect(() => precheckMatchers({matcher: ['foo=~"("']})).toThrow(MatcherError)
  })
})

describe('raceWinner (concurrent identical creates)', () => {
  const foo = [m('alertname', '=', 'Foo')]
  const end = new Date('2026-11-22T11:00:00Z')
  const at = (id: string, updatedAt: string, over: Parameters<typeof silence>[0] = {}) => silence({id, updatedAt, startsAt: updatedAt, endsAt: '2026-11-22T11:00:00Z', ...over})
  const mine = at('mine', '2026-11-22T10:00:00.500Z')

  test('keeps our own silence when nothing identical is older', () => {
    expect(raceWinner([mine, at('later', '2026-11-22T10:00:00.700Z')], 'mine', foo, end, NOW)?.id).toBe('mine')
  })
  test('defers to an older identical silence created meanwhile', () => {
    expect(raceWinner([mine, at('first', '2026-11-22T10:00:00.100Z')], 'mine', foo, end, NOW)?.id).toBe('first')
  })
  test('every run picks the same winner; ties are broken by ID', () => {
    const list = [at('c', '2026-11-22T10:00:00.100Z'), at('b', '2026-11-22T10:00:00.100Z'), mine]
    expect(['c', 'b', 'mine'].map((own) => raceWinner(list, own, foo, end, NOW)?.id)).toEqual(['b', 'b', 'b'])
  })
  test('ignores silences that are not identical, end too early, are expired or are older than the race window', () => {
    const list = [
      mine,
      at('other-matchers', '2026-11-22T10:00:00.100Z', {matchers: [{name: 'alertname', value: 'Bar', isRegex: false, isEqual: true}]}),
      at('ends-early', '2026-11-22T10:00:00.100Z', {endsAt: '2026-11-22T10:30:00Z'}),
      at('expired', '2026-11-22T10:00:00.100Z', {state: 'expired'}),
      at('old', '2026-11-22T09:00:00Z'),
    ]
    expect(raceWinner(list, 'mine', foo, end, NOW)?.id).toBe('mine')
  })
})
