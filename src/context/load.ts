// Find, read and validate spock's config file, reporting every problem with file:line:column.
import {homedir} from 'node:os'
import {join} from 'node:path'
import {ConfigError} from '../errors.js'
import {FileError, readFileSafe} from '../files/read.js'
import {explain} from '../zod-messages.js'
import {spockConfigSchema, type SpockConfig} from './schema.js'

interface LoadedConfig {
  path: string
  exists: boolean
  config: SpockConfig
}

export function configPath(flag: string | undefined, env: NodeJS.ProcessEnv): {path: string; explicit: boolean} {
  if (flag) return {path: flag, explicit: true}
  if (env.SPOCK_CONFIG) return {path: env.SPOCK_CONFIG, explicit: true}
  const base = env.SPOCK_CONFIG_DIR ?? join(env.XDG_CONFIG_HOME ?? join(env.HOME ?? homedir(), '.config'), 'spock')
  return {path: join(base, 'config.yml'), explicit: false}
}

export async function loadConfig(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<LoadedConfig> {
  const {path, explicit} = configPath(flag, env)
  let text: string
  try {
    text = (await readFileSafe(path, {maxBytes: 1024 * 1024})).toString('utf8')
  } catch (err) {
    const e = err as FileError
    if (e.problem === 'missing' && !explicit) return {path, exists: false, config: {}}
    throw new ConfigError(`cannot read spock config ${path}: ${e.why}`, {hint: 'check --spock-config / SPOCK_CONFIG'})
  }
  return {path, exists: true, config: await parseConfig(text, path)}
}

/** Parse and validate the config text; the YAML parser is loaded only when a config file exists. */
async function parseConfig(text: string, path: string): Promise<SpockConfig> {
  const [{parseYaml}, {zodIssues}] = await Promise.all([import('../yaml/document.js'), import('../yaml/zod-issues.js')])
  const parsed = parseYaml(text, {goQuirks: false}) // spock's own file: plain YAML 1.2
  const problems: string[] = parsed.errors.map((e) => `${path}:${e.line}:${e.column}: ${e.message}`)
  if (problems.length === 0) {
    const data = parsed.doc?.toJS() ?? {}
    const result = spockConfigSchema.safeParse(data)
    if (!result.success) {
      for (const i of zodIssues(parsed, explain(spockConfigSchema, data))) problems.push(`${path}:${i.line}:${i.column}: ${i.path}: ${i.message}`)
    } else {
      const current = result.data['current-context']
      if (!current || result.data.contexts?.[current] !== undefined) return result.data
      const pos = parsed.nodePosition(parsed.doc?.get('current-context', true) as never)
      problems.push(`${path}:${pos.line}:${pos.column}: current-context "${current}" is not defined under contexts`)
    }
  }
  throw new ConfigError(`invalid spock config ${path}:\n${problems.map((p) => `  ${p}`).join('\n')}`, {
    hint: 'see "Config file" in the README; secrets go in *_file fields',
  })
}
