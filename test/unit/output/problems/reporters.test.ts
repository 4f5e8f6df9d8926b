import {describe, expect, test} from 'vitest'
import type {Problem} from '../../../../src/findings/problem.js'
import {escapeData, escapeProperty, renderGithub} from '../../../../src/output/problems/github.js'
import {stringify} from 'yaml'
import {findingsView, renderProblems} from '../../../../src/output/problems/render.js'
import {render} from '../../../../src/output/render.js'
import type {ProblemReport} from '../../../../src/findings/problem-report.js'

const problem = (p: Partial<Problem>): Problem => ({
  check: 'promql/syntax',
  severity: 'error',
  file: 'rules/a.yml',
  line: 5,
  column: 14,
  message: 'PromQL: unexpected end of input',
  ...p,
})

const report: ProblemReport = {
  files: [
    {
      path: 'rules/a.yml',
      ok: false,
      groups: 1,
      rules: 2,
      errors: 1,
      warnings: 1,
      problems: [
        problem({group: 'g', rule: 'A', hint: 'close the parenthesis'}),
        problem({check: 'rule/duplicate', severity: 'warning', line: 9, column: 12, message: 'duplicate alert "A"', group: 'g', rule: 'A'}),
      ],
    },
    {path: 'rules/b.yml', ok: true, groups: 1, rules: 3, errors: 0, warnings: 0, problems: []},
  ],
  summary: {files: 2, rules: 5, errors: 1, warnings: 1},
}

describe('text', () => {
  test('one line per problem, hint below, summary last', () => {
    expect(renderProblems(report, 'text')).toBe(
      [
        'rules/a.yml:5:14: error: PromQL: unexpected end of input [promql/syntax]',
        '  hint: close the parenthesis',
        'rules/a.yml:9:12: warning: duplicate alert "A" [rule/duplicate]',
        '',
        '2 files, 5 rules checked: 1 error, 1 warning',
      ].join('\n'),
    )
  })
  test('a whole-file problem has no line:col; hints can be left out', () => {
    const r: ProblemReport = {
      files: [{path: 'x.yml', ok: false, problems: [problem({file: 'x.yml', line: 0, column: 0, check: 'input/read', message: 'cannot read x.yml', hint: 'h'})]}],
      summary: {files: 1, errors: 1, warnings: 0},
    }
    expect(renderProblems(r, 'text', {hints: false})).toBe('x.yml: error: cannot read x.yml [input/read]\n\n1 file checked: 1 error, 0 warnings')
  })
})

describe('json', () => {
  test('the documented shape', () => {
    const out = JSON.parse(renderProblems(report, 'json'))
    expect(out.summary).toEqual({files: 2, rules: 5, errors: 1, warnings: 1})
    expect(out.files[1]).toEqual({path: 'rules/b.yml', ok: true, groups: 1, rules: 3, problems: []})
    expect(out.files[0].problems[1]).toEqual({
      check: 'rule/duplicate',
      severity: 'warning',
      message: 'duplicate alert "A"',
      line: 9,
      column: 12,
      group: 'g',
      rule: 'A',
    })
  })
})

describe('github', () => {
  test.each([
    ['100%\r\nnext', '100%25%0D%0Anext', '100%25%0D%0Anext'],
    ['a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
  ])('escapes %j like @actions/core', (input, data, prop) => {
    expect(escapeData(input)).toBe(data)
    expect(escapeProperty(input)).toBe(prop)
  })
  test('workflow commands', () => {
    expect(renderGithub(report).split('\n')).toEqual([
      '::error file=rules/a.yml,line=5,col=14,title=promql/syntax::PromQL: unexpected end of input (close the parenthesis)',
      '::warning file=rules/a.yml,line=9,col=12,title=rule/duplicate::duplicate alert "A"',
    ])
  })
  test('paths inside cwd become relative', () => {
    const r: ProblemReport = {files: [{path: '/w/r/a.yml', ok: false, problems: [problem({file: '/w/r/a.yml'})]}], summary: {files: 1, errors: 1, warnings: 0}}
    expect(renderGithub(r, {cwd: '/w'})).toMatch(/^::error file=r\/a.yml,/)
  })
})

describe('sarif', () => {
  test('SARIF 2.1.0: rules are check ids, results point at them', () => {
    const sarif = JSON.parse(renderProblems(report, 'sarif', {tool: {name: 'spock', version: '1.2.3'}, checks: [{id: 'group/name', summary: 'Groups have names.'}]}))
    expect(sarif.version).toBe('2.1.0')
    const run = sarif.runs[0]
    expect(run.tool.driver).toMatchObject({name: 'spock', version: '1.2.3'})
    expect(run.tool.driver.rules.map((r: {id: string}) => r.id)).toEqual(['group/name', 'promql/syntax', 'rule/duplicate'])
    expect(run.results[1]).toEqual({
      ruleId: 'rule/duplicate',
      ruleIndex: 2,
      level: 'warning',
      message: {text: 'duplicate alert "A"'},
      locations: [{physicalLocation: {artifactLocation: {uri: 'rules/a.yml'}, region: {startLine: 9, startColumn: 12}}}],
    })
  })
  test('line 0 becomes line 1 (code scanning needs a region)', () => {
    const r: ProblemReport = {files: [{path: 'x.yml', ok: false, problems: [problem({file: 'x.yml', line: 0, column: 0})]}], summary: {files: 1, errors: 1, warnings: 0}}
    const sarif = JSON.parse(renderProblems(r, 'sarif'))
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region).toEqual({startLine: 1, startColumn: 1})
  })
})

describe('xml reporters', () => {
  const nasty: ProblemReport = {
    files: [{path: 'a&b.yml', ok: false, problems: [problem({file: 'a&b.yml', message: 'unexpected "<" & \'>\''})]}],
    summary: {files: 1, errors: 1, warnings: 0},
  }
  test('checkstyle', () => {
    expect(renderProblems(nasty, 'checkstyle')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="a&amp;b.yml">',
        '    <error line="5" column="14" severity="error" message="unexpected &quot;&lt;&quot; &amp; &apos;&gt;&apos;" source="promql/syntax"/>',
        '  </file>',
        '</checkstyle>',
      ].join('\n'),
    )
  })
  test('junit: a failing case per problem, a passing case per clean file', () => {
    const xml = renderProblems(report, 'junit')
    expect(xml).toContain('<testsuites name="spock" tests="3" failures="2" errors="0">')
    expect(xml).toContain('<testsuite name="rules/b.yml" tests="1" failures="0" errors="0">')
    expect(xml).toContain('<testcase name="rules/b.yml" classname="rules/b.yml"/>')
    expect(xml).toContain('<failure message="duplicate alert &quot;A&quot;" type="warning">')
    expect(renderProblems(nasty, 'junit')).not.toMatch(/[<]["&]/)
  })
})

describe('findings through the one renderer', () => {
  test('table (alias text) is the file:line:col form; json and yaml are one machine form', () => {
    const view = findingsView()
    const opts = {color: false, tty: false}
    expect(render(report, view, 'table', opts)).toBe(renderProblems(report, 'text'))
    expect(renderProblems(report, 'table')).toBe(renderProblems(report, 'text'))
    const json = JSON.parse(render(report, view, 'json', opts))
    expect(json).toEqual(JSON.parse(renderProblems(report, 'json')))
    expect(render(report, view, 'yaml', opts)).toBe(stringify(json, {lineWidth: 0}).trimEnd())
    expect(render(report, view, 'checkstyle', opts)).toBe(renderProblems(report, 'checkstyle'))
  })
})
