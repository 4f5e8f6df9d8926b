// System error codes never reach users: messages carry words.
import {writeFile} from 'node:fs/promises'
import {expect, test} from 'vitest'
import {ConfigError, plainSystemText, toSpockError, UsageError} from '../../src/errors.js'

test('a failed write is a plain sentence naming the path, not an internal error', async () => {
  const err = await writeFile('/nonexistent-spock-dir/out.json', 'x').catch((e: unknown) => e)
  const e = toSpockError(err)
  expect(e.message).toBe('cannot open /nonexistent-spock-dir/out.json: no such file or directory')
  expect(e.exitCode).toBe(2)
})

test.each([
  ["ENOENT: no such file or directory, open '/x'", "no such file or directory, open '/x'"],
  ['the system refused (EACCES)', 'the system refused (permission denied)'],
  ['cannot read lint policy x: EISDIR', 'cannot read lint policy x: it is a directory'],
  ['connect ECONNREFUSED 127.0.0.1:1', 'connect connection refused 127.0.0.1:1'],
  ['alertname="EXPIRED" stays', 'alertname="EXPIRED" stays'],
])('%s', (raw, plain) => {
  expect(plainSystemText(raw)).toBe(plain)
})

test('every SpockError message and hint is in words', () => {
  expect(new UsageError('cannot write x: EACCES', {hint: 'EROFS here'}).message).toBe('cannot write x: permission denied')
  expect(new ConfigError('x', {hint: 'EROFS here'}).hint).toBe('read-only file system here')
})
