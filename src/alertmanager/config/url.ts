// Go's net/url.Parse and net.SplitHostPort, as far as Alertmanager's config validation depends on them.
// Messages never repeat the URL: it may carry a secret (Slack webhook paths, user:password@).

interface GoUrl {
  scheme: string
  host: string
  path: string
}

/** Parses like Go's url.Parse; returns an error message instead of throwing. */
function parseGoUrl(raw: string): GoUrl | string {
  if (/[\x00-\x1f\x7f]/.test(raw)) return 'invalid control character in URL'
  let rest = raw
  const hash = rest.indexOf('#')
  if (hash >= 0) rest = rest.slice(0, hash)
  if (rest === '*') return {scheme: '', host: '', path: '*'}
  let scheme = ''
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest)
  if (m) {
    scheme = m[1]!.toLowerCase()
    rest = rest.slice(m[0].length)
  } else if (rest.startsWith(':')) {
    return 'missing protocol scheme'
  }
  const q = rest.indexOf('?')
  if (q >= 0) rest = rest.slice(0, q)
  if (!scheme && !rest.startsWith('/')) {
    const colon = rest.indexOf(':')
    const slash = rest.indexOf('/')
    if (colon >= 0 && (slash < 0 || colon < slash)) return 'first path segment in URL cannot contain colon'
  }
  let host = ''
  if ((scheme || !rest.startsWith('///')) && rest.startsWith('//')) {
    const auth = rest.slice(2)
    const end = auth.indexOf('/')
    const authority = end >= 0 ? auth.slice(0, end) : auth
    rest = end >= 0 ? auth.slice(end) : ''
    const at = authority.lastIndexOf('@')
    if (at >= 0 && !validUserinfo(authority.slice(0, at))) return 'net/url: invalid userinfo'
    host = authority.slice(at + 1)
    const err = checkHost(host)
    if (err) return err
  }
  if (/%(?![0-9a-fA-F]{2})/.test(rest)) return 'invalid URL escape'
  return {scheme, host, path: rest}
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s)
}

function checkHost(host: string): string | undefined {
  if (/%(?![0-9a-fA-F]{2})/.test(host)) return 'invalid URL escape'
  // Go allows %-escapes in a host only for non-ASCII bytes (and %25)
  if (/%[0-7][0-9a-fA-F]/.test(host.replace(/%25/g, ''))) return 'invalid URL escape'
  const bad = /[^A-Za-z0-9!$&'()*+,;=:[\]<>"\-_.~%\u0080-\uffff]/.exec(host)
  if (bad) return `invalid character ${JSON.stringify(bad[0])} in host name`
  let port = ''
  if (host.startsWith('[')) {
    const close = host.indexOf(']')
    if (close < 0) return 'missing \']\' in host'
    const after = host.slice(close + 1)
    if (after !== '' && !after.startsWith(':')) return 'invalid port after host'
    port = after
  } else {
    const colon = host.lastIndexOf(':')
    if (colon >= 0) port = host.slice(colon)
  }
  if (port !== '' && !/^:[0-9]*$/.test(port)) return 'invalid port after host'
  return undefined
}

/** Alertmanager's config.URL: url.Parse, then scheme http/https and a host. */
export function checkAlertmanagerUrl(raw: string): string | undefined {
  const u = parseGoUrl(raw)
  if (typeof u === 'string') return u
  if (u.scheme !== 'http' && u.scheme !== 'https') return `unsupported scheme "${u.scheme}" for URL`
  if (u.host === '') return 'missing host for URL'
  return undefined
}

/** prometheus/common's config.URL: anything url.Parse accepts. */
export function checkCommonUrl(raw: string): string | undefined {
  const u = parseGoUrl(raw)
  return typeof u === 'string' ? u : undefined
}

/** Alertmanager's HostPort ("host:port", empty allowed), via net.SplitHostPort. */
export function checkHostPort(raw: string): string | undefined {
  if (raw === '') return undefined
  let host: string
  let port: string
  if (raw.startsWith('[')) {
    const close = raw.indexOf(']')
    if (close < 0) return 'missing \']\' in address'
    if (close + 1 === raw.length) return 'missing port in address'
    if (raw[close + 1] !== ':') return 'missing port in address'
    host = raw.slice(1, close)
    port = raw.slice(close + 2)
    if (host.includes('[') || host.includes(']') || port.includes('[') || port.includes(']')) return 'unexpected \'[\' or \']\' in address'
  } else {
    const colon = raw.lastIndexOf(':')
    if (colon < 0) return 'missing port in address'
    host = raw.slice(0, colon)
    port = raw.slice(colon + 1)
    if (host.includes(':')) return 'too many colons in address'
    if (host.includes('[') || host.includes(']') || port.includes('[') || port.includes(']')) return 'unexpected \'[\' or \']\' in address'
  }
  if (port === '') return 'port cannot be empty'
  return undefined
}

/** Go's time.ParseDuration (used by pushover retry/expire). */
export function checkGoDuration(raw: string): string | undefined {
  if (raw === '0') return undefined
  const re = /^[-+]?((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/
  return re.test(raw) ? undefined : `invalid duration "${raw}"`
}
