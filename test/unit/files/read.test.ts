import {execFileSync} from 'node:child_process'
import {mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {FileError, fileError, readFileSafe, readFileSafeSync, readStreamSafe} from '../../../src/files/read.js'
import {formatBytes, maxFileSizeOption, parseByteSize} from '../../../src/files/size.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spock-files-'))
  await writeFile(join(dir, 'ok.yml'), 'groups: []\n')
  await writeFile(join(dir, 'big.yml'), 'x'.repeat(5000))
  await mkdir(join(dir, 'sub'))
  execFileSync('mkfifo', [join(dir, 'fifo')])
  await symlink('loop-b', join(dir, 'loop-a'))
  await symlink('loop-a', join(dir, 'loop-b'))
})
afterAll(() => rm(dir, {recursive: true, force: true}))

// Each case must end with a FileError, not hang or fill memory: /dev/zero and a FIFO did.
// Names are under the temp dir unless absolute.
const hostile = (): [string, string, RegExp][] => [
  ['/dev/zero', 'not-regular', /^cannot read \/dev\/zero: it is a character device, not a regular file$/],
  ['fifo', 'not-regular', /fifo: it is a named pipe \(FIFO\), not a regular file$/],
  ['sub', 'not-regular', /sub: it is a directory$/],
  ['loop-a', 'loop', /loop-a: symlink loop/],
  ['nope.yml', 'missing', /nope.yml: no such file or directory$/],
  ['big.yml', 'too-big', /big.yml: it is 5000 bytes, larger than the 1000 bytes limit$/],
]
const at = (name: string) => (name.startsWith('/') ? name : join(dir, name))

describe('readFileSafe', () => {
  test('reads a regular file', async () => {
    expect((await readFileSafe(join(dir, 'ok.yml'))).toString()).toBe('groups: []\n')
    expect(readFileSafeSync(join(dir, 'ok.yml')).toString()).toBe('groups: []\n')
  })
  test('a file of exactly the cap is read', async () => {
    expect((await readFileSafe(join(dir, 'big.yml'), {maxBytes: 5000})).length).toBe(5000)
  })
  test.each(hostile())('%s: refused with one line (%s)', async (path, problem, message) => {
    const err = await readFileSafe(at(path), {maxBytes: 1000}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(FileError)
    expect(err).toMatchObject({problem, exitCode: 2})
    expect((err as FileError).message).toMatch(message)
    expect((err as FileError).hint).toBeTruthy()
  })
  test.each(hostile())('%s: refused synchronously too (%s)', (path, problem, message) => {
    expect(() => readFileSafeSync(at(path), {maxBytes: 1000})).toThrowError(message)
  })
})

describe('readStreamSafe', () => {
  test('an endless stream stops at the cap', async () => {
    async function* endless() {
      for (;;) yield Buffer.alloc(4096)
    }
    await expect(readStreamSafe(endless(), 'standard input', {maxBytes: 100_000})).rejects.toThrowError('cannot read standard input: it is larger than the 97.7 KiB limit')
  })
})

describe('fileError', () => {
  test('no JS error name reaches the message', () => {
    const e = fileError('a.yml', new RangeError('Invalid string length'))
    expect(e.message).toBe('cannot read a.yml: Invalid string length')
    expect(fileError('a.yml', Object.assign(new Error('x'), {code: 'EIO'})).message).toBe('cannot read a.yml: input/output error')
  })
})

describe('sizes', () => {
  test.each([
    ['1048576', 1048576],
    ['128MiB', 128 * 1024 * 1024],
    ['1 GiB', 1024 ** 3],
    ['10kb', 10_000],
    ['1.5M', 1_500_000],
    ['0', undefined],
    ['-1', undefined],
    ['12 parsecs', undefined],
  ])('parseByteSize(%s) = %s', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes)
  })
  test('the option: default, invalid, too large', () => {
    expect(maxFileSizeOption(undefined)).toBe(64 * 1024 * 1024)
    expect(() => maxFileSizeOption('lots')).toThrowError('invalid --max-file-size "lots"')
    expect(() => maxFileSizeOption('2GiB')).toThrowError(/more than spock can hold/)
  })
  test('formatBytes', () => {
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MiB')
    expect(formatBytes(1)).toBe('1 byte')
    expect(formatBytes(100_000_000)).toBe('95.4 MiB')
  })
})
