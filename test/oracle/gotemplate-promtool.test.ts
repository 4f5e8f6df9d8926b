// Differential test: checkAlertTemplate must give the verdict AND the message that the real
// `promtool check rules` (Prometheus 2.42, go1.19.8) gives, for the unit-table cases and for
// every distinct label/annotation value of every alerting rule in the shared corpus.
import {execFile} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode} from 'yaml'
import {checkAlertTemplate} from '../../src/gotemplate/check.js'
import {ALERT_TEMPLATE_CASES} from '../unit/gotemplate/cases.js'
import {CORPUS as SHARED_CORPUS} from '../support/corpus.js'

const run = promisify(execFile)
const CORPUS = join(SHARED_CORPUS, 'rules')
const CHUNKS = 4
const dir = mkdtempSync(join(tmpdir(), 'spock-gotemplate-oracle-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** Every string value under `labels:`/`annotations:` of a mapping that has an `alert:` string. */
function alertTemplates(node: unknown, out: Set<string>): void {
  if (isSeq(node)) for (const item of node.items) alertTemplates(item, out)
  if (!isMap(node)) return
  const alert = node.get('alert', true)
  const isAlert = isScalar(alert) && typeof alert.value === 'string'
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined
    if (isAlert && (key === 'labels' || key === 'annotations') && isMap(pair.value)) {
      for (const p of pair.value.items) if (isScalar(p.value) && typeof p.value.value === 'string') out.add(p.value.value)
    } else {
      alertTemplates(pair.value as YamlNode, out)
    }
  }
}

function corpusTemplates(): string[] {
  const out = new Set<string>()
  for (const file of filesUnder(CORPUS)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      if ('errors' in doc && doc.errors.length === 0) alertTemplates(doc.contents, out)
    }
  }
  return [...out].sort()
}

/** A YAML double-quoted scalar: JSON's escapes, plus the characters YAML treats as breaks or BOM. */
function yamlQuote(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Seeded random templates: actions made of template tokens, so most are broken in some way. */
function generatedTemplates(count: number, seed: number): string[] {
  let state = seed
  const rnd = (): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return state / 0x7fffffff
  }
  const pick = (xs: readonly string[]): string => xs[Math.floor(rnd() * xs.length)]!
  const tokens = [
    '.', '.Foo', '.Foo.Bar', '$', '$x', '$labels', '$labels.job', '$value', '$x :=', '$x =', '$i, $x :=', ',', '|', '(', ')',
    '(.)', 'if', 'else', 'end', 'range', 'with', 'define "d"', 'template "d"', 'block "b"', 'break', 'continue', 'nil', 'true',
    '"s"', '`r`', "'c'", '1', '-2', '0x1F', '1.5', 'printf "%s"', 'humanize', 'foo', 'len', 'index', 'and', 'not', ' ', '\n',
    '089', '1e400', "'ab'", '"\\q"', '$y', '.a.b', '"x".y', '/* c */', ':', '=', '(printf "%d" 1)', '$x.y', '1+2i', 'é',
  ]
  const texts = ['a', ' ', '\n', 'text\n', ' x ', '}}', '{']
  return Array.from({length: count}, () => {
    let s = ''
    for (let k = 1 + Math.floor(rnd() * 6); k > 0; k--) {
      if (rnd() < 0.25) {
        s += pick(texts)
        continue
      }
      const parts = Array.from({length: Math.floor(rnd() * 4)}, () => pick(tokens))
      s += (rnd() < 0.15 ? '{{- ' : '{{ ') + parts.join(rnd() < 0.8 ? ' ' : '')
      s += rnd() < 0.05 ? '' : rnd() < 0.15 ? ' -}}' : ' }}'
    }
    return s
  })
}

const alertName = (i: number): string => `T${i}`
const expand = (text: string, i: number): string => text.replaceAll('__ALERT__', alertName(i))

/** Writes each text as annotation "s" of alert T<i> and returns promtool's message per index. */
async function promtoolMessages(texts: readonly string[]): Promise<Map<number, string>> {
  const size = Math.ceil(texts.length / CHUNKS)
  const runs: Promise<string>[] = []
  for (let c = 0; c * size < texts.length; c++) {
    let yaml = 'groups:\n'
    for (let i = c * size; i < Math.min(texts.length, (c + 1) * size); i++) {
      if (i % 100 === 0 || i === c * size) yaml += `- name: g${i}\n  rules:\n`
      yaml += `  - alert: ${alertName(i)}\n    expr: up\n    annotations:\n      s: ${yamlQuote(expand(texts[i]!, i))}\n`
    }
    const file = join(dir, `chunk-${c}.yml`)
    writeFileSync(file, yaml)
    runs.push(
      run('promtool', ['check', 'rules', '--lint=none', file], {maxBuffer: 64 << 20}).then(
        (r) => r.stdout + r.stderr,
        (e: {code?: number; stdout?: string; stderr?: string}) => {
          if (e.code !== 1) throw e
          return `${e.stdout ?? ''}${e.stderr ?? ''}`
        },
      ),
    )
  }
  const messages = new Map<number, string>()
  for (const output of await Promise.all(runs)) {
    for (const line of output.split('\n')) {
      // <file>: group "g0", rule 3, "T2": annotation "s": template: __alert_T2:1: ...
      const m = /, "T(\d+)": annotation "s": (.*)$/.exec(line)
      if (m) messages.set(Number(m[1]), m[2]!)
    }
  }
  return messages
}

interface Disagreement {
  text: string
  promtool: string | null
  spock: string | null
}

async function disagreements(texts: readonly string[]): Promise<{bad: Disagreement[]; rejected: number}> {
  const theirs = await promtoolMessages(texts)
  const bad: Disagreement[] = []
  texts.forEach((text, i) => {
    const promtool = theirs.get(i) ?? null
    const spock = checkAlertTemplate(alertName(i), expand(text, i))?.message ?? null
    if (promtool !== spock) bad.push({text, promtool, spock})
  })
  return {bad, rejected: theirs.size}
}

describe('Go templates: spock vs promtool 2.42', () => {
  it('agrees on every unit-table case, and the table matches promtool', async () => {
    const texts = ALERT_TEMPLATE_CASES.map((c) => c.text)
    const {bad, rejected} = await disagreements(texts)
    expect(bad).toEqual([])
    expect(rejected).toBe(ALERT_TEMPLATE_CASES.filter((c) => c.want !== null).length)
    // The table's expectations (written for alert "X") are promtool's own words.
    const theirs = await promtoolMessages(texts)
    const stale = ALERT_TEMPLATE_CASES.filter((c, i) => (theirs.get(i)?.replaceAll(`__alert_${alertName(i)}`, '__alert_X') ?? null) !== c.want)
    expect(stale).toEqual([])
  })

  it('agrees on every distinct label/annotation template of the corpus', async () => {
    const texts = corpusTemplates()
    expect(texts.length).toBeGreaterThan(500)
    const {bad, rejected} = await disagreements(texts)
    expect(bad).toEqual([])
    expect(rejected).toBeGreaterThan(0)

    // Speed, reported only.
    const t0 = performance.now()
    let parses = 0
    for (let round = 0; round < 10; round++) for (const text of texts) (checkAlertTemplate('Speed', text), parses++)
    const seconds = (performance.now() - t0) / 1000
    console.log(`gotemplate: ${texts.length} corpus templates (${rejected} rejected by promtool); ${Math.round(parses / seconds)} parses/s`)
  })

  it('agrees on 3,000 generated templates', async () => {
    const texts = generatedTemplates(3000, 42)
    const {bad, rejected} = await disagreements(texts)
    expect(bad).toEqual([])
    expect(rejected).toBeGreaterThan(2000)
    expect(rejected).toBeLessThan(texts.length)
  })
})
