import {describe, expect, test} from 'vitest'
import {fitted, machineForm, normalizeFormat, plain as plainTable, render, type View} from '../../../src/output/render.js'

interface Row {id: string; name: string}
const view: View<Row[], Row> = {
  rows: (r) => r,
  columns: [
    {header: 'ID', value: (r) => r.id},
    {header: 'NAME', value: (r) => r.name},
  ],
  ids: (r) => r.map((x) => x.id),
  empty: 'Nothing here.',
}
const rows = [{id: 'a1', name: 'first'}, {id: 'b22', name: 'second'}]
const plain = {color: false, tty: false}

describe('render', () => {
  test('table without a TTY is borderless and greppable', async () => {
    expect(await render(rows, view, 'table', plain)).toMatchInlineSnapshot(`
      "ID   NAME
      a1   first
      b22  second"
    `)
  })
  test('json is the result itself', async () => {
    expect(JSON.parse(await render(rows, view, 'json', plain))).toEqual(rows)
  })
  test('yaml', async () => {
    expect(await render(rows, view, 'yaml', plain)).toBe('- id: a1\n  name: first\n- id: b22\n  name: second')
  })
  test('quiet prints IDs only', async () => {
    expect(await render(rows, view, 'quiet', plain)).toBe('a1\nb22')
  })
  test('an empty list says so', async () => {
    expect(await render([], view, 'table', plain)).toBe('Nothing here.')
  })
  test('a TTY gets aligned columns without rules between rows', async () => {
    const text = await render(rows, view, 'table', {color: false, tty: true, width: 80})
    expect(text).not.toMatch(/[┌─│]/)
    expect(text.split('\n')).toHaveLength(rows.length + 1)
  })
  test('a TTY table fits the terminal: the widest column is cut with …', () => {
    const long = 'x'.repeat(200)
    const text = fitted(['ID', 'MESSAGE', 'STATE'], [['a1', long, 'active'], ['b2', 'short', 'expired']], 40, false)
    const lines = text.split('\n')
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(40)
    expect(lines[1]).toMatch(/^a1  x+…  active$/)
    expect(lines[2]).toMatch(/^b2  short\s+expired$/)
  })
  test('a TTY table with room to spare is not cut', () => {
    expect(fitted(['A', 'B'], [['1', 'two']], 80, false)).toBe('A  B\n1  two')
  })
})

describe('plain (tables for pipes and CI)', () => {
  test('columns two spaces apart, widths in code points, one line per row, no trailing blanks', () => {
    const text = plainTable(['ID', 'VALUE', 'NOTE'], [['a', 'café ü', ''], ['bbb', 'x', 'two\nlines']])
    expect(text.split('\n')).toEqual(['ID   VALUE   NOTE', 'a    café ü', 'bbb  x       two lines'])
  })

  test('a very long table renders (no argument-count limit)', () => {
    const body = Array.from({length: 200_000}, (_, i) => [String(i), 'x'])
    expect(plainTable(['N', 'V'], body).split('\n')).toHaveLength(200_001)
  })
})

describe('one renderer for results and findings', () => {
  const tree: View<{name: string}, never, {tree: string}> = {
    text: (r) => `└─ ${r.name}`,
    data: (r) => ({tree: r.name}),
    formats: {github: (r) => `::notice::${r.name}`},
  }
  test('a view with its own human form prints it for table', () => {
    expect(render({name: 'root'}, tree, 'table', plain)).toBe('└─ root')
  })
  test('json and yaml print the machine form', () => {
    expect(JSON.parse(render({name: 'root'}, tree, 'json', plain))).toEqual({tree: 'root'})
    expect(render({name: 'root'}, tree, 'yaml', plain)).toBe('tree: root')
    expect(machineForm({name: 'root'}, tree)).toEqual({tree: 'root'})
  })
  test('formats of the view', () => {
    expect(render({name: 'root'}, tree, 'github', plain)).toBe('::notice::root')
    expect(() => render(rows, view, 'sarif', plain)).toThrow(/no sarif format/)
  })
  test('text is the alias of table', () => {
    expect(normalizeFormat('text')).toBe('table')
    expect(normalizeFormat('json')).toBe('json')
  })
})
