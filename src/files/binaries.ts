// The Prometheus and Alertmanager programs on PATH (Debian names the latter prometheus-alertmanager):
// `stack` runs them, `test-alert` starts a temporary Alertmanager.
import {accessSync, constants} from 'node:fs'
import {delimiter, join} from 'node:path'
import {UsageError} from '../errors.js'

const BINARIES = {
  prometheus: {names: ['prometheus'], hint: 'install it: apt-get install prometheus (Debian/Ubuntu), or put the upstream tarball\'s prometheus on PATH (https://prometheus.io/download/)'},
  alertmanager: {names: ['prometheus-alertmanager', 'alertmanager'], hint: 'install it: apt-get install prometheus-alertmanager (Debian/Ubuntu), or put the upstream tarball\'s alertmanager on PATH (https://prometheus.io/download/)'},
} as const

/** The first program of that kind on PATH; a UsageError naming the programs, with `hint` or how to install them. */
export function findBinary(kind: keyof typeof BINARIES, env: NodeJS.ProcessEnv = process.env, hint?: string): string {
  const {names} = BINARIES[kind]
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean)
  for (const name of names) {
    for (const dir of dirs) {
      try {
        accessSync(join(dir, name), constants.X_OK)
        return join(dir, name)
      } catch {
        // not here
      }
    }
  }
  throw new UsageError(`no ${names.join(' or ')} on PATH`, {hint: hint ?? BINARIES[kind].hint})
}
