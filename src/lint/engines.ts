// The two expensive checkers (PromQL, Go templates), made crash-proof and memoized per lint run.
import {checkAlertTemplate} from '../gotemplate/check.js'
import {checkPromQL, type PromQLIssue, type PromVersion} from '../promql/syntax/check.js'

interface TemplateIssue {
  message: string
  line: number
}

/** Results by input text; lives for one lint run (and is filled in by worker threads for big runs). */
export interface CheckCache {
  promql: Record<PromVersion, Map<string, PromQLIssue[]>> // by expression
  validTemplates: Set<string> // validity does not depend on the alert name...
  templateErrors: Map<string, TemplateIssue> // ...the message does: key alert \0 text
  validActions: Set<string> // `{{...}}` actions that parse on their own (see simpleAndValid)
}

export function newCheckCache(): CheckCache {
  return {promql: {'2.42': new Map(), '3': new Map()}, validTemplates: new Set(), templateErrors: new Map(), validActions: new Set()}
}

const MAX_NESTING = 1000 // checkPromQL validates 1000 levels; deeper is said to be unchecked
const NONE: readonly PromQLIssue[] = Object.freeze([])

/** checkPromQL, except for absurd nesting (its recursion would overflow the stack) or a crash. */
function computePromQL(expr: string, version: PromVersion): PromQLIssue[] {
  let depth = 0
  let max = 0
  for (let k = 0; k < expr.length; k++) {
    const c = expr.charCodeAt(k)
    if (c === 40 || c === 91 || c === 123) max = Math.max(max, ++depth)
    else if (c === 41 || c === 93 || c === 125) depth--
  }
  const skipped = (why: string): PromQLIssue[] => [{from: 0, to: 0, message: `not checked: ${why}`, severity: 'warning'}]
  if (max > MAX_NESTING) return skipped(`nested more than ${MAX_NESTING} levels deep`)
  try {
    const issues = checkPromQL(expr, {version})
    return issues.length === 0 ? (NONE as PromQLIssue[]) : issues
  } catch (e) {
    return skipped(`the checker failed (${e instanceof Error ? e.message : String(e)})`)
  }
}

export function computeTemplate(alert: string, text: string, version: PromVersion = '2.42'): TemplateIssue | undefined {
  try {
    const e = checkAlertTemplate(alert, text, version)
    return e ? {message: e.message, line: e.line} : undefined
  } catch (e) {
    return {message: `could not be checked (${e instanceof Error ? e.message : String(e)})`, line: 1}
  }
}

export function cachedPromQL(cache: CheckCache, expr: string, version: PromVersion): PromQLIssue[] {
  const known = cache.promql[version]
  let issues = known.get(expr)
  if (!issues) known.set(expr, (issues = computePromQL(expr, version)))
  return issues
}

/** Cache keys: 3's function set is larger than 2.42's, so its keys carry the version. */
const keyed = (version: PromVersion, text: string): string => (version === '2.42' ? text : `${version}\0${text}`)

export function cachedTemplate(cache: CheckCache, alert: string, text: string, version: PromVersion = '2.42'): TemplateIssue | undefined {
  const valid = keyed(version, text)
  if (cache.validTemplates.has(valid) || simpleAndValid(cache, text, version)) return undefined
  const key = keyed(version, `${alert}\0${text}`)
  if (cache.templateErrors.has(key)) return cache.templateErrors.get(key)
  const issue = computeTemplate(alert, text, version)
  if (issue) cache.templateErrors.set(key, issue)
  else cache.validTemplates.add(valid)
  return issue
}

// Words that make an action depend on others (if/range/with blocks, define, declarations) or on where it is.
const CONTEXT_WORDS = /\b(?:if|else|end|range|with|define|template|block|break|continue)\b/
// Quotes, comments and braces could hide or fake a delimiter; `=` declares or assigns a variable.
const TRICKY = /["'`/{=]/

/**
 * Fast accept for the common annotation ("{{ $labels.job }} is down, value {{ $value | humanize }}").
 * When every action is a plain pipeline (none of CONTEXT_WORDS, no TRICKY character), the template
 * parses exactly when each action parses on its own after promtool's prefix, so each distinct action is
 * parsed once per run. False means "not known valid": the caller parses the whole template.
 */
export function simpleAndValid(cache: CheckCache, text: string, version: PromVersion = '2.42'): boolean {
  for (let at = 0; ; ) {
    const open = text.indexOf('{{', at)
    if (open < 0) return true
    const close = text.indexOf('}}', open + 2)
    if (close < 0) return false
    const action = text.slice(open, close + 2)
    if (!cache.validActions.has(keyed(version, action))) {
      const inner = action.slice(2, -2)
      if (TRICKY.test(inner) || CONTEXT_WORDS.test(inner) || computeTemplate('', action, version) !== undefined) return false
      cache.validActions.add(keyed(version, action))
    }
    at = close + 2
  }
}
