// Temporary directories and an isolated environment for tests.
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** Creates a fresh directory under the OS temp dir, e.g. makeTempDir('spock-am-'). */
export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

/** Removes a directory tree; a missing directory is fine. */
export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, {recursive: true, force: true, maxRetries: 3})
}

/**
 * The current environment with HOME and XDG_CONFIG_HOME inside `dir` and every
 * SPOCK_* variable removed, so spawned tools read no user config.
 */
export function isolatedEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('SPOCK_')) continue
    env[key] = value
  }
  env.HOME = dir
  env.XDG_CONFIG_HOME = join(dir, '.config')
  return {...env, ...extra}
}
