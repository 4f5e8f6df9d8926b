// Resolve the context once and build HTTP clients lazily; close them all at the end.
import {HttpClient, type LogLine} from '../http/client.js'
import {loadConfig} from './load.js'
import {resolveContext, type ConnectionFlags, type ResolvedContext} from './resolve.js'

export interface Connection {
  context: ResolvedContext
  configFile: {path: string; exists: boolean}
  prometheus(): HttpClient
  alertmanagers(): HttpClient[]
  close(): Promise<void>
}

export async function connect(
  flags: ConnectionFlags & {'spock-config'?: string},
  env: NodeJS.ProcessEnv,
  log?: LogLine,
): Promise<Connection> {
  const loaded = await loadConfig(flags['spock-config'], env)
  const context = resolveContext(flags, env, loaded.exists ? loaded.config : undefined)
  const open: HttpClient[] = []
  let prom: HttpClient | undefined
  let ams: HttpClient[] | undefined
  const make = (s: ResolvedContext['prometheus']) => {
    const c = new HttpClient(s, log)
    open.push(c)
    return c
  }
  return {
    context,
    configFile: {path: loaded.path, exists: loaded.exists},
    prometheus: () => (prom ??= make(context.prometheus)),
    alertmanagers: () => (ams ??= context.alertmanagers.map(make)),
    close: async () => {
      await Promise.all(open.map((c) => c.close()))
    },
  }
}
