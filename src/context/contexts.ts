// List contexts and switch the current one, keeping the rest of the file (comments included) as it was.
import {readFile, writeFile} from 'node:fs/promises'
import {ConfigError} from '../errors.js'
import {redactUrl} from '../http/redact.js'
import type {SpockConfig} from './schema.js'

export interface ContextRow {
  name: string
  current: boolean
  prometheus: string
  alertmanager: string[]
}

export function listContexts(config: SpockConfig): ContextRow[] {
  return Object.entries(config.contexts ?? {}).map(([name, c]) => ({
    name,
    current: config['current-context'] === name,
    prometheus: c?.prometheus?.url ? redactUrl(c.prometheus.url) : '',
    alertmanager: (c?.alertmanager?.urls ?? (c?.alertmanager?.url ? [c.alertmanager.url] : [])).map((u) => redactUrl(u)),
  }))
}

export async function useContext(path: string, config: SpockConfig, name: string): Promise<void> {
  if (!config.contexts || !(name in config.contexts)) {
    const known = Object.keys(config.contexts ?? {})
    throw new ConfigError(`context "${name}" is not defined in ${path}`, {
      hint: known.length > 0 ? `known contexts: ${known.join(', ')}` : 'add it under "contexts:" first',
    })
  }
  const {setTopLevelKey} = await import('../yaml/plain.js')
  await writeFile(path, setTopLevelKey(await readFile(path, 'utf8'), 'current-context', name))
}
