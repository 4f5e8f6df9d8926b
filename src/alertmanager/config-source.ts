// An Alertmanager config to route with: from a file (--config) or the running config of the first peer that answers.
import {SpockError, UsageError} from '../errors.js'
import {readFileSafe} from '../files/read.js'
import type {HttpClient} from '../http/client.js'
import type {AlertmanagerConfig} from './config/model.js'
import {loadAlertmanagerConfig} from './config/validate.js'

interface LoadedConfig {
  config: AlertmanagerConfig
  text: string // as read; from a server its secrets are already masked
  source: string // file path, or "<url> (running config)"
  version?: string // the server's Alertmanager version, when read from a server
}

export async function loadRoutingConfig(file: string | undefined, peers: readonly HttpClient[]): Promise<LoadedConfig> {
  return file ? fromFile(file) : fromServer(peers)
}

async function fromFile(path: string): Promise<LoadedConfig> {
  const text = (await readFileSafe(path)).toString('utf8')
  return {config: validated(text, path), text, source: path}
}

async function fromServer(peers: readonly HttpClient[]): Promise<LoadedConfig> {
  const {getStatus} = await import('./api.js') // zod schemas: only when asking a server
  let lastError: SpockError | undefined
  for (const http of peers) {
    try {
      const status = await getStatus(http)
      const source = `${http.displayUrl} (running config)`
      return {config: validated(status.config.original, source), text: status.config.original, source, version: status.versionInfo.version}
    } catch (err) {
      if (!(err instanceof SpockError)) throw err
      lastError = err
    }
  }
  throw lastError ?? new UsageError('no Alertmanager configured', {hint: 'pass --config FILE or --alertmanager-url'})
}

function validated(text: string, source: string): AlertmanagerConfig {
  return loadAlertmanagerConfig(text, source, {version: 'latest'})
}
