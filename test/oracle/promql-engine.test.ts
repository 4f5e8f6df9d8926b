// Prometheus 2.42's own PromQL test scripts, every eval case run against spock's evaluator as
// Prometheus's test runner does (instant result, then the same query in range mode at t±1m).
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {Storage} from '../../src/promql/storage.js'
import {applyLoad, parseScript, runEval, type Command, type EvalCmd} from '../../src/promql/test-script.js'
import {CORPUS} from '../support/corpus.js'

/** Cases not run, by `file:line`, each with its reason. Keep it empty. */
const SKIP: Record<string, string> = {}

const DIR = join(CORPUS, 'promql-tests', 'prometheus-v2.42')
const files = readdirSync(DIR).filter((f) => f.endsWith('.test')).sort()

describe.each(files)('%s', (file) => {
  const cmds = parseScript(readFileSync(join(DIR, file), 'utf8'))
  const storage = new Storage()
  let applied = 0
  // Applies every load/clear before command `upTo`, whichever cases ran (or were skipped) before.
  const advance = (upTo: number): void => {
    for (; applied < upTo; applied++) {
      const c = cmds[applied] as Command
      if (c.kind === 'clear') storage.clear()
      else if (c.kind === 'load') applyLoad(storage, c)
    }
  }
  const cases = cmds.flatMap((c, i) => (c.kind === 'eval' ? [{c, i}] : []))
  for (const {c, i} of cases) {
    const name = `${file}:${c.line} ${c.expr}`
    const reason = SKIP[`${file}:${c.line}`]
    if (reason) {
      it.skip(`${name} (skipped: ${reason})`, () => {})
      continue
    }
    it(name, () => {
      advance(i)
      expect(runEval(storage, c as EvalCmd)).toBeUndefined()
    })
  }
})
