// Types for the undici files that src/http/undici.ts imports directly (undici's index re-exports them).
declare module 'undici/lib/dispatcher/agent.js' {
  import {Agent} from 'undici'
  export default Agent
}
declare module 'undici/lib/dispatcher/pool.js' {
  import {Pool} from 'undici'
  export default Pool
}
declare module 'undici/lib/dispatcher/proxy-agent.js' {
  import {ProxyAgent} from 'undici'
  export default ProxyAgent
}
declare module 'undici/lib/dispatcher/dispatcher.js' {
  import {Dispatcher} from 'undici'
  export default Dispatcher
}
declare module 'undici/lib/api/api-connect.js' {
  import {Dispatcher} from 'undici'
  const connect: Dispatcher['connect']
  export default connect
}
