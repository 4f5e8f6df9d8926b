// Scale and depth: the indexed shadowed-route check gives the pairwise scan's answers; deep trees need no stack.
import {describe, expect, test} from 'vitest'
import type {Matcher} from '../../../../src/model/matchers.js'
import {covers, shadowedRoutes} from '../../../../src/alertmanager/config/warnings.js'
import type {AlertmanagerConfig, RouteConfig} from '../../../../src/alertmanager/config/model.js'
import {checkAlertmanagerConfig} from '../../../../src/alertmanager/config/validate.js'
import {buildRouteTree, matchRoutes} from '../../../../src/alertmanager/routing.js'
import {deepRoutes} from '../../../support/hostile-inputs.js'

const route = (matchers: Matcher[], extra: Partial<RouteConfig> = {}, line = 1): RouteConfig => ({
  matchers, continue: false, groupByAll: false, muteTimeIntervals: [], activeTimeIntervals: [], routes: [], line, column: 1, ...extra,
})
const config = (r: RouteConfig): AlertmanagerConfig => ({route: r, receivers: [], inhibitRules: [], templates: [], timeIntervals: []})

/** The first earlier sibling that covers each route, by comparing every pair (the reference). */
function pairwise(siblings: RouteConfig[]): string[] {
  const out: string[] = []
  siblings.forEach((child, j) => {
    const earlier = siblings.slice(0, j).find((s) => !s.continue && covers(s.matchers, child.matchers))
    if (earlier) out.push(`${child.line}<-${earlier.line}`)
  })
  return out
}

describe('shadowedRoutes', () => {
  test('agrees with the pairwise scan on random sibling lists', () => {
    let seed = 7
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
    const pick = <T>(xs: T[]) => xs[rnd(xs.length)]!
    for (let round = 0; round < 200; round++) {
      const siblings = Array.from({length: 2 + rnd(12)}, (_, i) => {
        const ms: Matcher[] = Array.from({length: rnd(3)}, () => ({
          name: pick(['a', 'b', 'c']),
          type: pick(['=', '=', '!=', '=~', '!~'] as const),
          value: pick(['x', 'y', 'x|y', '.*', 'x.*', '']),
        }))
        return route(ms, {continue: rnd(5) === 0}, i + 1)
      })
      const got = shadowedRoutes(config(route([], {routes: siblings}, 0)), 'f').map((p) => `${p.line}<-${/line (\d+)/.exec(p.message)![1]}`)
      expect(got.sort(), JSON.stringify(siblings.map((s) => s.matchers))).toEqual(pairwise(siblings).sort())
    }
  })

  test('30k siblings sharing a matcher are not compared pairwise', {timeout: 60_000}, () => {
    const siblings = Array.from({length: 30_000}, (_, i) => route([{name: 'env', type: '=', value: 'prod'}, {name: 'svc', type: '=', value: `s${i}`}], {}, i + 1))
    siblings.push(route([{name: 'env', type: '=', value: 'prod'}, {name: 'svc', type: '=', value: 's5'}], {}, 200_000))
    const started = Date.now()
    const found = shadowedRoutes(config(route([], {routes: siblings}, 0)), 'f')
    expect(found.map((p) => p.line)).toEqual([200_000])
    expect(Date.now() - started).toBeLessThan(20_000) // minutes before
  })

  test('a comparison budget, when used up, is said, not silent', () => {
    const siblings = Array.from({length: 50}, (_, i) => route([{name: 'a', type: '=~', value: `x${i}.*`}, {name: 'b', type: '=', value: 'q'}], {}, i + 1))
    const found = shadowedRoutes(config(route([], {routes: siblings}, 0)), 'f', 10)
    expect(found.some((p) => /not every route was checked/.test(p.message))).toBe(true)
  })
})

describe('deep route trees', () => {
  test('a tree 5000 levels deep (amtool\'s limit) is built, walked and matched without overflowing the stack', {timeout: 60_000}, () => {
    const root = route([], {receiver: 'root'})
    let at = root
    for (let i = 0; i < 5000; i++) {
      const child = route([{name: 'l', type: '=', value: 'v'}], {receiver: `r${i}`})
      at.routes.push(child)
      at = child
    }
    const tree = buildRouteTree(config(root))
    expect(matchRoutes(tree, {l: 'v'}).map((m) => m.receiver)).toEqual(['r4999'])
    expect(matchRoutes(tree, {l: 'w'}).map((m) => m.receiver)).toEqual(['root'])
    expect(shadowedRoutes(config(root), 'f')).toEqual([])
  })

  test('150 nested routes are not "empty" (amtool accepts them)', {timeout: 60_000}, () => {
    const {problems} = checkAlertmanagerConfig(deepRoutes(150), 'am.yml', {templates: false})
    expect(problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  test('flow nesting past 10000 levels is amtool\'s "exceeded max depth" error', () => {
    const {problems} = checkAlertmanagerConfig(deepRoutes(5000, 'flow'), 'am.yml', {templates: false})
    expect(problems.map((p) => p.message)).toEqual(['yaml: exceeded max depth of 10000'])
  })
})
