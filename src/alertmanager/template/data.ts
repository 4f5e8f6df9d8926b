// Alertmanager's notification template data (template.Data, Alert, Alerts, KV, Pairs) on the
// executor's value model, built from JSON (amtool --template.data), amtool's default data, or labels.
import {stringSlice} from '../../gotemplate/am-funcs.js'
import {GoTime} from '../../gotemplate/go-time.js'
import {compareStrings, defineMethod, withGoType} from '../../gotemplate/values.js'
import {UsageError} from '../../errors.js'

interface AlertInput {
  status?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  startsAt?: string
  endsAt?: string
  generatorURL?: string
  fingerprint?: string
}

export interface DataInput {
  receiver?: string
  status?: string
  alerts?: AlertInput[]
  groupLabels?: Record<string, string>
  commonLabels?: Record<string, string>
  commonAnnotations?: Record<string, string>
  externalURL?: string
}

type Pair = {Name: string; Value: string}

function pairs(list: Pair[]): Pair[] {
  const ps = withGoType(list.map((p) => withGoType(p, {name: 'template.Pair', kind: 'struct'})), {name: 'template.Pairs', kind: 'slice'})
  defineMethod(ps, 'Names', () => stringSlice(ps.map((p) => p.Name)))
  defineMethod(ps, 'Values', () => stringSlice(ps.map((p) => p.Value)))
  return ps
}

/** template.KV: a map[string]string with SortedPairs (alertname first), Names, Values and Remove. */
export function kv(m: Record<string, string> = {}): Record<string, string> {
  const out = withGoType({...m}, {name: 'template.KV', kind: 'map', zero: ''})
  const sorted = (): Pair[] => {
    const keys = Object.keys(out).filter((k) => k !== 'alertname').sort(compareStrings)
    if (Object.prototype.hasOwnProperty.call(out, 'alertname')) keys.unshift('alertname')
    return pairs(keys.map((k) => ({Name: k, Value: out[k]!})))
  }
  defineMethod(out, 'SortedPairs', sorted)
  defineMethod(out, 'Names', () => stringSlice(sorted().map((p) => p.Name)))
  defineMethod(out, 'Values', () => stringSlice(sorted().map((p) => p.Value)))
  defineMethod(out, 'Remove', (keys: string[] | null) => {
    const drop = new Set(keys ?? [])
    return kv(Object.fromEntries(Object.entries(out).filter(([k]) => !drop.has(k))))
  })
  return out
}

/** RFC 3339 as encoding/json decodes time.Time; absent is Go's zero time. */
export function parseGoTime(s: string | undefined): GoTime {
  if (s === undefined || s === '') return GoTime.zero()
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/.exec(s)
  if (!m) throw new UsageError(`parsing time ${JSON.stringify(s)} as "2006-01-02T15:04:05Z07:00": cannot parse`, {hint: 'use RFC 3339 times, e.g. 2024-01-02T15:04:05Z'})
  const [, y, mo, d, h, mi, se, frac, zone] = m
  const date = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se)))
  date.setUTCFullYear(Number(y)) // Date.UTC maps years 0-99 to 1900-1999
  const utcSec = date.getTime() / 1000
  const nsec = Number((frac ?? '').padEnd(9, '0'))
  if (zone === 'Z' || zone === 'z' || zone === '+00:00' || zone === '-00:00') return new GoTime(utcSec, nsec)
  const sign = zone!.startsWith('-') ? -1 : 1
  const offset = sign * (Number(zone!.slice(1, 3)) * 3600 + Number(zone!.slice(4, 6)) * 60)
  const abs = Math.abs(offset)
  const name = `${sign < 0 ? '-' : '+'}${String(Math.floor(abs / 3600)).padStart(2, '0')}${String(Math.floor((abs % 3600) / 60)).padStart(2, '0')}`
  return new GoTime(utcSec - offset, nsec, offset, name)
}

function alert(a: AlertInput): Record<string, unknown> {
  return withGoType(
    {
      Status: a.status ?? '',
      Labels: kv(a.labels),
      Annotations: kv(a.annotations),
      StartsAt: parseGoTime(a.startsAt),
      EndsAt: parseGoTime(a.endsAt),
      GeneratorURL: a.generatorURL ?? '',
      Fingerprint: a.fingerprint ?? '',
    },
    {name: 'template.Alert', kind: 'struct'},
  )
}

function alerts(list: Record<string, unknown>[]): Record<string, unknown>[] {
  const as = withGoType(list, {name: 'template.Alerts', kind: 'slice'})
  const subset = (status: string) => (): Record<string, unknown>[] =>
    withGoType(as.filter((a) => a['Status'] === status), {name: '[]template.Alert', kind: 'slice'})
  defineMethod(as, 'Firing', subset('firing'))
  defineMethod(as, 'Resolved', subset('resolved'))
  return as
}

/** template.Data (passed by value, as amtool does: field errors name `template.Data`). */
export function templateData(input: DataInput): Record<string, unknown> {
  return withGoType(
    {
      Receiver: input.receiver ?? '',
      Status: input.status ?? '',
      Alerts: alerts((input.alerts ?? []).map(alert)),
      GroupLabels: kv(input.groupLabels),
      CommonLabels: kv(input.commonLabels),
      CommonAnnotations: kv(input.commonAnnotations),
      ExternalURL: input.externalURL ?? '',
    },
    {name: 'template.Data', kind: 'struct'},
  )
}

/** Go's encoding/json matches object keys to fields case-insensitively. */
function field(obj: Record<string, unknown>, name: string): unknown {
  if (name in obj) return obj[name]
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : obj[key]
}

/** A template.Data JSON document (amtool --template.data) as DataInput. */
export function dataFromJson(text: string, source: string): DataInput {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw new UsageError(`${source}: not valid JSON: ${(e as Error).message}`, {hint: 'the data file holds one template.Data object, as Alertmanager sends to webhooks'})
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new UsageError(`${source}: expected a JSON object`, {hint: 'e.g. {"status": "firing", "alerts": [...]}'})
  const o = doc as Record<string, unknown>
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
  const map = (v: unknown): Record<string, string> | undefined =>
    typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : undefined
  const list = field(o, 'alerts')
  return {
    receiver: str(field(o, 'receiver')),
    status: str(field(o, 'status')),
    alerts: Array.isArray(list)
      ? list.map((a: Record<string, unknown>) => ({
        status: str(field(a, 'status')), labels: map(field(a, 'labels')), annotations: map(field(a, 'annotations')),
        startsAt: str(field(a, 'startsAt')), endsAt: str(field(a, 'endsAt')), generatorURL: str(field(a, 'generatorURL')),
        fingerprint: str(field(a, 'fingerprint')),
      }))
      : [],
    groupLabels: map(field(o, 'groupLabels')),
    commonLabels: map(field(o, 'commonLabels')),
    commonAnnotations: map(field(o, 'commonAnnotations')),
    externalURL: str(field(o, 'externalURL')),
  }
}

const iso = (ms: number): string => new Date(ms).toISOString()

/** amtool template render's built-in data (two alerts, status "alertstatus"); times relative to now. */
export function amtoolDefaultData(now = Date.now()): DataInput {
  const common = {commonlabelkey1: 'commonlabelvalue1', commonlabelkey2: 'commonlabelvalue2'}
  const commonAnn = {commonannotationkey1: 'commonannotationvalue1', commonannotationkey2: 'commonannotationvalue2'}
  return {
    receiver: 'receiver',
    status: 'alertstatus',
    alerts: [
      {status: 'alertstatus', labels: {label1: 'value1', label2: 'value2', instance: 'foo.bar:1234', ...common},
        annotations: {annotation1: 'value1', annotation2: 'value2', ...commonAnn}, startsAt: iso(now - 300_000), endsAt: iso(now),
        generatorURL: 'https://generatorurl.com', fingerprint: 'fingerprint1'},
      {status: 'alertstatus', labels: {foo: 'bar', baz: 'qux', ...common},
        annotations: {aaa: 'bbb', ccc: 'ddd', ...commonAnn}, startsAt: iso(now - 600_000), endsAt: iso(now),
        generatorURL: 'https://generatorurl.com', fingerprint: 'fingerprint2'},
    ],
    groupLabels: {grouplabelkey1: 'grouplabelvalue1', grouplabelkey2: 'grouplabelvalue2'},
    commonLabels: common,
    commonAnnotations: commonAnn,
    externalURL: 'https://example.com',
  }
}

/** Alertmanager's alert fingerprint (model.LabelSet.Fingerprint: FNV-1a 64 over the sorted pairs), as 16 hex digits. */
export function labelsFingerprint(labels: Record<string, string>): string {
  let h = 0xcbf29ce484222325n
  const add = (bytes: Uint8Array) => {
    for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn
  }
  const names = Object.keys(labels).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  for (const n of names) {
    add(Buffer.from(n, 'utf8'))
    add(Uint8Array.of(0xff))
    add(Buffer.from(labels[n]!, 'utf8'))
    add(Uint8Array.of(0xff))
  }
  return h.toString(16).padStart(16, '0')
}

/** One firing alert with these labels, grouped by all of them, as a synthetic notification. */
export function syntheticData(labels: Record<string, string>, opts: {receiver?: string; annotations?: Record<string, string>; externalURL?: string; now?: number} = {}): DataInput {
  const now = opts.now ?? Date.now()
  return {
    receiver: opts.receiver ?? '',
    status: 'firing',
    alerts: [{status: 'firing', labels, annotations: opts.annotations ?? {}, startsAt: iso(now), endsAt: '0001-01-01T00:00:00Z', generatorURL: '', fingerprint: labelsFingerprint(labels)}],
    groupLabels: labels,
    commonLabels: labels,
    commonAnnotations: opts.annotations ?? {},
    externalURL: opts.externalURL ?? 'http://localhost:9093',
  }
}
