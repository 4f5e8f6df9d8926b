// An app's /metrics over HTTP (through the one HTTP client: proxies, TLS, timeouts, size cap).
import {ConnectionError} from '../../errors.js'
import {HttpClient} from '../../http/client.js'

interface FetchOptions {
  headers?: Record<string, string>
  timeoutMs: number
  insecureSkipVerify?: boolean
}

export async function fetchExposition(url: string, opts: FetchOptions): Promise<Uint8Array> {
  const u = new URL(url)
  const http = new HttpClient({url: u.origin, headers: opts.headers ?? {}, tls: {insecureSkipVerify: opts.insecureSkipVerify}, timeoutMs: opts.timeoutMs})
  try {
    const res = await http.get(u.pathname + u.search)
    return Buffer.from(res.text, 'utf8')
  } catch (e) {
    if (e instanceof ConnectionError) throw new ConnectionError(e.message, {cause: e, hint: 'check the URL and that the app is up and serves its metrics there'})
    throw e
  } finally {
    await http.close()
  }
}
