// prometheus/common http_config, tls_config, oauth2 and sigv4 (v0.38 for Alertmanager 0.25; newer fields under "latest").
import {anything, bool, checkedString, type Decoder, latest, list, map, object, secret, str, type Kind} from '../../yaml/decode.js'
import {checkCommonUrl} from './url.js'

const TLS_VERSIONS = new Set(['TLS10', 'TLS11', 'TLS12', 'TLS13'])
const tlsVersion = checkedString((s) => (TLS_VERSIONS.has(s) ? undefined : `unknown TLS version: ${s}`))
const commonUrl = checkedString(checkCommonUrl)

export const tlsConfig: Kind = object({
  name: 'tls_config',
  fields: {
    ca_file: str,
    cert_file: str,
    key_file: str,
    server_name: str,
    insecure_skip_verify: bool,
    min_version: tlsVersion,
    max_version: tlsVersion,
    ca: latest(str),
    cert: latest(str),
    key: latest(secret),
    ca_ref: latest(str),
    cert_ref: latest(str),
    key_ref: latest(str),
  },
})

const basicAuth = object({
  name: 'basic_auth',
  fields: {username: str, password: secret, password_file: str, username_file: latest(str), username_ref: latest(str), password_ref: latest(str)},
})

const authorization = object({
  name: 'authorization',
  fields: {type: str, credentials: secret, credentials_file: str, credentials_ref: latest(str)},
})

const oauth2 = object({
  name: 'oauth2',
  fields: {
    client_id: str,
    client_secret: secret,
    client_secret_file: str,
    scopes: list(str),
    token_url: str,
    endpoint_params: map(str),
    proxy_url: commonUrl,
    tls_config: tlsConfig,
    client_secret_ref: latest(str),
    no_proxy: latest(str),
    proxy_from_environment: latest(bool),
    proxy_connect_header: latest(anything),
    client_certificate_key_id: latest(str),
    client_certificate_key: latest(secret),
    client_certificate_key_file: latest(str),
    client_certificate_key_ref: latest(str),
    grant_type: latest(str),
    signature_algorithm: latest(str),
    iss: latest(str),
    audience: latest(str),
    claims: latest(anything),
  },
})

type Obj = Record<string, unknown>

function set(v: unknown): boolean {
  return typeof v === 'string' && v !== ''
}

function validateHttp(c: Obj, d: Decoder): void {
  const at = d.at(c)
  const err = (m: string) => d.report(at, `http_config: ${m}`)
  const bearer = set(c.bearer_token) || set(c.bearer_token_file)
  if (set(c.bearer_token) && set(c.bearer_token_file)) err('at most one of bearer_token & bearer_token_file must be configured')
  if ((c.basic_auth || c.oauth2) && bearer) err('at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured')
  const ba = c.basic_auth as Obj | undefined
  if (ba && set(ba.password) && set(ba.password_file)) err('at most one of basic_auth password & password_file must be configured')
  const au = c.authorization as Obj | undefined
  if (au) {
    if (bearer) err('authorization is not compatible with bearer_token & bearer_token_file')
    if (set(au.credentials) && set(au.credentials_file)) err('at most one of authorization credentials & credentials_file must be configured')
    const type = typeof au.type === 'string' ? au.type.trim() : ''
    if (type.toLowerCase() === 'basic') err('authorization type cannot be set to "basic", use "basic_auth" instead')
    if (c.basic_auth || c.oauth2) err('at most one of basic_auth, oauth2 & authorization must be configured')
  }
  const o = c.oauth2 as Obj | undefined
  if (o) {
    if (c.basic_auth) err('at most one of basic_auth, oauth2 & authorization must be configured')
    if (!set(o.client_id)) err('oauth2 client_id must be configured')
    if (!set(o.client_secret) && !set(o.client_secret_file) && d.version === '0.25') err('either oauth2 client_secret or client_secret_file must be configured')
    if (!set(o.token_url)) err('oauth2 token_url must be configured')
    if (set(o.client_secret) && set(o.client_secret_file)) err('at most one of oauth2 client_secret & client_secret_file must be configured')
  }
}

export const httpConfig: Kind = object({
  name: 'http_config',
  fields: {
    basic_auth: basicAuth,
    authorization,
    oauth2,
    bearer_token: secret,
    bearer_token_file: str,
    proxy_url: commonUrl,
    tls_config: tlsConfig,
    follow_redirects: bool,
    enable_http2: bool,
    no_proxy: latest(str),
    proxy_from_environment: latest(bool),
    proxy_connect_header: latest(anything),
    http_headers: latest(anything),
  },
  validate: validateHttp,
})

export const sigv4: Kind = object({
  name: 'sigv4',
  fields: {
    region: str,
    access_key: str,
    secret_key: secret,
    profile: str,
    role_arn: str,
    external_id: latest(str),
    use_fips_sts_endpoint: latest(bool),
  },
  validate: (c, d) => {
    if (set(c.access_key) !== set(c.secret_key)) {
      d.report(d.at(c), 'must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config', {check: 'am/integration'})
    }
  },
})
