// `spock config check` for prometheus.yml: what `promtool check config` (2.42) rejects, every problem at
// once, each at its line:column. Secrets never reach a message.
import {Decoder, isNullNode} from '../../yaml/decode.js'
import {parseGoYaml} from '../../yaml/go-yaml.js'
import type {YNode} from '../../yaml/nodes.js'
import {sortProblems, type Problem} from '../../findings/problem.js'
import {crossChecks} from './cross.js'
import {checkFiles} from './files.js'
import {nodeFs, type ConfigFs} from './fs.js'
import {configSchema} from './schema.js'

export type {ConfigFs} from './fs.js'

interface PrometheusConfigOptions {
  /** As `promtool check config --syntax-only`: no file existence checks, no rule files. */
  syntaxOnly?: boolean
  /** Where referenced files are looked up (default: the real file system). */
  fs?: ConfigFs
}

interface PrometheusConfigResult {
  problems: Problem[]
  /** Rule files the config names, globs expanded relative to the config's directory (empty with syntaxOnly). */
  ruleFiles: string[]
}

const HINTS: Record<string, string> = {
  unknown: 'remove the field or fix its spelling; Prometheus 2.42 rejects unknown fields',
}

export function checkPrometheusConfig(text: string, path: string, opts: PrometheusConfigOptions = {}): PrometheusConfigResult {
  const parsed = parseGoYaml(text)
  if (parsed.errors.length > 0) {
    const problems = parsed.errors.map((e): Problem => ({check: 'yaml/parse', severity: 'error', file: path, line: e.line, column: e.column, message: e.message, hint: 'fix the YAML syntax'}))
    return {problems: sortProblems(problems), ruleFiles: []}
  }
  const d = new Decoder('0.25')
  const root = parsed.root
  if (root) rawBinary(root, text)
  const cfg = (root && !isNullNode(root) ? configSchema(root, d, 'the file') : {}) as Record<string, unknown> | undefined
  let ruleFiles: string[] = []
  if (cfg) {
    crossChecks(cfg, d)
    ruleFiles = checkFiles({cfg, d, path, fs: opts.fs ?? nodeFs, syntaxOnly: opts.syntaxOnly ?? false})
  }
  const problems = d.issues.map((i): Problem => {
    const p: Problem = {check: i.check === 'am/schema' ? 'prom/schema' : i.check, severity: i.severity, file: path, line: i.line, column: i.column, message: i.message}
    const hint = i.hint ?? (i.message.startsWith('unknown field') ? HINTS.unknown : undefined)
    if (hint) p.hint = hint
    return p
  })
  if (parsed.extraDocuments > 0) {
    problems.push({check: 'yaml/multi-document', severity: 'warning', file: path, line: 0, column: 0, message: `the file has ${parsed.extraDocuments + 1} YAML documents; Prometheus reads only the first`, hint: 'remove the "---" separators and the documents after the first'})
  }
  return {problems: sortProblems(problems), ruleFiles}
}

/** `!!binary` scalars keep their base64 source text, so bad base64 and invalid UTF-8 stay detectable. */
function rawBinary(node: YNode, text: string): void {
  if (node.kind === 'map') for (const p of node.pairs) {
    rawBinary(p.key, text)
    rawBinary(p.value, text)
  }
  else if (node.kind === 'seq') for (const i of node.items) rawBinary(i, text)
  else if (node.tag === '!!binary') node.value = text.slice(node.offset, node.end).replace(/^!!binary\s*/, '').replace(/^["']|["']$/g, '')
}
