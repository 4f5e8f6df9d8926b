// YAML output (-o yaml). The yaml package is required on first use, so other formats never load it.
import {createRequire} from 'node:module'

export function stringifyYaml(value: unknown): string {
  const {stringify} = createRequire(import.meta.url)('yaml') as typeof import('yaml')
  return stringify(value, {lineWidth: 0}).trimEnd()
}
