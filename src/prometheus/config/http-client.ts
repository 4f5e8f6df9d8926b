// prometheus/common HTTPClientConfig as Prometheus 2.42 embeds it (common v0.39): fields and Validate().
import {bool, checkedString, list, map, object, secret, str, type Decoder, type Kind} from '../../yaml/decode.js'
import {url} from './kinds.js'

const TLS_VERSIONS = new Set(['TLS10', 'TLS11', 'TLS12', 'TLS13'])
const tlsVersion = checkedString((s) => (TLS_VERSIONS.has(s) ? undefined : `unknown TLS version: ${s}`))

const tlsConfig: Kind = object({
  name: 'tls_config',
  fields: {ca_file: str, cert_file: str, key_file: str, server_name: str, insecure_skip_verify: bool, min_version: tlsVersion, max_version: tlsVersion},
})

const basicAuth = object({name: 'basic_auth', fields: {username: str, password: secret, password_file: str}})
const authorization = object({name: 'authorization', fields: {type: str, credentials: secret, credentials_file: str}})
const oauth2 = object({
  name: 'oauth2',
  fields: {client_id: str, client_secret: secret, client_secret_file: str, scopes: list(str), token_url: str, endpoint_params: map(str), tls_config: tlsConfig, proxy_url: url},
})

/** The HTTP client fields, to spread into an object schema. */
export const httpClientFields: Record<string, Kind> = {
  basic_auth: basicAuth,
  authorization,
  oauth2,
  bearer_token: secret,
  bearer_token_file: str,
  tls_config: tlsConfig,
  proxy_url: url,
  proxy_connect_header: map(list(secret)),
  follow_redirects: bool,
  enable_http2: bool,
}

type Obj = Record<string, unknown>
const set = (v: unknown): boolean => v !== undefined && v !== ''

const HINT = 'keep one way to authenticate and remove the others'

/** HTTPClientConfig.Validate: at most one auth method, no secret twice. Returns the messages reported. */
export function validateHttpClient(o: Obj, d: Decoder): number {
  let n = 0
  const err = (field: string, message: string, hint = HINT): void => {
    n++
    d.report(d.keyAt(o, field), message, {check: 'prom/schema', hint})
  }
  const ba = o.basic_auth as Obj | undefined
  const auth = o.authorization as Obj | undefined
  const oa = o.oauth2 as Obj | undefined
  const bearer = set(o.bearer_token) || set(o.bearer_token_file)
  if (set(o.bearer_token) && set(o.bearer_token_file)) err('bearer_token_file', 'at most one of bearer_token & bearer_token_file must be configured')
  if ((ba || oa) && bearer) err(ba ? 'basic_auth' : 'oauth2', 'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured')
  if (ba && set(ba.password) && set(ba.password_file)) err('basic_auth', 'at most one of basic_auth password & password_file must be configured', 'keep either password or password_file')
  if (auth) {
    if (bearer) err('authorization', 'authorization is not compatible with bearer_token & bearer_token_file')
    if (set(auth.credentials) && set(auth.credentials_file)) err('authorization', 'at most one of authorization credentials & credentials_file must be configured', 'keep either credentials or credentials_file')
    if (typeof auth.type === 'string' && auth.type.trim().toLowerCase() === 'basic') err('authorization', 'authorization type cannot be set to "basic", use "basic_auth" instead', 'use basic_auth: {username, password}')
    if (ba || oa) err('authorization', 'at most one of basic_auth, oauth2 & authorization must be configured')
  }
  if (oa) {
    if (ba) err('oauth2', 'at most one of basic_auth, oauth2 & authorization must be configured')
    if (!set(oa.client_id)) err('oauth2', 'oauth2 client_id must be configured', 'set oauth2.client_id')
    if (!set(oa.client_secret) && !set(oa.client_secret_file)) err('oauth2', 'either oauth2 client_secret or client_secret_file must be configured', 'set oauth2.client_secret or oauth2.client_secret_file')
    if (!set(oa.token_url)) err('oauth2', 'oauth2 token_url must be configured', 'set oauth2.token_url')
    if (set(oa.client_secret) && set(oa.client_secret_file)) err('oauth2', 'at most one of oauth2 client_secret & client_secret_file must be configured', 'keep either client_secret or client_secret_file')
  }
  const pch = o.proxy_connect_header
  if (pch && typeof pch === 'object' && Object.keys(pch).length > 0 && !set(o.proxy_url)) {
    err('proxy_connect_header', 'if proxy_connect_header is configured proxy_url must also be configured', 'set proxy_url, or remove proxy_connect_header')
  }
  return n
}

/** True when basic_auth, authorization, oauth2 or a bearer token is configured. */
export function hasAuth(o: Obj): boolean {
  return Boolean(o.basic_auth || o.authorization || o.oauth2 || set(o.bearer_token) || set(o.bearer_token_file))
}
