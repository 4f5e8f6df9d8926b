// The parts of undici spock uses, in one module that transport.ts imports at the first request.
import {setFlagsFromString} from 'node:v8'
import connect from 'undici/lib/api/api-connect.js'
import Agent from 'undici/lib/dispatcher/agent.js'
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js'
import Pool from 'undici/lib/dispatcher/pool.js'
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js'

// Imported from their files rather than from undici's index, which loads all of undici (fetch, WebSocket,
// caches, mocks): ~60 ms less CPU for a command that sends one request. undici's index also adds its
// request API to every dispatcher; ProxyAgent needs connect() of it (for CONNECT tunnels), added here alike.
// test/unit/http/undici.test.ts checks both.
Dispatcher.prototype.connect ??= connect
export {Agent, Pool, ProxyAgent}

// undici parses HTTP with llhttp compiled to WebAssembly. V8 then also compiles it with its optimizing tier
// in the background, and a process cannot exit before that is done: ~250 ms of CPU and up to 1.5 s of wall
// time on a busy 2-core machine, for every command that sends a request (Node's fetch pays it too). The
// baseline compiler alone parses fast enough for spock's few large answers. The flag is read when the
// module is compiled, at the first connection, after this line; Node versions spock has not been tried on
// keep V8's default.
if (/^v(20|22|24)\./.test(process.version)) setFlagsFromString('--liftoff-only')
