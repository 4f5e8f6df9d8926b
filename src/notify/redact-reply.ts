// Text that came back from a notification endpoint may echo what spock sent: a webhook URL (whose path or
// query is the secret), an Authorization header, a routing key, SMTP AUTH credentials in base64. Every form in
// which a configured secret could come back is replaced before anything is printed.
import {REDACTED, redactText} from '../http/redact.js'

const MIN_LENGTH = 3 // shorter values would blank out ordinary words

/** Every form of these secret values that an endpoint may echo: as is, URL- and JSON-escaped, URL parts. */
export function secretForms(values: readonly string[]): string[] {
  const out = new Set<string>()
  const add = (s: string | undefined) => {
    if (s === undefined || s.length < MIN_LENGTH) return
    out.add(s)
    out.add(encodeURIComponent(s))
    out.add(encodeURI(s))
    const json = JSON.stringify(s).slice(1, -1)
    out.add(json)
    out.add(json.replaceAll('/', '\\/'))
  }
  for (const v of values) {
    add(v)
    // "Basic dXNlcjpwYXNz", "Bearer abc", "GenieKey abc": the credential without its scheme.
    const scheme = /^[A-Za-z][\w-]* (\S+)$/.exec(v)
    if (scheme) add(scheme[1])
    for (const part of urlParts(v)) add(part)
  }
  return [...out].sort((a, b) => b.length - a.length) // longest first: no half-replaced secret
}

/** Path, query and their pieces of a secret URL; a Slack, Discord or Teams webhook's path is the secret. */
function urlParts(value: string): string[] {
  let u: URL
  try {
    u = new URL(value)
  } catch {
    return []
  }
  if (!/^https?:$/.test(u.protocol)) return []
  const parts: string[] = []
  if (u.pathname !== '/') parts.push(u.pathname + u.search, u.pathname)
  if (u.search) parts.push(u.search, u.search.slice(1))
  for (const [key, v] of u.searchParams) parts.push(v, `${key}=${v}`)
  if (u.password) parts.push(decodeURIComponent(u.password), u.password)
  if (u.username) parts.push(`${u.username}:${u.password}`)
  // Single path segments that look like identifiers or tokens (not plain words such as "services").
  for (const seg of u.pathname.split('/')) if (seg.length >= 8 && !/^[a-z]+$/.test(seg)) parts.push(decodeURIComponent(seg), seg)
  return parts
}

/** The base64 forms an SMTP server sees and may echo: AUTH PLAIN's whole string, AUTH LOGIN's user and password. */
export function smtpCredentialForms(username: string, password: string): string[] {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
  const forms = [b64(`\0${username}\0${password}`), b64(`${username}\0${username}\0${password}`), b64(password), b64(username)]
  return [...forms, ...forms.map((f) => f.replace(/=+$/, ''))]
}

/** Reply text with every secret form replaced, URL queries dropped, and a secret cut off at the end caught too. */
export function redactReply(text: string, forms: readonly string[]): string {
  const out = redactText(redactCutEnd(text, forms), forms)
  return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)\?[^\s#"'<>]*/gi, `$1?${REDACTED}`)
}

/** A reply shortened to a few hundred characters may end in the first part of a secret. */
function redactCutEnd(text: string, forms: readonly string[]): string {
  for (const f of forms) {
    for (let k = f.length - 1; k >= MIN_LENGTH; k--) {
      if (text.endsWith(f.slice(0, k))) return `${text.slice(0, text.length - k)}${REDACTED}`
    }
  }
  return text
}
