import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, expect, test} from 'vitest'
import {removeStackContext, writeStackContext} from '../../../src/stack/context-file.js'

let dir: string | undefined
afterEach(async () => {
  if (dir) await rm(dir, {recursive: true, force: true})
})

test('stack up makes its context current; stack down removes it and makes the one current before current again', async () => {
  dir = await mkdtemp(join(tmpdir(), 'spock-stack-ctx-'))
  const file = join(dir, 'config.yml')
  await writeFile(file, 'current-context: dev\ncontexts:\n  dev: {prometheus: {url: "http://prom:9090"}}\n')
  const env = {SPOCK_CONFIG: file}
  const written = await writeStackContext(undefined, env, {name: 'stack-demo', prometheus: 'http://127.0.0.1:1', alertmanagers: ['http://127.0.0.1:2']})
  expect(written).toEqual({path: file, previous: 'dev'})
  expect(await readFile(file, 'utf8')).toContain('current-context: stack-demo')
  await removeStackContext(undefined, env, 'stack-demo', written.previous)
  const after = await readFile(file, 'utf8')
  expect(after).toContain('current-context: dev')
  expect(after).not.toContain('stack-demo')
})

test('with no context before (or the previous one deleted meanwhile), stack down leaves none current', async () => {
  dir = await mkdtemp(join(tmpdir(), 'spock-stack-ctx-'))
  const file = join(dir, 'config.yml')
  const env = {SPOCK_CONFIG: file}
  const written = await writeStackContext(undefined, env, {name: 'stack-demo', prometheus: 'http://127.0.0.1:1', alertmanagers: ['http://127.0.0.1:2']})
  expect(written.previous).toBeUndefined()
  await removeStackContext(undefined, env, 'stack-demo', 'gone')
  expect(await readFile(file, 'utf8')).not.toContain('current-context: ')
})
