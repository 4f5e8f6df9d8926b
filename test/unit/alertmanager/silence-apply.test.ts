import {describe, expect, test} from 'vitest'
import {durationSlack, marker, markedComment, planApply, readMarker, summarize, type ResolvedEntry} from '../../../src/alertmanager/silence-apply.js'
import {parseSilenceFile, type SilenceFile} from '../../../src/alertmanager/silence-file.js'
import type {Silence} from '../../../src/alertmanager/schemas.js'
import {matchersFromInputs} from '../../../src/alertmanager/silences.js'

const NOW = new Date('2026-12-02T16:00:00Z') // a Wednesday
const DAY = 86_400_000
const opts = {now: NOW, horizonMs: 0, prune: false, author: 'alice'}

function load(text: string): {file: SilenceFile; entries: ResolvedEntry[]} {
  const file = parseSilenceFile(text, 'silences.yml', {now: NOW})
  return {file, entries: file.entries.map((entry) => ({entry, matchers: matchersFromInputs({matcher: entry.matchers}).matchers}))}
}

let seq = 0
/** What the server would hold after the plan's creates and updates ran (ids kept for updates). */
function serverAfter(plan: ReturnType<typeof planApply>, before: readonly Silence[] = [], now = NOW): Silence[] {
  const byId = new Map(before.map((s) => [s.id, s]))
  for (const step of plan.steps) {
    if (step.action.action === 'expire') byId.delete(step.action.id!)
    if (!step.post) continue
    const id = step.post.id ?? `new-${++seq}`
    const start = Math.max(Date.parse(step.post.startsAt), now.getTime())
    byId.set(id, {
      id,
      status: {state: start <= now.getTime() ? 'active' : 'pending'},
      updatedAt: now.toISOString(),
      comment: step.post.comment,
      createdBy: step.post.createdBy,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(step.post.endsAt).toISOString(),
      matchers: step.post.matchers.map((m) => ({...m, isEqual: m.isEqual ?? true})),
    })
  }
  return [...byId.values()]
}

const kinds = (plan: ReturnType<typeof planApply>) => plan.steps.map((s) => `${s.action.action} ${s.action.name}`)

const FILE = `silences:
  - name: weekly-db
    matchers: ['service="db"']
    comment: patching
    schedule: {weekdays: [saturday], times: [{start_time: "02:00", end_time: "06:00"}], location: Asia/Seoul}
  - name: deploy
    matchers: [alertname=Deploy]
    comment: deploy
    duration: 2h
  - name: freeze
    matchers: [team=shop]
    comment: freeze
    starts: 2026-12-24T00:00:00Z
    ends: 2026-12-27T00:00:00Z
`

describe('markers', () => {
  test('name, or scope/name, at the end of the comment', () => {
    expect(marker(undefined, 'a')).toBe('[spock-apply:a]')
    expect(markedComment(' patching ', 'team-db', 'a')).toBe('patching [spock-apply:team-db/a]')
    expect(readMarker('patching [spock-apply:team-db/a]')).toEqual({scope: 'team-db', name: 'a'})
    expect(readMarker('patching [spock-apply:a]')).toEqual({scope: undefined, name: 'a'})
    expect(readMarker('[spock-apply:a] written by hand')).toBeUndefined()
    expect(readMarker('patching')).toBeUndefined()
  })
})

describe('planApply', () => {
  test('first run creates one silence per wanted window; a second run over the result is all unchanged', () => {
    const {file, entries} = load(FILE)
    const first = planApply(file, entries, [], opts)
    expect(kinds(first)).toEqual(['create weekly-db', 'create deploy', 'create freeze'])
    expect(first.steps[0]!.post).toMatchObject({startsAt: '2026-12-04T17:00:00Z', endsAt: '2026-12-04T21:00:00Z', createdBy: 'alice', comment: 'patching [spock-apply:weekly-db]'})
    expect(first.steps[1]!.post).toMatchObject({startsAt: '2026-12-02T16:00:00Z', endsAt: '2026-12-02T18:00:00Z'})
    const held = serverAfter(first)
    const again = planApply(file, entries, held, {...opts, now: new Date(NOW.getTime() + 5_000)})
    expect(kinds(again)).toEqual(['unchanged weekly-db', 'unchanged deploy', 'unchanged freeze'])
    expect(summarize(again.steps.map((s) => s.action))).toEqual({create: 0, update: 0, expire: 0, unchanged: 3, failed: 0})
  })

  test('--horizon 21d holds three Saturday windows; a later run without it keeps them', () => {
    const {file, entries} = load(FILE)
    const first = planApply(file, entries.slice(0, 1), [], {...opts, horizonMs: 21 * DAY})
    expect(first.steps.map((s) => s.post?.startsAt)).toEqual(['2026-12-04T17:00:00Z', '2026-12-11T17:00:00Z', '2026-12-18T17:00:00Z'])
    const again = planApply(file, entries.slice(0, 1), serverAfter(first), opts)
    expect(kinds(again)).toEqual(['unchanged weekly-db', 'unchanged weekly-db', 'unchanged weekly-db'])
  })

  test('inside the window: the active silence (started when created) is unchanged', () => {
    const {file, entries} = load(FILE)
    const inside = new Date('2026-12-04T18:00:00Z')
    const first = planApply(file, entries.slice(0, 1), [], {...opts, now: inside})
    expect(first.steps[0]!.post).toMatchObject({startsAt: '2026-12-04T18:00:00Z', endsAt: '2026-12-04T21:00:00Z'})
    const later = new Date('2026-12-04T19:00:00Z')
    expect(kinds(planApply(file, entries.slice(0, 1), serverAfter(first, [], inside), {...opts, now: later}))).toEqual(['unchanged weekly-db'])
  })

  test('a changed comment or end is an update of the same silence; a changed schedule moves or expires its windows', () => {
    const {file, entries} = load(FILE)
    const held = serverAfter(planApply(file, entries, [], {...opts, horizonMs: 14 * DAY}))
    const changed = load(FILE.replace('comment: freeze', 'comment: code freeze').replace('"06:00"', '"07:00"').replace('2026-12-27T00', '2026-12-28T00'))
    const plan = planApply(changed.file, changed.entries, held, opts)
    expect(plan.steps.map((s) => [s.action.action, s.action.name, s.action.reason])).toEqual([
      ['update', 'weekly-db', 'end 2026-12-04T21:00:00Z -> 2026-12-04T22:00:00Z'],
      ['expire', 'weekly-db', 'not a window of the schedule any more'],
      ['unchanged', 'deploy', undefined],
      ['update', 'freeze', 'end 2026-12-27T00:00:00Z -> 2026-12-28T00:00:00Z; comment changed'],
    ])
    const freeze = plan.steps[3]!
    expect(freeze.post).toMatchObject({id: freeze.action.id, comment: 'code freeze [spock-apply:freeze]', startsAt: '2026-12-24T00:00:00Z', endsAt: '2026-12-28T00:00:00Z'})
  })

  test('changed matchers: an update by ID (the server replaces the silence)', () => {
    const {file, entries} = load(FILE)
    const held = serverAfter(planApply(file, entries, [], opts))
    const changed = load(FILE.replace('[team=shop]', '[team=shop, env=prod]'))
    const step = planApply(changed.file, changed.entries, held, opts).steps[2]!
    expect(step.action).toMatchObject({action: 'update', name: 'freeze', reason: 'matchers {team="shop"} -> {team="shop",env="prod"}'})
    expect(step.post?.matchers).toHaveLength(2)
  })

  test('duration: unchanged while the silence lasts until now + duration - slack, else extended (never shortened)', () => {
    const {file, entries} = load(FILE)
    const deploy = entries.slice(1, 2)
    const held = serverAfter(planApply(file, deploy, [], opts))
    const slack = durationSlack(2 * 3_600_000)
    expect(slack).toBe(12 * 60_000)
    expect(kinds(planApply(file, deploy, held, {...opts, now: new Date(NOW.getTime() + slack)}))).toEqual(['unchanged deploy'])
    const late = planApply(file, deploy, held, {...opts, now: new Date(NOW.getTime() + slack + 60_000)})
    expect(late.steps[0]!.action).toMatchObject({action: 'update', startsAt: held[0]!.startsAt.replace('.000', ''), endsAt: '2026-12-02T18:13:00Z'})
    expect(durationSlack(5 * 60_000)).toBe(60_000)
    const shorter = load(FILE.replace('duration: 2h', 'duration: 30m'))
    expect(kinds(planApply(shorter.file, shorter.entries.slice(1, 2), held, opts))).toEqual(['unchanged deploy'])
  })

  test('hand-made silences are never touched, even with the same matchers; --prune expires only marked ones of gone names', () => {
    const {file, entries} = load(FILE)
    const held = serverAfter(planApply(file, entries, [], opts))
    const handMade: Silence = {...held[2]!, id: 'by-hand', comment: 'freeze'}
    const otherScope: Silence = {...held[2]!, id: 'other-scope', comment: 'freeze [spock-apply:team-x/freeze]'}
    const onlyWeekly = load(FILE.slice(0, FILE.indexOf('  - name: deploy')))
    const kept = planApply(onlyWeekly.file, onlyWeekly.entries, [...held, handMade, otherScope], opts)
    expect(kinds(kept)).toEqual(['unchanged weekly-db'])
    expect(kept.orphans.map((o) => o.name)).toEqual(['deploy', 'freeze'])
    const pruned = planApply(onlyWeekly.file, onlyWeekly.entries, [...held, handMade, otherScope], {...opts, prune: true})
    expect(kinds(pruned)).toEqual(['unchanged weekly-db', 'expire deploy', 'expire freeze'])
    expect(pruned.steps.map((s) => s.action.id)).not.toContain('by-hand')
    expect(pruned.steps.map((s) => s.action.id)).not.toContain('other-scope')
    expect(pruned.steps[2]!.action.reason).toBe('its name is no longer in the file')
  })

  test('a scope sees only its own silences', () => {
    const {file, entries} = load(`scope: team-db\n${FILE}`)
    const unscoped = serverAfter(planApply({}, entries, [], opts))
    expect(kinds(planApply(file, entries, unscoped, {...opts, prune: true}))).toEqual(['create weekly-db', 'create deploy', 'create freeze'])
  })

  test('a duplicate (two runs at once) is expired; a fixed window that ended expires its active silence', () => {
    const {file, entries} = load(FILE)
    const held = serverAfter(planApply(file, entries, [], opts))
    const dup = {...held[2]!, id: 'dup'}
    expect(kinds(planApply(file, entries, [...held, dup], opts))).toEqual(['unchanged weekly-db', 'unchanged deploy', 'unchanged freeze', 'expire freeze'])
    const ended = load(FILE.replace('ends: 2026-12-27T00:00:00Z', 'ends: 2026-12-02T15:00:00Z').replace('starts: 2026-12-24T00:00:00Z', 'starts: 2026-12-01T00:00:00Z'))
    const active = {...held[2]!, status: {state: 'active' as const}, startsAt: '2026-12-01T00:00:00Z'}
    const plan = planApply(ended.file, ended.entries.slice(2), [active], opts)
    expect(plan.steps.map((s) => [s.action.action, s.action.reason])).toEqual([['expire', "the file's window has ended"]])
  })

  test('expired silences and author-less entries: a stored author is kept; an explicit new author is a change', () => {
    const {file, entries} = load(FILE)
    const held = serverAfter(planApply(file, entries, [], opts)).map((s) => ({...s, createdBy: 'bob'}))
    expect(kinds(planApply(file, entries, held, opts))).toEqual(['unchanged weekly-db', 'unchanged deploy', 'unchanged freeze'])
    const withAuthor = load(FILE.replace('comment: freeze', 'comment: freeze\n    author: carol'))
    expect(planApply(withAuthor.file, withAuthor.entries, held, opts).steps[2]!.action.reason).toBe('author bob -> carol')
    const expired = held.map((s) => ({...s, status: {state: 'expired' as const}}))
    expect(kinds(planApply(file, entries, expired, opts))).toEqual(['create weekly-db', 'create deploy', 'create freeze'])
  })
})
