// Rule file text -> positioned YAML tree: the fast scanner when it can, the `yaml` package otherwise
// (loaded only then: it costs ~60 ms to import). Limits on hostile input (depth, size, aliases) live in
// src/yaml/ and apply to every file spock reads.
import {normalizeBreaks} from '../yaml/limits.js'
import {scanRuleYaml} from '../yaml/scan.js'
import type {YDocument} from '../yaml/nodes.js'

export async function parseRuleYaml(source: string, opts: {fast?: boolean} = {}): Promise<YDocument> {
  const text = normalizeBreaks(source) // CR-only line ends, as Go reads them (same offsets)
  const fast = opts.fast === false ? undefined : scanRuleYaml(text)
  if (fast) return fast
  const {parseWithYamlPackage} = await import('../yaml/from-yaml.js')
  return parseWithYamlPackage(text)
}
