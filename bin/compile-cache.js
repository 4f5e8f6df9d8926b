// V8's code cache for dist/ on Node >= 22.1 (module.enableCompileCache: Node keys each entry by the file's
// content, so a rebuilt or upgraded dist/ is never served stale code). On Node 20 this does nothing: a code
// cache loaded through vm.Script was measured slower there than Node's own ESM loading of the bundle.
// The cache lives in $XDG_CACHE_HOME/spock or ~/.cache/spock; no HOME, or a directory that cannot be
// written, just means no cache. SPOCK_NO_COMPILE_CACHE=1 turns it off.
import module from 'node:module'
import {isAbsolute, join} from 'node:path'

export function compileCache(env = process.env) {
  if (typeof module.enableCompileCache !== 'function' || env.SPOCK_NO_COMPILE_CACHE) return undefined
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : (env.HOME ? join(env.HOME, '.cache') : undefined)
  if (!base) return undefined
  try {
    return module.enableCompileCache(join(base, 'spock', 'compile-cache'))
  } catch {
    return undefined // an unusable directory: run without a cache
  }
}
