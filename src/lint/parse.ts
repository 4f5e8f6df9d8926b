// Rule file text -> positioned YAML tree: the fast scanner when it can, the `yaml` package otherwise
// (loaded only then: it costs ~60 ms to import).
import {scanRuleYaml} from '../yaml/scan.js'
import type {YDocument, YProblem} from '../yaml/nodes.js'

export async function parseRuleYaml(text: string, opts: {fast?: boolean} = {}): Promise<YDocument> {
  const fast = opts.fast === false ? undefined : scanRuleYaml(text)
  if (fast) return fast
  const deep = tooDeep(text)
  if (deep) return {root: undefined, extraDocuments: 0, errors: [deep]}
  const {parseWithYamlPackage} = await import('../yaml/from-yaml.js')
  return parseWithYamlPackage(text)
}

const MAX_DEPTH = 400

/**
 * Refuse absurdly nested input before the `yaml` package sees it: its recursion overflows the
 * stack, and in V8 a stack overflow inside a regular expression compile can later abort the
 * process. A rule file is about 6 levels deep, so such a file is invalid anyway.
 */
function tooDeep(text: string): YProblem | undefined {
  let flow = 0
  let line = 1
  let lineStart = 0
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k)
    if (c === 10) {
      line++
      lineStart = k + 1
    } else if (c === 91 || c === 123) flow++
    else if (c === 93 || c === 125) flow = Math.max(0, flow - 1)
    const dashes = c === 45 && k === lineStart ? /^(- *)+/.exec(text.slice(k, k + 2 * MAX_DEPTH + 2))![0].split('-').length - 1 : 0
    const indent = k === lineStart ? /^ */.exec(text.slice(k, k + MAX_DEPTH + 1))![0].length : 0
    if (flow > MAX_DEPTH || dashes > MAX_DEPTH || indent > MAX_DEPTH)
      return {line, column: k - lineStart + 1, message: `nesting deeper than ${MAX_DEPTH} levels`, code: 'TOO_DEEP'}
  }
  return undefined
}
