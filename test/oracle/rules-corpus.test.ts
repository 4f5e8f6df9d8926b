// spock rules check vs promtool check rules 2.42 on the corpus: the same verdict for every file
// (ok <=> promtool exit 0), and a problem on the line promtool names (or inside the YAML node there).
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {parseRuleYaml} from '../../src/lint/parse.js'
import {parseWithYamlPackage} from '../../src/yaml/from-yaml.js'
import {scanRuleYaml} from '../../src/yaml/scan.js'
import {lintFiles} from '../../src/lint/run.js'
import type {YNode} from '../../src/yaml/nodes.js'
import {CORPUS} from '../support/corpus.js'

const tsv = (name: string) =>
  readFileSync(join(CORPUS, name), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
const hints = new Map(tsv('EXPECTATIONS.tsv').map((r) => [r[0]!, r[6] ?? '']))
const verdicts = tsv('promtool-verdicts.tsv').map(([path, code, message]) => ({path: path!, ok: code === '0', message: message ?? ''}))
const skew = (path: string) => /newer release|unknown to 2\.42|since Prometheus 3/.test(hints.get(path) ?? '')

/** The last line of the scalar node that starts at line:col (promtool points at the node, spock inside it). */
async function nodeEndLine(text: string, line: number, column: number): Promise<number> {
  const end = (n: YNode | undefined): number | undefined => {
    if (!n) return undefined
    if (n.line === line && n.column === column && n.kind === 'scalar') return text.slice(0, n.end).split('\n').length
    const children = n.kind === 'map' ? n.pairs.flatMap((p) => [p.key, p.value]) : n.kind === 'seq' ? n.items : []
    for (const c of children) {
      const e = end(c)
      if (e !== undefined) return e
    }
    return undefined
  }
  return end((await parseRuleYaml(text)).root) ?? line
}

describe('corpus: promtool 2.42 verdicts', () => {
  test('every file without a version-skew hint gets promtool\'s verdict', async () => {
    const paths = verdicts.map((v) => join(CORPUS, v.path))
    const report = await lintFiles(paths, {version: '2.42'})
    const disagreements: string[] = []
    report.files.forEach((f, k) => {
      const v = verdicts[k]!
      if (f.ok !== v.ok && !skew(v.path)) disagreements.push(`${v.path}: promtool ${v.ok ? 'ok' : v.message}; spock ${f.problems.map((p) => p.message).join(' | ') || 'ok'}`)
    })
    expect(report.files).toHaveLength(verdicts.length)
    expect(disagreements).toEqual([])
  })

  test('version-skew files: 2.42 mode still agrees with the Debian promtool', async () => {
    const skewed = verdicts.filter((v) => skew(v.path))
    const report = await lintFiles(skewed.map((v) => join(CORPUS, v.path)), {version: '2.42'})
    const agree = report.files.filter((f, k) => f.ok === skewed[k]!.ok).length
    expect(agree).toBe(skewed.length)
  })

  test('where promtool gives line:col, spock reports a problem on that line (or inside that node)', async () => {
    const located = verdicts.filter((v) => !v.ok && /^[1-9]\d*:\d+: /.test(v.message))
    expect(located.length).toBeGreaterThanOrEqual(30)
    const misses: string[] = []
    for (const v of located) {
      const [, l, c] = /^(\d+):(\d+): /.exec(v.message)!
      const file = join(CORPUS, v.path)
      const [report] = (await lintFiles([file], {version: '2.42'})).files
      const line = Number(l)
      const last = await nodeEndLine(readFileSync(file, 'utf8'), line, Number(c))
      if (!report!.problems.some((p) => p.severity === 'error' && p.line >= line && p.line <= last)) misses.push(`${v.path}: ${v.message}`)
    }
    expect(misses).toEqual([])
  })
})

describe('corpus: the fast YAML scanner', () => {
  // Kinds, positions, values and styles of every node.
  const shape = (n: YNode | undefined): unknown =>
    !n
      ? undefined
      : n.kind === 'scalar'
        ? [n.line, n.column, n.value, n.style]
        : n.kind === 'seq'
          ? [n.line, n.column, n.items.map(shape)]
          : [n.line, n.column, n.pairs.map((p) => [shape(p.key), shape(p.value)])]

  test('builds the same tree as the yaml package on every file it accepts, and accepts most', () => {
    let accepted = 0
    const differ: string[] = []
    for (const v of verdicts) {
      const text = readFileSync(join(CORPUS, v.path), 'utf8')
      const fast = scanRuleYaml(text)
      if (!fast) continue
      accepted++
      const slow = parseWithYamlPackage(text)
      // Where the yaml package is stricter than libyaml (under-indented quoted lines), the scanner
      // follows libyaml, and the verdict test above holds it to promtool.
      if (slow.errors.length > 0) continue
      if (JSON.stringify(shape(fast.root)) !== JSON.stringify(shape(slow.root))) differ.push(v.path)
    }
    expect(differ).toEqual([])
    expect(accepted).toBeGreaterThan(verdicts.length * 0.7)
  })
})
