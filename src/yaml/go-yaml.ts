// The one way into files Go's YAML reads (alertmanager.yml, prometheus.yml, target files, route cases): the
// fast scanner (scan.ts, no recursion, ~40 bytes of memory per input byte) for block-style files up to
// MAX_SCAN, the full parser (within its own limits, limits.ts) for everything else.
import {parseWithYamlPackage} from './from-yaml.js'
import {MAX_SCAN, normalizeBreaks} from './limits.js'
import type {YDocument} from './nodes.js'
import {scanRuleYaml} from './scan.js'

export function parseGoYaml(source: string): YDocument {
  const text = normalizeBreaks(source)
  if (text.length > MAX_SCAN) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
    return {root: undefined, extraDocuments: 0, errors: [{line: 1, column: 1, code: 'TOO_LARGE', message: `${mb(text.length)} MiB of YAML: spock reads at most ${mb(MAX_SCAN)} MiB in one file; split it into several files`}]}
  }
  return scanRuleYaml(text) ?? parseWithYamlPackage(text)
}
