// Differential test of the routing engine: for every corpus config amtool accepts, label sets derived
// from its matchers go through spock's matchRoutes and `amtool config routes test`; receivers must agree,
// and so must `routes show` and `routes test --tree`.
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, test} from 'vitest'
import {checkAlertmanagerConfig, hasErrors} from '../../src/alertmanager/config/validate.js'
import {matcherMatches, type Matcher} from '../../src/model/matchers.js'
import {buildRouteTree, matchRoutes, type RouteNode} from '../../src/alertmanager/routing.js'
import {renderMatchingTree, renderRouteTree} from '../../src/output/route-view.js'
import {AM_CASES} from '../unit/alertmanager/config/am-cases.js'
import {mapConcurrent} from '../../src/concurrency.js'
import {CORPUS} from '../support/corpus.js'


function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('amtool', args, {timeout: 20_000}, (err, stdout) => (err && err.code !== 1 ? reject(err) : resolve(stdout)))
  })
}


/** Strings that might satisfy a regex matcher: its alternatives with anchors and groups stripped. */
function regexCandidates(value: string): string[] {
  const inner = value.replace(/^\^\(\?:(.*)\)\$$/s, '$1')
  const alts = inner.split('|').map((a) => a.replace(/[\^$()?:]/g, '').replace(/\\(.)/g, '$1').replace(/\.\*|\.\+/g, 'x'))
  return [...alts, 'x', '', 'spock']
}

function satisfy(m: Matcher): string | undefined {
  const candidates = m.type === '=' ? [m.value] : m.type === '=~' ? regexCandidates(m.value) : ['spock-other', '']
  return candidates.find((c) => matcherMatches(m, c))
}

/** One label set per route (its own and its ancestors' matchers satisfied), a variant with one value changed, and {}. */
function labelSets(tree: RouteNode): Record<string, string>[] {
  const sets: Record<string, string>[] = [{}]
  const walk = (r: RouteNode, inherited: Record<string, string>): void => {
    const labels = {...inherited}
    for (const m of r.matchers) {
      const v = satisfy(m)
      if (v !== undefined && v !== '') labels[m.name] = v
    }
    sets.push(labels)
    const keys = Object.keys(labels)
    if (keys.length > 0) sets.push({...labels, [keys[keys.length - 1]!]: 'zzz-other'})
    own.set(r, labels)
    r.routes.forEach((c) => walk(c, labels))
    // siblings' label sets together: exercises continue and first-match-wins
    for (let i = 1; i < r.routes.length; i++) sets.push({...own.get(r.routes[i]!), ...own.get(r.routes[i - 1]!)})
  }
  const own = new Map<RouteNode, Record<string, string>>()
  walk(tree, {})
  const seen = new Set<string>()
  return sets.filter((s) => {
    const key = JSON.stringify(Object.entries(s).sort())
    if (seen.has(key)) return false
    seen.add(key)
    return Object.keys(s).every((k) => /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k))
  })
}

function arg(name: string, value: string): string {
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`
}

interface Case {
  file: string
  tree: RouteNode
  labels: Record<string, string>
}

/** Corpus configs amtool accepts, plus the accepted hand-written cases that have child routes. */
function acceptedConfigs(): {file: string; tree: RouteNode}[] {
  const dir = mkdtempSync(join(tmpdir(), 'spock-routes-'))
  cleanup.push(dir)
  const extra = AM_CASES.filter((c) => c.amtoolExit === 0 && c.yaml.includes('routes:')).map((c) => {
    const file = join(dir, `${c.name}.yml`)
    writeFileSync(file, c.yaml)
    return file
  })
  return readFileSync(join(CORPUS, 'amtool-verdicts.tsv'), 'utf8').trim().split('\n').slice(1)
    .map((l) => l.split('\t'))
    .filter((cols) => cols[1] === '0')
    .map((cols) => join(CORPUS, cols[0]!))
    .concat(extra)
    .flatMap((file) => {
      const {problems, config} = checkAlertmanagerConfig(readFileSync(file, 'utf8'), file, {templates: false})
      return !hasErrors(problems) && config?.route ? [{file, tree: buildRouteTree(config)}] : []
    })
}

const cleanup: string[] = []
const configs = acceptedConfigs()
afterAll(() => cleanup.forEach((d) => rmSync(d, {recursive: true, force: true})))

describe('routing vs amtool config routes 0.25', () => {
  test('there are accepted configs to route', () => {
    expect(configs.length).toBeGreaterThan(50)
  })

  test('routes test: same receivers for every derived label set', async () => {
    // Given label sets derived from each accepted config's matchers
    const cases: Case[] = configs.flatMap((c) => labelSets(c.tree).map((labels) => ({...c, labels})))
    expect(cases.length).toBeGreaterThan(200)
    // When amtool and spock route them
    const results = await mapConcurrent(cases, 8, async (c) => {
      const out = await run(['config', 'routes', 'test', '--config.file', c.file, ...Object.entries(c.labels).map(([k, v]) => arg(k, v))])
      return {c, amtool: out.trim().split('\n')[0] ?? '', spock: matchRoutes(c.tree, c.labels).map((m) => m.receiver).join(',')}
    })
    // Then the receivers are the same, in the same order
    const diffs = results.filter((r) => r.amtool !== r.spock).map((r) => `${r.c.file} ${JSON.stringify(r.c.labels)}: amtool ${r.amtool} spock ${r.spock}`)
    expect(diffs).toEqual([])
  })

  test('routes show: same tree text as amtool', async () => {
    const results = await mapConcurrent(configs, 8, async (c) => ({
      c,
      amtool: (await run(['config', 'routes', 'show', '--config.file', c.file])).trimEnd(),
      spock: `Routing tree:\n${renderRouteTree(c.tree, {details: 'none'})}`,
    }))
    expect(results.filter((r) => r.amtool !== r.spock).map((r) => `${r.c.file}\n${r.amtool}\n---\n${r.spock}`)).toEqual([])
  })

  test('routes test --tree: same matching tree as amtool', async () => {
    const cases = configs.flatMap((c) => labelSets(c.tree).slice(0, 4).map((labels) => ({...c, labels})))
    const results = await mapConcurrent(cases, 8, async (c) => {
      const out = await run(['config', 'routes', 'test', '--tree', '--config.file', c.file, ...Object.entries(c.labels).map(([k, v]) => arg(k, v))])
      const tree = out.split('\n\n')[0]!.replace(/^Matching routes:\n/, '')
      return {c, amtool: tree.trimEnd(), spock: renderMatchingTree(c.tree, c.labels)}
    })
    expect(results.filter((r) => r.amtool !== r.spock).map((r) => `${r.c.file} ${JSON.stringify(r.c.labels)}\n${r.amtool}\n---\n${r.spock}`)).toEqual([])
  })
})
