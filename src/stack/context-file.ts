// The stack's context in the spock config: written by `stack up` (and made current), removed by `stack down`.
import {existsSync} from 'node:fs'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import {configPath, loadConfig} from '../context/load.js'
import {setKeyPath} from '../yaml/plain.js'

interface StackContext {
  name: string
  prometheus: string
  alertmanagers: string[]
}

/** Writes the context and makes it current; returns the file and the context that was current before. */
export async function writeStackContext(flag: string | undefined, env: NodeJS.ProcessEnv, ctx: StackContext): Promise<{path: string; previous?: string}> {
  const {path} = configPath(flag, env)
  // An existing file is validated first (never rewrite a broken one); a missing one, even when named, is created.
  const loaded = existsSync(path) ? await loadConfig(flag, env) : {path, exists: false}
  let text = loaded.exists ? await readFile(loaded.path, 'utf8') : '# spock config (see "Config file" in the README)\n'
  const before = 'config' in loaded ? loaded.config['current-context'] : undefined
  const previous = before && before !== ctx.name ? before : undefined
  text = setKeyPath(text, ['contexts', ctx.name], {prometheus: {url: ctx.prometheus}, alertmanager: {urls: ctx.alertmanagers}})
  text = setKeyPath(text, ['current-context'], ctx.name)
  await mkdir(dirname(loaded.path), {recursive: true})
  await writeFile(loaded.path, text)
  return {path: loaded.path, previous}
}

/** Removes the context; when it is current, the context that was current before `stack up` (if it still exists) is again. */
export async function removeStackContext(flag: string | undefined, env: NodeJS.ProcessEnv, name: string, previous?: string): Promise<void> {
  const loaded = await loadConfig(flag, env).catch(() => undefined)
  if (!loaded?.exists || loaded.config.contexts?.[name] === undefined) return
  let text = setKeyPath(await readFile(loaded.path, 'utf8'), ['contexts', name], undefined)
  const back = previous !== undefined && loaded.config.contexts?.[previous] !== undefined ? previous : undefined
  if (loaded.config['current-context'] === name) text = setKeyPath(text, ['current-context'], back)
  await writeFile(loaded.path, text)
}
