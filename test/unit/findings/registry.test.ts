// The check registry is complete: every id spock can report is registered and documented.
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, test} from 'vitest'
import {CHECKS, checksFor, docsPage, FILE_KINDS, findCheck} from '../../../src/findings/registry.js'
import {RULE_CHECKS} from '../../../src/lint/checks/index.js'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

// A check id in the source: `check: 'x/y'`, or any quoted 'area/name' whose area is a check area.
const AREAS = [...new Set(CHECKS.map((c) => c.id.split('/')[0]!))]
const CHECK_FIELD = /\bcheck:\s*(['"`])([^'"`]+)\1/g
const AREA_LITERAL = new RegExp(`(['"])((?:${AREAS.join('|')})/[a-z0-9-]+)\\1`, 'g')
// Literals of a check area that are not check ids (paths in messages, module names).
const NOT_IDS = new Set<string>([])

function idsInSource(): Map<string, string> {
  const found = new Map<string, string>() // id -> first place
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8')
    for (const re of [CHECK_FIELD, AREA_LITERAL]) {
      for (const m of text.matchAll(re)) {
        const id = m[2]!
        if (NOT_IDS.has(id) || found.has(id)) continue
        const line = text.slice(0, m.index).split('\n').length
        found.set(id, `${file.slice(ROOT.length)}:${line}`)
      }
    }
  }
  return found
}

describe('check registry', () => {
  test('ids are unique, area/name, with a summary and at least one file kind', () => {
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length)
    for (const c of CHECKS) {
      expect(c.id).toMatch(/^[a-z]+\/[a-z0-9-]+$/)
      expect(c.summary.length, c.id).toBeGreaterThan(10)
      expect(c.kinds.length, c.id).toBeGreaterThan(0)
      for (const k of c.kinds) expect(FILE_KINDS).toContain(k)
    }
  })

  test('every registered id has a docs page that names it and its severity', () => {
    for (const c of CHECKS) {
      const page = join(ROOT, docsPage(c.id))
      expect(existsSync(page), `${docsPage(c.id)} is missing`).toBe(true)
      expect(readFileSync(page, 'utf8').split('\n')[0]).toBe(`# ${c.id} (${c.severity})`)
    }
  })

  test('docs/checks/README.md lists every check, linked to its page', () => {
    const index = readFileSync(join(ROOT, 'docs/checks/README.md'), 'utf8')
    for (const c of CHECKS) expect(index, c.id).toContain(`[${c.id}](${docsPage(c.id).slice('docs/checks/'.length)})`)
  })

  test('every check id literal in src is registered', () => {
    const found = idsInSource()
    const unregistered = [...found].filter(([id]) => !findCheck(id)).map(([id, at]) => `${id} at ${at}`)
    expect(unregistered).toEqual([])
    // The scan does see ids of every kind (so it cannot pass by finding nothing).
    for (const id of ['am/unused-receiver', 'am/template-parse', 'prom/scrape', 'yaml/parse', 'rule/schema', 'config/kind']) expect(found.has(id), id).toBe(true)
  })

  test('the scan would catch an unregistered id', () => {
    const text = "d.report(at, 'x', {check: 'am/made-up'}); warning(file, r, 'prom/also-made-up', 'm')"
    const ids = [...text.matchAll(CHECK_FIELD), ...text.matchAll(AREA_LITERAL)].map((m) => m[2])
    expect(ids).toEqual(expect.arrayContaining(['am/made-up', 'prom/also-made-up']))
    expect(ids.filter((id) => !findCheck(id!))).toHaveLength(3) // am/made-up is found twice
  })

  test('rule checks implement registry entries of kind rules (summary and severity live only there)', () => {
    for (const check of RULE_CHECKS) {
      const entry = findCheck(check.id)
      expect(entry, check.id).toBeDefined()
      expect(entry!.kinds).toContain('rules')
    }
  })

  test('checksFor picks by file kind', () => {
    const am = checksFor(['alertmanager']).map((c) => c.id)
    expect(am).toContain('am/unused-receiver')
    expect(am).toContain('yaml/parse')
    expect(am).not.toContain('promql/syntax')
    expect(checksFor(FILE_KINDS)).toHaveLength(CHECKS.length)
  })
})
