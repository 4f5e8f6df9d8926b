// YAML parser errors as problems: messages and hints.
import {problemAt} from '../findings/make-problem.js'
import type {Problem} from '../findings/problem.js'
import type {YDocument} from '../yaml/nodes.js'

/** The first syntax error (later ones are mostly its echoes), every duplicate key, the multi-document warning. */
export function yamlProblems(yaml: YDocument, text: string, path: string): {problems: Problem[]; fatal: boolean} {
  const firstSyntax = yaml.errors.find((e) => e.code !== 'DUPLICATE_KEY')
  const problems = yaml.errors
    .filter((e) => e.code === 'DUPLICATE_KEY' || e === firstSyntax)
    .map((e) =>
      problemAt(path, e, 'yaml/parse', 'error', e.code === 'DUPLICATE_KEY' ? duplicateKeyMessage(text, e) : `YAML: ${e.message}`, {
        hint: e.code === 'DUPLICATE_KEY' ? 'keep one of the keys; YAML mappings cannot repeat a key' : yamlHint(e.code),
      }),
    )
  if (yaml.extraDocuments > 0)
    problems.push(
      problemAt(path, secondDocument(text), 'yaml/multi-document', 'warning', `the file has ${yaml.extraDocuments + 1} YAML documents; Prometheus reads only the first`, {
        hint: 'move the other groups under the first document\'s "groups:" or into their own files',
      }),
    )
  return {problems, fatal: firstSyntax !== undefined}
}

function duplicateKeyMessage(text: string, at: {line: number; column: number}): string {
  const line = text.split('\n')[at.line - 1] ?? ''
  const key = /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(line.slice(Math.max(0, at.column - 1)))?.[1] ?? /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(line)?.[1]
  return key ? `duplicate key "${key.replace(/^["']|["']$/g, '')}" in a mapping` : 'duplicate key in a mapping'
}

function yamlHint(code: string): string {
  if (code === 'TOO_DEEP' || code === 'TOO_LARGE' || code === 'GO_YAML_ALIASING' || code === 'GO_YAML_ALIAS_CYCLE') return 'promtool rejects this file too; see the message for what to change'
  if (code === 'GO_YAML_TAB') return 'replace tabs outside quoted values with spaces'
  if (code === 'GO_YAML_ESCAPE') return 'write "/" without a backslash'
  if (code === 'TAB_AS_INDENT') return 'indent with spaces, not tabs'
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR') return 'check the indentation: items of one mapping or list line up'
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') return 'quote values that contain ": " or "#", or use a block scalar (|)'
  return 'fix the YAML syntax; quote values that start with {, [, *, &, !, %, @ or `'
}

function secondDocument(text: string): {line: number; column: number} {
  const lines = text.split('\n')
  let content = false
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!
    if (/^(---|\.\.\.)(\s|$)/.test(l)) {
      if (content) return {line: k + 1, column: 1}
    } else if (l.trim() !== '' && !l.trimStart().startsWith('#')) content = true
  }
  return {line: 1, column: 1}
}
