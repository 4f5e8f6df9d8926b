// Agreement with pint on its own test rules (../shared/corpus/rules/cloudflare__pint/.github__pint__rules__*.yml):
// what pint's docs say it reports there, spock reports at the same places.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {CORPUS} from '../../../support/corpus.js'
import {lintText} from '../../../../src/lint/run.js'
import {promqlFragile} from '../../../../src/lint/checks/promql-fragile.js'
import {promqlRegexp} from '../../../../src/lint/checks/promql-regexp.js'
import type {Check} from '../../../../src/lint/check.js'

async function lint(name: string, check: Check): Promise<string[]> {
  const path = join(CORPUS, 'rules', 'cloudflare__pint', `.github__pint__rules__${name}.yml`)
  const report = await lintText(readFileSync(path, 'utf8'), path, {checks: [check]})
  return report.problems.map((p) => `${p.line} ${p.rule}: ${p.message}`)
}

describe('agreement with pint', () => {
  test('promql/regexp: static strings and redundant anchors; the smelly selector is pint-only', async () => {
    expect(await lint('regexp', promqlRegexp)).toEqual([
      '5 up:sum: job=~"bob" is a plain string, not a regex',
      '5 up:sum: job=~"^abc" is a plain string, not a regex (Prometheus anchors regexes already)',
      '9 up:sum: job=~"bob" is a plain string, not a regex',
      '9 up:sum: job=~"^abc" is a plain string, not a regex (Prometheus anchors regexes already)',
      '12 up:anchored: job=~"^myservice$" is a plain string, not a regex (Prometheus anchors regexes already)',
    ])
  })

  test('promql/fragile: topk in an alert, and sum / sum in an alert without for', async () => {
    const got = await lint('fragile', promqlFragile)
    expect(got.map((g) => g.split(':')[0])).toEqual(['5 Top Errors', '8 Partial Data Risk'])
  })
})
