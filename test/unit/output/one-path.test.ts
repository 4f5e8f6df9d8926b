// Commands print results only through SpockCommand.emit (one renderer, one stdout path).
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {expect, test} from 'vitest'

const SRC = fileURLToPath(new URL('../../../src', import.meta.url))
const BY_HAND = /process\.stdout\.write|console\.(log|info)|this\.log\(|this\.logJson\(/

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]))
}

test('no command writes stdout by hand', () => {
  const offenders = files(join(SRC, 'commands')).filter((f) => BY_HAND.test(readFileSync(f, 'utf8')))
  expect(offenders).toEqual([])
})

test('the base command writes stdout in one place', () => {
  const text = readFileSync(join(SRC, 'base-command.ts'), 'utf8')
  expect(text.match(/process\.stdout\.write/g)).toHaveLength(1)
})
