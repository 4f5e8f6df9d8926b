// NODE_EXTRA_CA_CERTS, loaded only when a TLS connection is made. Node 20 reads that file at every
// start-up (~30-45 ms here), so bin/run.js moves it to SPOCK_NODE_EXTRA_CA_CERTS and spock adds those
// certificates to Node's roots itself, on the first TLS connection: the same trust, paid for only when used.
import {readFileSafeSync} from '../files/read.js'
import {createRequire} from 'node:module'

const DEFERRED_CA_ENV = 'SPOCK_NODE_EXTRA_CA_CERTS'

let loaded: string[] | undefined | null = null

/** Node's roots plus the deferred extra CAs, or undefined (Node's defaults) when none were deferred. */
export function defaultCa(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (loaded !== null) return loaded
  const file = env[DEFERRED_CA_ENV]
  loaded = undefined
  if (!file) return loaded
  try {
    const {rootCertificates} = createRequire(import.meta.url)('node:tls') as typeof import('node:tls') // loaded only here
    loaded = [...rootCertificates, readFileSafeSync(file, {maxBytes: 16 * 1024 * 1024}).toString('utf8')]
  } catch (err) {
    // What Node itself prints when it cannot read NODE_EXTRA_CA_CERTS; the connection goes on with the roots.
    process.emitWarning(`Ignoring extra certs from \`${file}\`, load failed: ${(err as Error).message}`)
  }
  return loaded
}
