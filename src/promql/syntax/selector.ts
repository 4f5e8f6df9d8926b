// Vector selector checks: label matchers, regexes (RE2), metric name, non-empty matcher.
import type {SyntaxNode} from '@lezer/common'
import {type CheckContext, child, first, next, only3, report, reportType, text} from './context.js'
import {unquotePromString} from './string.js'
import {checkRe2, re2MatchesEmpty} from '../../model/regex.js'

interface Matcher {
  name: string
  op: string
  value: string
  valid: boolean
}

const KEYWORD_METRICS = new Set(['atan2', 'bool', 'on', 'ignoring', 'group_left', 'group_right'])

export function checkVectorSelector(ctx: CheckContext, node: SyntaxNode): void {
  const matchers: Matcher[] = []
  const list = child(node, 'LabelMatchers')
  for (let m = first(list); m; m = next(m)) {
    const matcher = readMatcher(ctx, m)
    if (matcher) matchers.push(matcher)
  }
  const ident = child(node, 'Identifier')
  const name = ident ? text(ctx, ident) : ''
  if (name && KEYWORD_METRICS.has(name.toLowerCase())) {
    report(ctx, ident as SyntaxNode, `unexpected operator ${JSON.stringify(name.toLowerCase())}`)
  }
  if (name) {
    const dup = matchers.find((m) => m.name === '__name__')
    if (dup) reportType(ctx, node, `metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(dup.value)}`)
  } else if (matchers.every((m) => !m.valid || matchesEmpty(m))) {
    reportType(ctx, node, 'vector selector must contain at least one non-empty matcher')
  }
}

function readMatcher(ctx: CheckContext, m: SyntaxNode): Matcher | undefined {
  if (m.name === 'QuotedLabelName') {
    // {"metric.name"}: the metric name in 3.x.
    if (only3Quoted(ctx, m)) return undefined
    return {name: '__name__', op: '=', value: stringValue(ctx, first(m)), valid: true}
  }
  if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') return undefined
  const nameNode = first(m)
  if (!nameNode) return undefined
  if (m.name === 'QuotedLabelMatcher' && only3Quoted(ctx, nameNode)) return undefined
  const name = m.name === 'QuotedLabelMatcher' ? stringValue(ctx, first(nameNode)) : text(ctx, nameNode)
  const opNode = child(m, 'MatchOp')
  const valueNode = child(m, 'StringLiteral')
  if (!opNode || !valueNode) return undefined
  const op = text(ctx, opNode)
  const raw = text(ctx, valueNode)
  const parsed = unquotePromString(raw)
  if (parsed.error) return {name, op, value: parsed.value, valid: false}
  let valid = true
  if ((op === '=~' || op === '!~') && parsed.invalidUtf8) {
    report(ctx, m, 'error parsing regexp: invalid UTF-8')
    valid = false
  } else if (op === '=~' || op === '!~') {
    const err = cachedCheckRe2(ctx, parsed.value)
    if (err) {
      report(ctx, m, err)
      valid = false
    }
  }
  return {name, op, value: parsed.value, valid}
}

function cachedCheckRe2(ctx: CheckContext, pattern: string): string | undefined {
  const key = `${ctx.version}\u0000${pattern}`
  let verdict = ctx.regexCache.get(key)
  if (verdict === undefined) {
    verdict = checkRe2(pattern, {allowAngleNamedGroups: ctx.version === '3'}) ?? null
    ctx.regexCache.set(key, verdict)
  }
  return verdict ?? undefined
}

function only3Quoted(ctx: CheckContext, node: SyntaxNode): boolean {
  return only3(ctx, node, `quoted label name ${text(ctx, node)}`)
}

function stringValue(ctx: CheckContext, node: SyntaxNode | null): string {
  return node ? unquotePromString(text(ctx, node)).value : ''
}

function matchesEmpty(m: Matcher): boolean {
  switch (m.op) {
    case '=':
      return m.value === ''
    case '!=':
      return m.value !== ''
    case '=~':
      return re2MatchesEmpty(m.value)
    default:
      return !re2MatchesEmpty(m.value)
  }
}

/** Grouping labels of `by`/`without`/`on`/`ignoring`/`group_*`: quoted names are 3.x; inf/nan are numbers. */
export function groupingLabels(ctx: CheckContext, node: SyntaxNode | null): string[] {
  const labels: string[] = []
  for (let c = first(node); c; c = next(c)) {
    if (c.name === 'LabelName') {
      const name = text(ctx, c)
      if (/^(inf|nan)$/i.test(name)) {
        report(ctx, c, `unexpected number ${JSON.stringify(name)} in grouping opts, expected label`)
      } else if (ctx.version === '2.42' && name.toLowerCase() === 'without') {
        // 2.42's grammar takes every keyword as a label name except `without`.
        report(ctx, c, 'unexpected <without> in grouping opts, expected label')
      }
      labels.push(name)
    } else if (c.name === 'QuotedLabelName') {
      if (!only3Quoted(ctx, c)) labels.push(stringValue(ctx, first(c)))
    }
  }
  return labels
}
