// `spock config check` for alertmanager.yml: every amtool check-config error, all at once, with positions,
// plus warnings amtool does not give. Secrets never reach a message.
import {ConfigError} from '../../errors.js'
import {parseGoYaml} from '../../yaml/go-yaml.js'
import {sortProblems, type Problem} from '../../findings/problem.js'
import {Decoder, isNullNode, SECRET, type SchemaVersion} from '../../yaml/decode.js'
import {toConfig, type AlertmanagerConfig} from './model.js'
import {configSchema} from './schema.js'
import {checkSemantics} from './semantics.js'
import {checkTemplates, type TemplateField, type TemplateSource} from './templates.js'
import {receiverProblems} from './receivers.js'
import {shadowedRoutes, unusedReceivers, unusedTimeIntervals} from './warnings.js'
import {append} from '../../append.js'

export type {SchemaVersion} from '../../yaml/decode.js'

interface CheckOptions {
  /** Which Alertmanager's schema to hold the file to: the oracle's 0.25 (default) or the newest known. */
  version?: SchemaVersion
  /** Where template files come from; false skips them (default: the file system, relative to `path`). */
  templates?: TemplateSource | false
}

interface CheckResult {
  problems: Problem[]
  /** Present when the file decoded far enough to have a shape (even with errors). */
  config?: AlertmanagerConfig
}

type Obj = Record<string, unknown>

export function checkAlertmanagerConfig(text: string, path: string, opts: CheckOptions = {}): CheckResult {
  const version = opts.version ?? '0.25'
  const depth = flowDepth(text)
  if (depth.max > GO_YAML_MAX_DEPTH) {
    // Go's YAML parser refuses this before decoding anything (and the yaml package would overflow the stack)
    return {problems: [{check: 'yaml/parse', severity: 'error', file: path, ...depth.at, message: `yaml: exceeded max depth of ${GO_YAML_MAX_DEPTH}`}]}
  }
  const parsed = parseGoYaml(text)
  if (parsed.errors.length > 0) {
    return {problems: sortProblems(parsed.errors.map((e) => ({check: 'yaml/parse', severity: 'error', file: path, line: e.line, column: e.column, ...parseMessage(e.message)})))}
  }
  const d = new Decoder(version)
  const root = parsed.root
  const docPos = root ? {line: root.line, column: root.column} : {line: 0, column: 0}
  // An empty or `null` document is an empty config (Alertmanager then reports the missing route)
  const cfg = (root && !isNullNode(root) ? configSchema(root, d, 'the file') : {}) as Obj | undefined
  if (!cfg) return {problems: toProblems(d, path)}
  checkSemantics(cfg, d, docPos)
  const config = toConfig(cfg, d)
  const problems = toProblems(d, path)
  if (opts.templates !== false) {
    const patternsAt = d.at(cfg, 'templates')
    append(problems, checkTemplates({
      configPath: path,
      patterns: config.templates.map((pattern) => ({pattern, ...patternsAt})),
      fields: templateFields(cfg.receivers, d),
      version,
      source: opts.templates,
    }))
  }
  for (const more of [unusedReceivers(config, path), unusedTimeIntervals(config, path), shadowedRoutes(config, path), receiverProblems(root, config, path)]) append(problems, more)
  if (parsed.extraDocuments > 0) {
    problems.push({check: 'yaml/multi-document', severity: 'warning', file: path, line: 0, column: 0,
      message: `the file has ${parsed.extraDocuments + 1} YAML documents; Alertmanager reads only the first`, hint: 'remove the "---" separators and the documents after the first'})
  }
  return {problems: sortProblems(problems), config}
}

/** amtool's YAML parser (yaml.v2) refuses more than this many nested flow collections. */
const GO_YAML_MAX_DEPTH = 10_000

/** The deepest nesting of flow collections ([ and {) outside quotes and comments, and where it is reached. */
function flowDepth(text: string): {max: number; at: {line: number; column: number}} {
  let level = 0
  let max = 0
  let line = 1
  let lineStart = 0
  let at = {line: 1, column: 1}
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) {
      line++
      lineStart = i + 1
    } else if (c === 91 || c === 123) {
      if (++level > max) {
        max = level
        if (max === GO_YAML_MAX_DEPTH + 1) at = {line, column: i - lineStart + 1}
      }
    } else if (c === 93 || c === 125) {
      if (level > 0) level--
    } else if (c === 35 && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i)
      i = (end < 0 ? text.length : end) - 1
    } else if (c === 34 || c === 39) {
      // a quoted scalar: skip to its closing quote ('' and \" escape one)
      for (i++; i < text.length; i++) {
        const q = text.charCodeAt(i)
        if (q === 10) {
          line++
          lineStart = i + 1
        } else if (c === 34 && q === 92) i++
        else if (q === c && !(c === 39 && text.charCodeAt(i + 1) === 39)) break
        else if (q === c) i++
      }
    }
  }
  return {max, at}
}

/** The yaml package reports its own stack overflow as a parse error: say what it means instead. */
function parseMessage(message: string): {message: string; hint?: string} {
  if (!/Maximum call stack size exceeded/.test(message)) return {message}
  return {message: 'nested too deeply for spock\'s YAML parser: the file was not checked (amtool accepts up to 10000 levels)',
    hint: 'flatten the routing tree, or check this file with amtool'}
}

function toProblems(d: Decoder, file: string): Problem[] {
  return d.issues.map((i) => {
    const p: Problem = {check: i.check, severity: i.severity, file, line: i.line, column: i.column, message: i.message}
    if (i.hint) p.hint = i.hint
    return p
  })
}

/** Every string inside the receivers that may be template text, with its position. */
function templateFields(value: unknown, d: Decoder): TemplateField[] {
  const out: TemplateField[] = []
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit)
    if (!v || typeof v !== 'object' || !('constructor' in v) || v.constructor !== Object) return
    for (const [k, x] of Object.entries(v as Obj)) {
      if (typeof x === 'string' && x !== SECRET && x.includes('{{')) out.push({text: x, ...d.at(v as Obj, k)})
      else visit(x)
    }
  }
  visit(value)
  return out
}

/**
 * For `routes show|test`: the config's routing model, or a ConfigError naming the first error
 * (templates are not read: amtool's routing commands do not either).
 */
export function loadAlertmanagerConfig(text: string, path: string, opts: {version?: SchemaVersion} = {}): AlertmanagerConfig {
  const {problems, config} = checkAlertmanagerConfig(text, path, {version: opts.version, templates: false})
  const first = problems.find((p) => p.severity === 'error')
  if (first || !config?.route) {
    const where = first ? `${path}:${first.line}:${first.column}: ${first.message}` : `${path}: no route provided in config`
    const count = problems.filter((p) => p.severity === 'error').length
    throw new ConfigError(count > 1 ? `${where} (and ${count - 1} more errors)` : where, {
      where: {file: path, line: first?.line, column: first?.column},
      hint: `run "spock config check ${path}" to see every problem`,
    })
  }
  return config
}

/** True when any problem is an error (what makes amtool check-config fail). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error')
}
