// Keep secrets out of everything spock prints.

/**
 * Header values shown as they are; every other header value is a secret (API keys hide under any name:
 * Api-Key, PRIVATE-TOKEN, apikey...). Keep this list short: only names that never carry credentials.
 */
const SAFE_HEADERS: readonly string[] = ['accept', 'accept-language', 'cache-control', 'content-type', 'user-agent', 'x-scope-orgid']
const SAFE = new Set(SAFE_HEADERS)
const SECRET_QUERY = /token|secret|password|passwd|key|signature|sig/i

export const REDACTED = '<redacted>'
/** What a URL's user name and password become: URL-safe, so the URL stays readable. */
const MASK = 'xxxxx'

/** A URL with its user name, password and secret-looking query values replaced. */
export function redactUrl(url: string | URL): string {
  let u: URL
  try {
    u = new URL(String(url))
  } catch {
    return String(url).replace(/\/\/[^/@\s]*@/, `//${REDACTED}@`)
  }
  if (u.username) u.username = MASK
  if (u.password) u.password = MASK
  for (const key of [...u.searchParams.keys()]) {
    if (SECRET_QUERY.test(key)) u.searchParams.set(key, REDACTED)
  }
  return u.toString()
}

/** Every header is secret except the few in SAFE_HEADERS. */
export function isSecretHeader(name: string): boolean {
  return !SAFE.has(name.toLowerCase())
}

/** Header map for display: secret values replaced. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, isSecretHeader(k) ? REDACTED : v]))
}

/** Replace every occurrence of any known secret, and the user name and password of any URL, in free text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s.length >= 3) out = out.split(s).join(REDACTED)
  }
  return out.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@]+)@/gi, (_, scheme: string, info: string) => `${scheme}${info.includes(':') ? `${MASK}:${MASK}` : MASK}@`)
}
