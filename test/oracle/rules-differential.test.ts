// Differential test: generated rule files with injected faults (fixed seeds), checked by spock
// (--prometheus-version 2.42) and by the installed promtool; the per-file verdicts must agree.
import {execFile} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {FAULT_KINDS, generateRuleFile} from '../support/generate-rules.js'
import {rng} from '../support/promql-sample.js'
import {lintFiles, lintText} from '../../src/lint/run.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spock-diff-'))
})
afterAll(() => rm(dir, {recursive: true, force: true}))

function promtool(file: string): Promise<number> {
  return new Promise((resolve) => {
    execFile('promtool', ['check', 'rules', file], (err) => resolve(err ? ((err as {code?: number}).code ?? -1) : 0))
  })
}

async function promtoolAll(files: string[]): Promise<number[]> {
  const codes: number[] = new Array(files.length)
  let next = 0
  const worker = async () => {
    while (next < files.length) {
      const k = next++
      codes[k] = await promtool(files[k]!)
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()])
  return codes
}

async function compare(texts: string[], prefix: string): Promise<{disagree: string[]; rejected: number}> {
  const files = texts.map((_, k) => join(dir, `${prefix}-${k}.yml`))
  await Promise.all(texts.map((t, k) => writeFile(files[k]!, t)))
  const codes = await promtoolAll(files)
  const report = await lintFiles(files, {version: '2.42'})
  const disagree: string[] = []
  report.files.forEach((f, k) => {
    if (f.ok !== (codes[k] === 0)) disagree.push(`${files[k]}: promtool exit ${codes[k]}, spock ${f.ok ? 'ok' : f.problems.map((p) => p.message).join(' | ')}`)
  })
  return {disagree, rejected: codes.filter((c) => c !== 0).length}
}

describe('spock and promtool agree on generated rule files', () => {
  test('injected faults of every kind (seeds 1..240)', async () => {
    const texts: string[] = []
    const kinds = new Set<string>()
    for (let seed = 1; seed <= 240; seed++) {
      const g = generateRuleFile({seed, rules: 6, rulesPerGroup: 3, faults: seed % 4})
      g.faults.forEach((f) => kinds.add(f))
      texts.push(g.text)
    }
    expect([...kinds].sort()).toEqual([...FAULT_KINDS].sort())
    const {disagree, rejected} = await compare(texts, 'fault')
    expect(rejected).toBeGreaterThan(100) // the faults really break files
    expect(rejected).toBeLessThan(240) // and clean files stay clean
    expect(disagree).toEqual([])
  })

  test('one fault per file, each kind alone', async () => {
    const texts = FAULT_KINDS.flatMap((kind, k) =>
      [1, 2, 3].map((s) => generateRuleFile({seed: 1000 + k * 10 + s, rules: 4, faults: 1, kinds: [kind]}).text),
    )
    const {disagree} = await compare(texts, 'kind')
    expect(disagree).toEqual([])
  })

  test('YAML and schema edge cases', async () => {
    const g = (rules: string) => `groups:\n- name: g\n  rules:\n${rules}`
    const texts = [
      '~\n', '---\n', '[]\n', 'groups: ""\n', 'Groups: []\n', '\ufeffgroups: []\n', 'base: &b\n  for: 5m\ngroups: []\n',
      'groups:\n- name: g\n  rules: x\n', g('  - x\n'), g('  -\n'), 'groups:\n-\n',
      g('  - alert: A\n    record: r\n    expr: up\n    labels:\n      a: "{{ x"\n'),
      g('  - alert: A\n    expr:\n      a: b\n'), g('  - alert: A\n    expr: 1\n'), g('  - alert: A\n    expr: true\n'), g('  - alert: 5\n    expr: up\n'),
      g('  - alert: A\n    expr: up\n    labels:\n      ~: x\n'), g('  - alert: A\n    expr: up\n    labels:\n      1a: x\n'),
      g('  - alert: A\n    expr: up\n    labels:\n      "héllo": x\n'), g('  - alert: A\n    expr: up\n    for: 300y\n'),
      'groups:\n- name: g\n  interval: ""\n  rules: []\n', 'groups:\n- name: 1\n  rules: []\n- name: "1"\n',
      'groups:\n- name: g\n  limit: !!str 5\n', 'groups:\n- name: &n g\n  rules: []\n- name: *n\n',
      'groups: [{name: g, rules: [{alert: A, expr: up}]}]\n', 'groups:\r\n- name: g\r\n  rules:\r\n  - alert: A\r\n    expr: rate(up)\r\n',
      'groups:\n- name: "g"#c\n  rules: []\n', g('  - record: r\n    expr: |\n      up # comment\n'),
      g('  - record: ":a"\n    expr: up\n'), g('  - record: "1a"\n    expr: up\n'),
      g('  - alert: A\n    expr: up\n    annotations:\n      a: "{{ $value | }}"\n'),
      g('  - alert: A\n    expr: up\n    annotations:\n      a: "{{ define \\"x\\" }}y{{ end }}{{ template \\"x\\" }}"\n'),
      g('  - alert: A\n    expr: sum(rate(x[5m]))\n      by (job) > 1\n    annotations:\n      d: Filesystem on {{ $labels.device }}\n        has {{ printf "%.2f" $value }}% left\n'),
      g('  - alert: A\n    expr: up\n    annotations:\n      d: "multi\n    line, under-indented"\n'),
      'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n- name: h\n  rules:\n  - alert: A\n    expr: up\n',
    ]
    const {disagree} = await compare(texts, 'edge')
    expect(disagree).toEqual([])
  })

  // libyaml's leniencies (e.g. errors after the first document's end go unseen) are not all copied:
  // byte-level damage may rarely get a different verdict, but never a crash.
  test('random byte-level mutations never crash spock, and verdicts mostly agree', async () => {
    const rand = rng(7)
    const base = generateRuleFile({seed: 99, rules: 4}).text
    const pieces = ['{', '}', '"', "'", ':', '- ', '\t', '#', '|', '>', '[', ']', '{{', '}}', '\n', '  ', 'x', '&a', '*a', '!!str ', '---\n', '%']
    const texts: string[] = []
    for (let k = 0; k < 300; k++) {
      let t = base
      for (let m = 0; m < 1 + Math.floor(rand() * 3); m++) {
        const at = Math.floor(rand() * t.length)
        const op = rand()
        const lines = t.split('\n')
        const ln = Math.floor(rand() * lines.length)
        if (op < 0.3) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rand() * 3))
        else if (op < 0.7) t = t.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + t.slice(at)
        else if (op < 0.8) t = [...lines.slice(0, ln), ...lines.slice(ln + 1)].join('\n') // drop a line
        else if (op < 0.9) t = [...lines.slice(0, ln), lines[ln], ...lines.slice(ln)].join('\n') // repeat a line
        else t = [...lines.slice(0, ln), ' '.repeat(1 + Math.floor(rand() * 2)) + lines[ln], ...lines.slice(ln + 1)].join('\n') // indent
      }
      texts.push(t)
      await expect(lintText(t, 'm.yml', {version: '2.42'})).resolves.toBeDefined()
      await expect(lintText(t, 'm.yml', {version: '3', fast: false})).resolves.toBeDefined()
    }
    const {disagree} = await compare(texts, 'mut')
    expect(disagree.length).toBeLessThanOrEqual(texts.length * 0.02)
  })
})
