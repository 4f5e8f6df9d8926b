// Use cases against an in-memory stand-in for one Alertmanager peer (the real server is covered in test/integration).
import {describe, expect, test} from 'vitest'
import type {Silence} from '../../../src/alertmanager/schemas.js'
import {
  createSilence,
  equalityFilter,
  expireMatching,
  expireSilences,
  importSilences,
  updateSilence,
} from '../../../src/alertmanager/silence-ops.js'
import type {ImportEntry} from '../../../src/alertmanager/silences.js'
import {ApiError, ConnectionError, NotFoundError, UsageError} from '../../../src/errors.js'
import type {HttpClient, HttpResponse, RequestOptions} from '../../../src/http/client.js'

type Body = Omit<Silence, 'id' | 'status' | 'updatedAt'> & {id?: string}

/** Enough of Alertmanager 0.25's silence API: update in place when the start is unchanged, else a new ID. */
class FakePeer {
  silences = new Map<string, Silence>()
  posts = 0
  private next = 0
  constructor(
    readonly displayUrl: string,
    private readonly version = '0.25.0',
  ) {}

  add(s: Partial<Silence>): Silence {
    const id = s.id ?? `seed-${++this.next}`
    const full: Silence = {
      id,
      status: {state: 'active'},
      updatedAt: '2026-01-01T00:00:00Z',
      comment: 'c',
      createdBy: 'x',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      matchers: [{name: 'a', value: 'b', isRegex: false, isEqual: true}],
      ...s,
    }
    this.silences.set(id, full)
    return full
  }

  async getJson(path: string): Promise<unknown> {
    if (path === '/api/v2/status') return {cluster: {status: 'disabled', peers: []}, versionInfo: {version: this.version}, config: {original: ''}, uptime: 'x'}
    if (path === '/api/v2/silences') return [...this.silences.values()]
    throw new Error(`unexpected GET ${path}`)
  }

  async get(path: string): Promise<HttpResponse> {
    const s = this.silences.get(path.replace('/api/v2/silence/', ''))
    return s ? this.res(200, s) : this.res(404, '')
  }

  async postJson(path: string, opts: RequestOptions): Promise<unknown> {
    const r = await this.post(path, opts)
    if (r.status !== 200) throw new ApiError(`POST failed with HTTP ${r.status}: ${r.text}`, {status: r.status})
    return JSON.parse(r.text)
  }

  async post(_path: string, opts: RequestOptions): Promise<HttpResponse> {
    this.posts++
    const body = opts.body as Body
    if (body.matchers.some((m) => m.isRegex && m.value === '(')) return this.res(400, '"silence invalid: invalid regular expression"')
    const old = body.id ? this.silences.get(body.id) : undefined
    if (body.id && !old) return this.res(404, '"silence not found"')
    if (old && old.status.state !== 'expired' && old.startsAt === body.startsAt) {
      this.silences.set(old.id, {...old, ...body, id: old.id})
      return this.res(200, {silenceID: old.id})
    }
    if (old) old.status.state = 'expired'
    const created = this.add({...body, id: `new-${++this.next}`})
    return this.res(200, {silenceID: created.id})
  }

  async delete(path: string): Promise<HttpResponse> {
    const s = this.silences.get(path.replace('/api/v2/silence/', ''))
    if (!s) return this.res(500, '"silence not found"')
    s.status.state = 'expired'
    return this.res(200, '')
  }

  private res(status: number, body: unknown): HttpResponse {
    return {status, contentType: 'application/json', text: typeof body === 'string' ? body : JSON.stringify(body), url: this.displayUrl}
  }
}

const asClient = (p: FakePeer | HttpClient) => p as unknown as HttpClient
const downPeer = asClient({
  displayUrl: 'http://down',
  getJson: async () => {
    throw new ConnectionError('cannot reach http://down/api/v2/status: connection refused')
  },
} as unknown as HttpClient)
const input = {matchers: {args: ['svc=api']}, comment: 'deploy', requireComment: true, author: 'ci'}

describe('createSilence', () => {
  test('creates on the first healthy peer, confirms on the others, names the down one', async () => {
    // Given peer A down, B and C up, where C sees what B stores (shared map: gossip already done)
    const b = new FakePeer('http://b')
    const c = new FakePeer('http://c')
    c.silences = b.silences
    const r = await createSilence([downPeer, asClient(b), asClient(c)], input, {propagationTimeoutMs: 50})
    expect(r).toMatchObject({action: 'created', peer: 'http://b', notPropagated: [], down: [{url: 'http://down'}]})
    expect(b.silences.get(r.id!)?.matchers).toEqual([{name: 'svc', value: 'api', isRegex: false, isEqual: true}])
  })

  test('reports a peer that never shows the silence', async () => {
    const r = await createSilence([asClient(new FakePeer('http://b')), asClient(new FakePeer('http://lonely'))], input, {propagationTimeoutMs: 20})
    expect(r.notPropagated.map((p) => p.url)).toEqual(['http://lonely'])
  })

  test('the same request twice reuses the first silence; --always-new does not', async () => {
    const peer = new FakePeer('http://a')
    const first = await createSilence([asClient(peer)], input)
    const second = await createSilence([asClient(peer)], input)
    expect(second).toMatchObject({action: 'reused', id: first.id})
    expect(peer.posts).toBe(1)
    const third = await createSilence([asClient(peer)], input, {alwaysNew: true})
    expect(third.id).not.toBe(first.id)
  })

  test('annotations are dropped (and said so) before 0.32, sent from 0.32', async () => {
    const old = new FakePeer('http://old', '0.25.0')
    const neu = new FakePeer('http://new', '0.32.1')
    const withAnnotation = {...input, annotations: ['ticket=OPS-1']}
    const a = await createSilence([asClient(old)], withAnnotation)
    const b = await createSilence([asClient(neu)], withAnnotation)
    expect(a.annotationsDropped).toBe(true)
    expect(old.silences.get(a.id!)?.annotations).toBeUndefined()
    expect(b.annotationsDropped).toBe(false)
    expect(neu.silences.get(b.id!)?.annotations).toEqual({ticket: 'OPS-1'})
  })

  test('bad input fails before any request', async () => {
    const peer = new FakePeer('http://a')
    await expect(createSilence([asClient(peer)], {...input, comment: undefined})).rejects.toBeInstanceOf(UsageError)
    await expect(createSilence([downPeer], {...input, duration: '0'})).rejects.toThrow(/is zero/)
    expect(peer.posts).toBe(0)
  })
})

describe('expire', () => {
  test('by ID: expired, already expired is fine, unknown is not-found', async () => {
    const peer = new FakePeer('http://a')
    const live = peer.add({})
    const gone = peer.add({status: {state: 'expired'}})
    const r = await expireSilences([asClient(peer)], [live.id, gone.id, '00000000-0000-4000-8000-000000000000', live.id])
    expect(r.results).toEqual([
      {id: live.id, outcome: 'expired'},
      {id: gone.id, outcome: 'expired'},
      {id: '00000000-0000-4000-8000-000000000000', outcome: 'not-found'},
    ])
  })

  test('by matcher: only silences containing every given matcher, and only with yes', async () => {
    const peer = new FakePeer('http://a')
    const hit = peer.add({matchers: [{name: 'svc', value: 'api', isRegex: false, isEqual: true}, {name: 'env', value: 'prod', isRegex: false, isEqual: true}]})
    peer.add({matchers: [{name: 'svc', value: 'api', isRegex: true, isEqual: true}]})
    peer.add({matchers: [{name: 'svc', value: 'web', isRegex: false, isEqual: true}]})
    const preview = await expireMatching([asClient(peer)], {matcher: ['svc=api']}, false)
    expect(preview.matched?.map((s) => s.id)).toEqual([hit.id])
    expect(preview.results).toEqual([])
    expect(hit.status.state).toBe('active')
    await expireMatching([asClient(peer)], {matcher: ['svc=api']}, true)
    expect(hit.status.state).toBe('expired')
  })
})

describe('updateSilence', () => {
  test('same start: same ID; --duration counts from the start', async () => {
    const peer = new FakePeer('http://a')
    const s = peer.add({})
    const r = await updateSilence([asClient(peer)], {id: s.id, duration: '5h', comment: 'new'})
    expect(r).toMatchObject({id: s.id, newId: false})
    expect(Date.parse(peer.silences.get(s.id)!.endsAt) - Date.parse(s.startsAt)).toBe(5 * 3600_000)
    expect(peer.silences.get(s.id)!.comment).toBe('new')
  })

  test('an expired silence gets a new ID; unknown IDs are NotFoundError; nothing to change is a UsageError', async () => {
    const peer = new FakePeer('http://a')
    const s = peer.add({status: {state: 'expired'}})
    const r = await updateSilence([asClient(peer)], {id: s.id, end: '+2h'})
    expect(r.newId).toBe(true)
    await expect(updateSilence([asClient(peer)], {id: 'nope', end: '+2h'})).rejects.toBeInstanceOf(NotFoundError)
    await expect(updateSilence([asClient(peer)], {id: s.id})).rejects.toBeInstanceOf(UsageError)
  })
})

describe('importSilences', () => {
  const future = () => new Date(Date.now() + 3600_000).toISOString()
  const entry = (index: number, over: Partial<Body> = {}): ImportEntry => ({
    index,
    silence: {matchers: [{name: 'k', value: String(index), isRegex: false, isEqual: true}], startsAt: new Date().toISOString(), endsAt: future(), createdBy: 'x', comment: 'c', ...over},
  })

  test('each outcome, as amtool: known ID updated, unknown re-created, ended skipped, rejected failed', async () => {
    const peer = new FakePeer('http://a')
    const known = peer.add({})
    const entries: ImportEntry[] = [
      entry(0, {id: known.id, startsAt: known.startsAt}),
      entry(1, {id: 'unknown-id'}),
      entry(2),
      entry(3, {endsAt: '2020-01-01T00:00:00Z'}),
      entry(4, {matchers: [{name: 'k', value: '(', isRegex: true, isEqual: true}]}),
      {index: 5, id: 'broken', error: 'matchers: needs at least one matcher'},
    ]
    const r = await importSilences([asClient(peer)], entries)
    expect(r.results.map((x) => [x.index, x.outcome])).toEqual([
      [1, 'updated'],
      [2, 'recreated'],
      [3, 'created'],
      [4, 'skipped'],
      [5, 'failed'],
      [6, 'failed'],
    ])
    expect(r.results[0]!.id).toBe(known.id)
    expect(r.results[4]!.error).toMatch(/invalid regular expression/)
  })

  test('--force ignores IDs', async () => {
    const peer = new FakePeer('http://a')
    const known = peer.add({})
    const r = await importSilences([asClient(peer)], [entry(0, {id: known.id, startsAt: known.startsAt})], {force: true})
    expect(r.results[0]).toMatchObject({outcome: 'created', previousId: known.id})
    expect(r.results[0]!.id).not.toBe(known.id)
  })
})

describe('equalityFilter (the server-side pre-filter of the reuse check)', () => {
  test('sends plain name="value" matchers only', () => {
    const m = (name: string, type: '=' | '!=' | '=~' | '!~', value: string) => ({name, type, value})
    expect(equalityFilter([m('alertname', '=', 'Disk Full ü'), m('env', '=~', 'a|b'), m('team', '!=', 'x'), m('q', '=', 'say "hi"'), m('b', '=', 'a\\b'), m('n', '=', 'a\nb'), m('utf8.name', '=', 'x')])).toEqual([
      'alertname="Disk Full ü"',
    ])
  })
})
