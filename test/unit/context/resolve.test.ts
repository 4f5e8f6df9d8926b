import {describe, expect, test} from 'vitest'
import {resolveContext, parseHeaders, type ConnectionFlags} from '../../../src/context/resolve.js'
import type {SpockConfig} from '../../../src/context/schema.js'

const file: SpockConfig = {
  'current-context': 'prod',
  contexts: {
    prod: {
      prometheus: {url: 'https://mimir.example/prometheus', tenant: 'team-a', timeout: '5s', headers: {'X-Env': 'prod'}},
      alertmanager: {urls: ['http://am-0:9093', 'http://am-1:9093'], basic_auth: {username: 'ops', password_file: '/etc/pw'}},
      author: 'ctx-author',
    },
    dev: {prometheus: {url: 'http://dev:9090'}},
    empty: null,
  },
}

describe('resolveContext precedence: flag > env > context > default', () => {
  const cases: {name: string; flags: ConnectionFlags; env: NodeJS.ProcessEnv; cfg?: SpockConfig; expect: (r: ReturnType<typeof resolveContext>) => void}[] = [
    {
      name: 'defaults without any config',
      flags: {},
      env: {},
      expect: (r) => {
        expect(r.prometheus.url).toBe('http://localhost:9090')
        expect(r.prometheus.sources.url).toBe('default')
        expect(r.alertmanagers.map((a) => a.url)).toEqual(['http://localhost:9093'])
        expect(r.prometheus.timeoutMs).toBe(30_000)
        expect(r.context).toBeUndefined()
      },
    },
    {
      name: 'current context from the file',
      flags: {},
      env: {},
      cfg: file,
      expect: (r) => {
        expect(r.context).toBe('prod')
        expect(r.prometheus.url).toBe('https://mimir.example/prometheus')
        expect(r.prometheus.sources.url).toBe('context:prod')
        expect(r.prometheus.tenant).toBe('team-a')
        expect(r.prometheus.timeoutMs).toBe(5000)
        expect(r.prometheus.headers).toEqual({'X-Env': 'prod'})
        expect(r.alertmanagers.map((a) => a.url)).toEqual(['http://am-0:9093', 'http://am-1:9093'])
        expect(r.alertmanagers[1]!.basicAuth).toEqual({username: 'ops', password: undefined, passwordFile: '/etc/pw'})
        expect(r.author).toEqual({value: 'ctx-author', source: 'context:prod'})
      },
    },
    {
      name: 'env beats context',
      flags: {},
      env: {SPOCK_PROMETHEUS_URL: 'http://env:9090', SPOCK_ALERTMANAGER_URL: 'http://a:1, http://b:2', SPOCK_TENANT: 't-env', SPOCK_TIMEOUT: '2s'},
      cfg: file,
      expect: (r) => {
        expect(r.prometheus.url).toBe('http://env:9090')
        expect(r.prometheus.sources.url).toBe('env')
        expect(r.alertmanagers.map((a) => a.url)).toEqual(['http://a:1', 'http://b:2'])
        expect(r.prometheus.tenant).toBe('t-env')
        expect(r.prometheus.timeoutMs).toBe(2000)
      },
    },
    {
      name: 'flags beat env',
      flags: {'prometheus-url': 'http://flag:9090', 'alertmanager-url': ['http://f:1'], tenant: 't-flag', timeout: '750ms'},
      env: {SPOCK_PROMETHEUS_URL: 'http://env:9090', SPOCK_ALERTMANAGER_URL: 'http://a:1', SPOCK_TENANT: 't-env'},
      cfg: file,
      expect: (r) => {
        expect(r.prometheus.url).toBe('http://flag:9090')
        expect(r.prometheus.sources.url).toBe('flag')
        expect(r.alertmanagers.map((a) => a.url)).toEqual(['http://f:1'])
        expect(r.prometheus.tenant).toBe('t-flag')
        expect(r.prometheus.sources.tenant).toBe('flag')
        expect(r.prometheus.timeoutMs).toBe(750)
      },
    },
    {
      name: '--context and SPOCK_CONTEXT choose another context',
      flags: {context: 'dev'},
      env: {SPOCK_CONTEXT: 'prod'},
      cfg: file,
      expect: (r) => {
        expect(r.context).toBe('dev')
        expect(r.prometheus.url).toBe('http://dev:9090')
        expect(r.alertmanagers[0]!.url).toBe('http://localhost:9093')
      },
    },
    {
      name: 'a context with no settings',
      flags: {},
      env: {SPOCK_CONTEXT: 'empty'},
      cfg: file,
      expect: (r) => expect(r.prometheus.url).toBe('http://localhost:9090'),
    },
    {
      name: 'headers merge, flag > env > context per name',
      flags: {header: ['X-Env: flag', 'X-Extra=1']},
      env: {SPOCK_HEADERS: 'X-Env: env\nX-Other: o'},
      cfg: file,
      expect: (r) => {
        expect(r.prometheus.headers).toEqual({'X-Env': 'flag', 'X-Other': 'o', 'X-Extra': '1'})
        expect(r.prometheus.sources.headers).toBe('flag')
      },
    },
    {
      name: 'secrets from env win over files',
      flags: {'basic-auth-user': 'u', 'basic-auth-password-file': '/flag/pw', 'bearer-token-file': '/flag/token'},
      env: {SPOCK_BASIC_AUTH_PASSWORD: 'pw-env', SPOCK_BEARER_TOKEN: 'tok-env'},
      expect: (r) => {
        expect(r.prometheus.basicAuth).toEqual({username: 'u', password: 'pw-env', passwordFile: undefined})
        expect(r.prometheus.bearerToken).toBe('tok-env')
        expect(r.prometheus.bearerTokenFile).toBeUndefined()
      },
    },
    {
      name: 'TLS from flags and env',
      flags: {'ca-file': '/ca.pem', 'insecure-skip-verify': true},
      env: {SPOCK_CERT_FILE: '/c.pem', SPOCK_KEY_FILE: '/k.pem'},
      expect: (r) => expect(r.alertmanagers[0]!.tls).toEqual({caFile: '/ca.pem', certFile: '/c.pem', keyFile: '/k.pem', insecureSkipVerify: true, serverName: undefined}),
    },
  ]
  test.each(cases)('$name', ({flags, env, cfg, expect: check}) => check(resolveContext(flags, env, cfg)))
})

describe('resolveContext errors', () => {
  test('an unknown context names the known ones', () => {
    expect(() => resolveContext({context: 'nope'}, {}, file)).toThrowError(/context "nope" is not defined/)
    try {
      resolveContext({context: 'nope'}, {}, file)
    } catch (err) {
      expect((err as {hint: string}).hint).toBe('known contexts: prod, dev, empty')
      expect((err as {exitCode: number}).exitCode).toBe(2)
    }
  })
  test('a bad timeout is a usage error', () => {
    expect(() => resolveContext({timeout: 'soon'}, {}, undefined)).toThrowError(/invalid timeout "soon"/)
  })
  test('a bad --header names its position and name, never its value', () => {
    const err = catchError(() => resolveContext({header: ['Accept: json', 'Authorization Bearer s3cr3t-value']}, {}, undefined))
    expect(err.message).toBe('invalid header in --header #2: no ":" after the name "Authorization" (value not shown)')
    expect(err.message).not.toContain('s3cr3t')
    expect((err as {exitCode?: number}).exitCode).toBe(2)
  })
  test('a bad SPOCK_HEADERS line is named by its line number, blank lines counted', () => {
    const err = catchError(() => resolveContext({}, {SPOCK_HEADERS: 'Accept: json\n\nPRIVATE-TOKEN s3cr3t-value\n'}, undefined))
    expect(err.message).toBe('invalid header in SPOCK_HEADERS line 3: no ":" after the name "PRIVATE-TOKEN" (value not shown)')
  })
  test('a lone word is not echoed: it may be the token itself', () => {
    const err = catchError(() => parseHeaders(['s3cr3t-value'], () => '--header #1'))
    expect(err.message).toBe('invalid header in --header #1: no "Name: value" form (text not shown, it may be a secret)')
  })
})

function catchError(fn: () => unknown): Error {
  try {
    fn()
  } catch (err) {
    return err as Error
  }
  throw new Error('did not throw')
}
