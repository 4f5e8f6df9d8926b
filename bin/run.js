#!/usr/bin/env -S SPOCK_NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS} NODE_EXTRA_CA_CERTS= node
// The shebang defers NODE_EXTRA_CA_CERTS: Node 20 reads it at every start-up, spock on its first TLS
// connection (src/http/extra-ca.ts). Run as `node bin/run.js`, Node reads it itself: the same trust either way.
import {main} from '../dist/main.js'

await main(import.meta.url)
