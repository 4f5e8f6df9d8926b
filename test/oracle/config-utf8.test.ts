// Invalid UTF-8 in alertmanager.yml and prometheus.yml: amtool and promtool reject the file, and so does
// `spock config check`, as a finding (exit 1) at the first byte that is not UTF-8.
import {execFile} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {makeTempDir, removeTempDir} from '../support/tmp.js'

const run = promisify(execFile)
let dir: string
beforeAll(async () => {
  dir = await makeTempDir('spock-utf8-')
})
afterAll(() => removeTempDir(dir))

async function exitOf(cmd: string, args: string[]): Promise<number> {
  try {
    await run(cmd, args)
    return 0
  } catch (err) {
    return (err as {code: number}).code
  }
}

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1') // "é" becomes the lone byte 0xE9

describe('invalid UTF-8 in a config', () => {
  test.each([
    ['alertmanager.yml', 'route:\n  receiver: r\nreceivers:\n  - name: r # caf\u00e9\n', ['amtool', ['check-config']]],
    ['prometheus.yml', 'global:\n  scrape_interval: 15s # caf\u00e9\nscrape_configs: []\n', ['promtool', ['check', 'config', '--syntax-only']]],
  ] as const)('%s: the Go tool and spock both fail; spock names line and column', async (name, text, [tool, args]) => {
    const path = join(dir, name)
    await writeFile(path, latin1(text))
    const [theirs, ours] = await Promise.all([exitOf(tool, [...args, path]), runCli(['config', 'check', path])])
    expect(theirs).not.toBe(0)
    expect(ours.code).toBe(1)
    const line = text.split('\n').findIndex((l) => l.includes('\u00e9')) + 1
    expect(ours.stdout).toMatch(new RegExp(`${name}:${line}:\\d+: error: .*not valid UTF-8`))
  })
})
