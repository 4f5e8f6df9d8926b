// Proxy selection from the environment, by the rules of Go's ProxyFromEnvironment. Each row was checked
// against amtool 0.25 here (a loopback proxy that maps *.spock-test names to 127.0.0.1).
import {describe, expect, test} from 'vitest'
import {ConfigError} from '../../../src/errors.js'
import {proxyFor, useProxy} from '../../../src/http/proxy-env.js'

const PROXY = 'http://127.0.0.1:3128'
const via = (url: string, env: Record<string, string>) => proxyFor(new URL(url), env)?.href

describe('proxyFor', () => {
  test.each([
    ['HTTP_PROXY for http://', 'http://am.spock-test:9093', {HTTP_PROXY: PROXY}, `${PROXY}/`],
    ['http_proxy (lower case) too', 'http://am.spock-test:9093', {http_proxy: PROXY}, `${PROXY}/`],
    ['upper case wins over lower case', 'http://am.spock-test:9093', {HTTP_PROXY: PROXY, http_proxy: 'http://other:1'}, `${PROXY}/`],
    ['an empty upper-case value falls back to lower case', 'http://am.spock-test:9093', {HTTP_PROXY: '', http_proxy: PROXY}, `${PROXY}/`],
    ['HTTPS_PROXY for https://', 'https://am.spock-test', {HTTPS_PROXY: PROXY}, `${PROXY}/`],
    ['https:// does not fall back to HTTP_PROXY', 'https://am.spock-test', {HTTP_PROXY: PROXY}, undefined],
    ['http:// does not use HTTPS_PROXY', 'http://am.spock-test', {HTTPS_PROXY: PROXY}, undefined],
    ['a proxy without a scheme is http://', 'http://am.spock-test', {HTTP_PROXY: '127.0.0.1:3128'}, `${PROXY}/`],
    ['an https:// proxy is kept', 'https://am.spock-test', {HTTPS_PROXY: 'https://proxy.corp:8443'}, 'https://proxy.corp:8443/'],
    ['no variable, no proxy', 'http://am.spock-test', {}, undefined],
  ])('%s', (_name, url, env, expected) => {
    expect(via(url, env)).toBe(expected)
  })

  test('an invalid proxy value is a config error naming the variable, password hidden', () => {
    const err = (() => {
      try {
        return via('http://x', {HTTP_PROXY: 'socks5://user:s3cret@proxy:1080'})
      } catch (e) {
        return e
      }
    })() as ConfigError
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toMatch(/invalid proxy URL ".*" in HTTP_PROXY/)
    expect(err.message).not.toContain('s3cret')
  })
})

describe('useProxy (loopback and NO_PROXY)', () => {
  const uses = (url: string, noProxy = '') => useProxy(new URL(url), noProxy)

  test.each([
    ['http://127.0.0.1:9093'],
    ['http://127.0.0.2:9093'],
    ['http://localhost:9093'],
    ['http://[::1]:9093'],
    ['http://[::ffff:127.0.0.1]:9093'],
  ])('loopback %s never goes through a proxy', (url) => {
    expect(uses(url)).toBe(false)
  })

  test('other hosts do, when NO_PROXY does not name them', () => {
    expect(uses('http://am.spock-test:9093')).toBe(true)
    expect(uses('http://10.1.2.3')).toBe(true)
    expect(uses('http://sub.localhost:9093')).toBe(true) // only "localhost" itself is special
  })

  test.each([
    ['*', 'http://anything.example', false],
    ['x.example, *', 'http://anything.example', false],
    ['spock-test', 'http://am.spock-test:9093', false], // a domain matches its subdomains
    ['spock-test', 'http://spock-test:9093', false], // and itself
    ['.spock-test', 'http://am.spock-test:9093', false], // a leading dot: subdomains only
    ['.spock-test', 'http://spock-test:9093', true],
    ['*.spock-test', 'http://am.spock-test', false],
    ['*.spock-test', 'http://spock-test', true],
    ['other.test,am.spock-test', 'http://am.spock-test', false],
    [' AM.Spock-Test ', 'http://am.spock-test', false], // trimmed, case-insensitive
    ['am.spock-test:9999', 'http://am.spock-test:9093', true], // a port must match
    ['am.spock-test:9093', 'http://am.spock-test:9093', false],
    ['am.spock-test:80', 'http://am.spock-test', false], // the scheme's default port
    ['am.spock-test:443', 'https://am.spock-test', false],
    ['pock-test', 'http://am.spock-test', true], // suffix at a label boundary only
    ['10.1.2.3', 'http://10.1.2.3:9090', false],
    ['10.1.2.3:9090', 'http://10.1.2.3:9091', true],
    ['10.0.0.0/8', 'http://10.1.2.3', false],
    ['10.0.0.0/16', 'http://10.1.2.3', true],
    ['10.0.0.0/8', 'http://am.spock-test', true], // CIDRs match IP addresses only
    ['fd00::/8', 'http://[fd00::5]:9093', false],
    ['[fd00::5]:9093', 'http://[fd00::5]:9093', false],
    ['fd00::5', 'http://[fd00:0::5]', false],
    ['10.0.0.0/99', 'http://10.1.2.3', true], // an invalid entry matches nothing
  ])('NO_PROXY=%j, %s: proxied %s', (noProxy, url, expected) => {
    expect(uses(url, noProxy)).toBe(expected)
  })
})
