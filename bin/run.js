#!/usr/bin/env -S SPOCK_NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS} NODE_EXTRA_CA_CERTS= node
// The shebang defers NODE_EXTRA_CA_CERTS: Node 20 reads it at every start-up, spock on its first TLS
// connection (src/http/extra-ca.ts). Run as `node bin/run.js`, Node reads it itself: the same trust either way.
import {compileCache} from './compile-cache.js'

compileCache()
const {main} = await import('../dist/main.js') // after compileCache(): the bundle is compiled through the cache
await main(import.meta.url)
