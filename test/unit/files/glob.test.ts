import {execFileSync} from 'node:child_process'
import {mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {expandGlob, GlobError, segmentRegExp, walkFiles} from '../../../src/files/glob.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spock-glob-'))
  await mkdir(join(dir, 'rules/sub/deep'), {recursive: true})
  await mkdir(join(dir, 'rules/.hidden'), {recursive: true})
  for (const f of ['rules/a.yml', 'rules/b.yaml', 'rules/sub/c.yml', 'rules/sub/deep/d.yml', 'rules/.hidden/e.yml', 'rules/x[1].yml']) await writeFile(join(dir, f), '')
  execFileSync('mkfifo', [join(dir, 'rules/pipe.yml')])
  await symlink('/dev', join(dir, 'devlink')) // a way into /dev that a wildcard must not take
})
afterAll(() => rm(dir, {recursive: true, force: true}))

const rel = (ms: {path: string}[]) => ms.map((m) => m.path.slice(dir.length + 1))

describe('expandGlob', () => {
  test('Go filepath.Glob: * stays in one segment, sorted, every kind reported', () => {
    expect(expandGlob(join(dir, 'rules/*.yml')).map((m) => [m.path.slice(dir.length + 1), m.kind])).toEqual([
      ['rules/a.yml', 'file'],
      ['rules/pipe.yml', 'fifo'],
      ['rules/x[1].yml', 'file'],
    ])
    expect(rel(expandGlob(join(dir, 'rules/*')))).toEqual(['rules/.hidden', 'rules/a.yml', 'rules/b.yaml', 'rules/pipe.yml', 'rules/sub', 'rules/x[1].yml'])
    expect(rel(expandGlob(join(dir, '*/sub/*.yml')))).toEqual(['rules/sub/c.yml'])
  })
  test('** spans directories only with globstar (and skips dot-directories)', () => {
    expect(rel(expandGlob(join(dir, 'rules/**/*.yml'), {globstar: true}))).toEqual(['rules/a.yml', 'rules/pipe.yml', 'rules/x[1].yml', 'rules/sub/c.yml', 'rules/sub/deep/d.yml'])
    expect(rel(expandGlob(join(dir, 'rules/**/*.yml')))).toEqual(['rules/.hidden/e.yml', 'rules/sub/c.yml']) // Go: ** is *
    expect(rel(expandGlob(join(dir, 'rules/sub/**'), {globstar: true}))).toEqual(['rules/sub/c.yml', 'rules/sub/deep', 'rules/sub/deep/d.yml'])
  })
  test('escapes and classes', () => {
    expect(rel(expandGlob(join(dir, 'rules/x\\[1\\].yml')))).toEqual(['rules/x[1].yml'])
    expect(rel(expandGlob(join(dir, 'rules/[ab].y*')))).toEqual(['rules/a.yml', 'rules/b.yaml'])
    expect(rel(expandGlob(join(dir, 'rules/[^a].yaml')))).toEqual(['rules/b.yaml'])
    expect(() => expandGlob(join(dir, 'rules/[ab.yml'))).toThrowError(GlobError)
  })
  test('no wildcard descends into /dev, /proc or /sys, not even through a symlink', () => {
    expect(expandGlob('/*/zero')).toEqual([])
    expect(expandGlob('/*/self/status')).toEqual([])
    expect(expandGlob(join(dir, '*/null'))).toEqual([])
    // named literally, they are listed (and each match says what it is)
    expect(expandGlob('/dev/zer?')).toEqual([{path: '/dev/zero', kind: 'char-device'}])
    expect(expandGlob(join(dir, 'devlink/zer?'))).toEqual([{path: join(dir, 'devlink/zero'), kind: 'char-device'}])
  })
  test('past the match limit: a GlobError that says so', () => {
    expect(() => expandGlob(join(dir, 'rules/*'), {maxMatches: 3})).toThrowError('matches more than 3 files')
    expect(() => expandGlob('/usr/**/*', {globstar: true, maxScanned: 1000})).toThrowError('reads more than 1,000 directory entries')
  })
  test('a pattern without wildcards yields itself when it exists', () => {
    expect(expandGlob('/dev/null')).toEqual([{path: '/dev/null', kind: 'char-device'}])
    expect(expandGlob(join(dir, 'nope.yml'))).toEqual([])
  })
})

describe('walkFiles', () => {
  test('recursive, sorted, no dot-directories, no directories', () => {
    expect(rel(walkFiles(join(dir, 'rules'), (p) => p.endsWith('.yml')))).toEqual(['rules/a.yml', 'rules/pipe.yml', 'rules/sub/c.yml', 'rules/sub/deep/d.yml', 'rules/x[1].yml'])
  })
  test('never enters /dev, /proc or /sys', () => {
    const tree: Record<string, string[]> = {'/': ['dev', 'etc', 'proc', 'sys'], '/dev': ['a.yml'], '/proc': ['a.yml'], '/sys': ['a.yml'], '/etc': ['a.yml']}
    const fs = {
      list: (d: string) => tree[d]?.map((name) => ({name, dir: `/${name}` in tree})),
      kind: (p: string) => (p in tree ? ('directory' as const) : p.endsWith('/a.yml') && p.slice(0, -6) in tree ? ('file' as const) : undefined),
    }
    expect(walkFiles('/', () => true, {fs}).map((m) => m.path)).toEqual(['/etc/a.yml'])
    expect(expandGlob('/**/a.yml', {fs, globstar: true}).map((m) => m.path)).toEqual(['/etc/a.yml'])
  })
})

describe('segmentRegExp', () => {
  test.each([
    ['*.yml', 'a.yml', true],
    ['*.yml', '.a.yml', true],
    ['r?.y[am]ml', 'r1.yaml', true],
    ['r[!0-9].yml', 'r1.yml', false, true],
    ['r[^0-9].yml', 'r1.yml', false],
    ['a\\*', 'a*', true],
    ['a\\*', 'ab', false],
  ] as [string, string, boolean, boolean?][])('%s matches %s: %s', (seg, name, match, globstar = false) => {
    expect(segmentRegExp(seg, seg, globstar).test(name)).toBe(match)
  })
})
