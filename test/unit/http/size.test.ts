import {describe, expect, test} from 'vitest'
import {ConfigError} from '../../../src/errors.js'
import {DEFAULT_MAX_RESPONSE_BYTES, formatSize, maxResponseBytes, parseSize} from '../../../src/http/size.js'

describe('response size cap', () => {
  test.each([
    ['1048576', 1048576],
    ['100B', 100],
    ['512KiB', 512 * 1024],
    ['64MiB', 64 * 1024 * 1024],
    ['64mb', 64 * 1024 * 1024], // KB, MB, GB are 1024-based, as in Prometheus' size flags
    ['1GiB', 1024 ** 3],
    ['1.5G', 1.5 * 1024 ** 3],
    [' 2 MiB ', 2 * 1024 * 1024],
  ])('%j is %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes)
  })

  test.each(['', 'abc', '0', '-1', '1 PiB', '64 MiBs', 'MiB', '1e3'])('%j is not a size', (text) => {
    expect(parseSize(text)).toBeUndefined()
  })

  test('64 MiB when SPOCK_MAX_RESPONSE_SIZE is unset or empty', () => {
    expect(maxResponseBytes({})).toBe(DEFAULT_MAX_RESPONSE_BYTES)
    expect(maxResponseBytes({SPOCK_MAX_RESPONSE_SIZE: ''})).toBe(64 * 1024 * 1024)
    expect(maxResponseBytes({SPOCK_MAX_RESPONSE_SIZE: '1MiB'})).toBe(1024 * 1024)
  })

  test('an invalid SPOCK_MAX_RESPONSE_SIZE is a config error (exit 2) with a hint', () => {
    const err = (() => {
      try {
        return maxResponseBytes({SPOCK_MAX_RESPONSE_SIZE: 'lots'})
      } catch (e) {
        return e
      }
    })() as ConfigError
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe('invalid SPOCK_MAX_RESPONSE_SIZE "lots"')
    expect(err.hint).toMatch(/64MiB/)
  })

  test('sizes print in the largest whole unit', () => {
    expect(formatSize(64 * 1024 * 1024)).toBe('64 MiB')
    expect(formatSize(1536)).toBe('1.5 KiB')
    expect(formatSize(100)).toBe('100 bytes')
  })
})
