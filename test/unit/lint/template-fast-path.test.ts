// The template fast path may only ever accept what the full Go-template parse accepts.
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {computeTemplate, newCheckCache, simpleAndValid} from '../../../src/lint/engines.js'
import {CORPUS} from '../../support/corpus.js'
import {ALERT_TEMPLATE_CASES} from '../gotemplate/cases.js'

const fullParseOk = (text: string) => computeTemplate('X', text) === undefined

/** Seeded random templates from action fragments, text and stray braces: most are broken somehow. */
function generated(count: number, seed: number): string[] {
  let state = seed
  const rnd = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const parts = [
    '$labels.job', '$value', '$value | humanize', '.Labels.x', '$externalURL', '$x', 'foo', 'humanize', '|', '(', ')', '', ' ',
    '-', '- ', ' -', '1', '-1', '.', '$', ',', 'nil', 'if .', 'end', 'else', '$x := 1', '"s"', '`r`', "'c'", '/* c */', '}', '{',
    'printf "%s" $value', 'len $labels', '$labels.end', '\n', 'and', 'not', '.a.b', '$labels.instance | reReplaceAll ".*" ""',
  ]
  const texts = ['a', ' ', '\n', '}}', '{', '{{', 'x}} y', '']
  return Array.from({length: count}, () => {
    let s = ''
    for (let k = 1 + Math.floor(rnd() * 5); k > 0; k--) {
      if (rnd() < 0.3) s += pick(texts)
      else s += `{{${pick(['', ' ', '- '])}${pick(parts)}${rnd() < 0.3 ? ` ${pick(parts)}` : ''}${pick(['', ' ', ' -'])}}}`
    }
    return s
  })
}

function corpusTemplates(): string[] {
  const out = new Set<string>()
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]))
  // Every quoted or plain value that holds an action; enough to cover what real annotations look like.
  for (const file of walk(join(CORPUS, 'rules'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^\s*[\w-]+:\s*(.*\{\{.*)$/gm)) out.add(m[1]!.replace(/^["']|["']$/g, ''))
  }
  return [...out]
}

describe('simpleAndValid (the template fast path)', () => {
  test('accepts the usual annotations', () => {
    const cache = newCheckCache()
    expect(simpleAndValid(cache, '{{ $labels.job }} on {{ $labels.instance }} is high')).toBe(true)
    expect(simpleAndValid(cache, 'Value is {{ $value | humanize }} for {{ $labels.instance }}.')).toBe(true)
    expect(simpleAndValid(cache, 'no actions at all')).toBe(true)
    expect(cache.validActions.has('{{ $labels.instance }}')).toBe(true)
  })

  test.each([
    ['a block', '{{ if $value }}high{{ end }}'],
    ['a declaration', '{{ $x := 1 }}{{ $x }}'],
    ['a string that holds a delimiter', '{{ "}}" }}'],
    ['a comment', '{{/* }} */}}'],
    ['an unterminated action', '{{ $value'],
    ['an undefined function', '{{ nosuch }}'],
    ['an undefined variable', '{{ $x }}'],
    ['a stray brace', '{{ $value } }}'],
  ])('declines %s (the full parse decides)', (_what, text) => {
    expect(simpleAndValid(newCheckCache(), text)).toBe(false)
  })

  test('never accepts what the full parse rejects: unit cases, 5,000 generated, every corpus template', () => {
    const texts = [...ALERT_TEMPLATE_CASES.map((c) => c.text), ...generated(5000, 7), ...corpusTemplates()]
    const cache = newCheckCache()
    let accepted = 0
    const wrong: string[] = []
    for (const text of texts) {
      if (!simpleAndValid(cache, text)) continue
      accepted++
      if (!fullParseOk(text)) wrong.push(text)
    }
    expect(wrong).toEqual([])
    expect(accepted).toBeGreaterThan(texts.length / 10) // the check above is not vacuous
  })
})
