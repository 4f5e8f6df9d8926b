// Keep secrets out of everything spock prints.

const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-.*(token|key|secret|password|auth).*)$/i
const SECRET_QUERY = /token|secret|password|passwd|key|signature|sig/i

export const REDACTED = '<redacted>'

/** A URL with any password and secret-looking query values replaced. */
export function redactUrl(url: string | URL): string {
  let u: URL
  try {
    u = new URL(String(url))
  } catch {
    return String(url).replace(/\/\/[^/@\s]*@/, `//${REDACTED}@`)
  }
  if (u.password) u.password = 'xxxxx'
  for (const key of [...u.searchParams.keys()]) {
    if (SECRET_QUERY.test(key)) u.searchParams.set(key, REDACTED)
  }
  return u.toString()
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name)
}

/** Header map for display: secret values replaced. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, isSecretHeader(k) ? REDACTED : v]))
}

/** Replace every occurrence of any known secret (and any URL password) in free text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) {
    if (s.length >= 3) out = out.split(s).join(REDACTED)
  }
  return out.replace(/(https?:\/\/[^\s:/@]+:)[^\s@/]+@/g, `$1xxxxx@`)
}
