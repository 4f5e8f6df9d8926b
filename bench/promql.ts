// PromQL validation throughput: spock's checkPromQL (lezer Tree + own checks) against the
// headless codemirror-promql recipe (EditorState per expression), on 10,000 valid expressions.
// Run: npx tsx bench/promql.ts
import {createRequire} from 'node:module'
import {parser} from '@prometheus-io/lezer-promql'
import {type RegexCache, checkPromQL} from '../src/promql/syntax/check.js'
import {samplePromQL} from '../test/support/promql-sample.js'

const N = 10_000
const PASSES = 5
const exprs = samplePromQL(N, 42, 0).map((s) => s.expr)
const bytes = exprs.reduce((n, e) => n + e.length, 0)

type Check = (expr: string) => number

/**
 * Interleaves passes so that machine load affects every contender alike, and times them in
 * process CPU time (wall time swings widely on a busy machine); reports the best pass.
 */
function measure(contenders: Array<[string, Check]>): Map<string, number> {
  const best = new Map<string, number>()
  const flagged = new Map<string, number>()
  for (const [name, check] of contenders) flagged.set(name, exprs.reduce((n, e) => n + check(e), 0)) // warm-up
  for (let p = 0; p < PASSES; p++) {
    for (const [name, check] of contenders) {
      const c0 = process.cpuUsage()
      for (const e of exprs) check(e)
      const c = process.cpuUsage(c0)
      const ms = (c.user + c.system) / 1000
      best.set(name, Math.min(best.get(name) ?? Infinity, ms))
    }
  }
  const rates = new Map<string, number>()
  for (const [name] of contenders) {
    const ms = best.get(name) ?? NaN
    const rate = Math.round((N / ms) * 1000)
    rates.set(name, rate)
    console.log(`${name.padEnd(30)} ${rate.toLocaleString('en-US').padStart(8)} exprs/s  (best of ${PASSES}: ${ms.toFixed(0)} ms CPU; ${flagged.get(name)} flagged)`)
  }
  return rates
}

function codemirrorHeadless(): (expr: string) => number {
  const require = createRequire(import.meta.url)
  const {EditorState} = require('@codemirror/state')
  const {ensureSyntaxTree} = require('@codemirror/language')
  const {promQLLanguage} = require('@prometheus-io/codemirror-promql')
  const {Parser} = require('@prometheus-io/codemirror-promql/dist/cjs/parser/index.js')
  const language = promQLLanguage('PromQL')
  return (expr) => {
    const state = EditorState.create({doc: expr, extensions: [language]})
    ensureSyntaxTree(state, state.doc.length, 10_000)
    const parser = new Parser(state)
    parser.analyze()
    return parser.getDiagnostics().length > 0 ? 1 : 0
  }
}

console.log(`${N.toLocaleString('en-US')} generated valid expressions, ${(bytes / 1024).toFixed(0)} KiB, Node ${process.version}`)
const regexCache: RegexCache = new Map()
const rates = measure([
  ["checkPromQL (version '3')", (e) => (checkPromQL(e).length > 0 ? 1 : 0)],
  ["checkPromQL (version '2.42')", (e) => (checkPromQL(e, {version: '2.42'}).length > 0 ? 1 : 0)],
  ['checkPromQL + shared regexCache', (e) => (checkPromQL(e, {regexCache}).length > 0 ? 1 : 0)],
  ['lezer-promql parse only', (e) => (parser.parse(e).length > 0 ? 0 : 1)],
  ['codemirror-promql headless', codemirrorHeadless()],
])
const cm = rates.get('codemirror-promql headless') ?? NaN
for (const name of ["checkPromQL (version '3')", 'checkPromQL + shared regexCache']) {
  console.log(`${name} / codemirror headless: ${((rates.get(name) ?? NaN) / cm).toFixed(2)}x`)
}
