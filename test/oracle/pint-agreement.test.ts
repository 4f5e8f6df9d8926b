// pint agreement, kept modest: pint's own self-check rule files (.github/pint/rules/<check>.yml in the pint
// repository, "intentionally problematic for pint") each plant the problem of the pint check they are named
// after. For every such check spock shares, spock reports it on the same line, or the difference is written
// down here as deliberate.
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {lintFiles} from '../../src/lint/run.js'
import {CORPUS} from '../support/corpus.js'

const DIR = join(CORPUS, 'rules/cloudflare__pint')
const file = (name: string) => join(DIR, `.github__pint__rules__${name}.yml`)

async function found(name: string): Promise<string[]> {
  const report = await lintFiles([file(name)], {version: '2.42'})
  return report.files[0]!.problems.map((p) => `${p.line} ${p.check}`)
}

describe("spock on pint's self-check rules", () => {
  test('promql/fragile: both planted rules, on pint\'s lines', async () => {
    expect(await found('fragile')).toEqual(expect.arrayContaining(['5 promql/fragile', '8 promql/fragile']))
  })

  test('promql/regexp: every planted matcher', async () => {
    expect(await found('regexp')).toEqual(expect.arrayContaining(['5 promql/regexp', '9 promql/regexp', '12 promql/regexp']))
  })

  test('alerts/annotation and rule/label (pint: alerts/annotation, rule/label with a policy): every alert', async () => {
    expect(await found('alerts')).toEqual(expect.arrayContaining(['4 alerts/annotation', '8 alerts/annotation', '4 rule/label', '8 rule/label']))
  })

  // Deliberate differences (documented in docs/checks/*.md):
  test('promql/impossible: pint also judges "by (name)" over vector(0), which has no labels; spock only contradictory matchers and comparisons', async () => {
    expect((await found('impossible')).filter((x) => x.endsWith('promql/impossible'))).toEqual([])
  })

  test('alerts/template: pint also asks for humanize on $value of a rate; spock reports only labels the query cannot return and $value in labels', async () => {
    expect((await found('template')).filter((x) => x.endsWith('alerts/template'))).toEqual([])
  })
})
