// PromQL validation that agrees with promtool: lezer-promql syntax + Prometheus' parse-time
// and type checks, with a switch between Prometheus 2.42 and 3.x syntax.
import type {Tree, TreeCursor} from '@lezer/common'
import {parser} from '@prometheus-io/lezer-promql'
import {checkExpr} from './check-expr.js'
import {type CheckContext, type PromQLIssue, type RegexCache, first, report} from './context.js'
import type {PromVersion, ValueType} from './functions.js'
import {checkChain} from './chain.js'
import {type LexResult, goQuoteRune, lexPromQL} from './lex.js'
import {unquotePromString} from './string.js'

export type {PromQLIssue, RegexCache} from './context.js'
export type {PromVersion} from './functions.js'

interface CheckPromQLOptions {
  /** '3' (default) accepts 3.x syntax and functions; '2.42' rejects them as promtool 2.42 does. */
  version?: PromVersion
  /** Pass the same Map to many calls (e.g. one rules-check run) to compile each regex once. */
  regexCache?: RegexCache
}

/** Parses with lezer-promql (3.x grammar); for later lint checks. */
export function parsePromQL(expr: string): Tree {
  return parser.parse(lexPromQL(expr, '3').normalized)
}

/** Returns every problem Prometheus would reject the expression for; [] means valid. */
export function checkPromQL(expr: string, opts: CheckPromQLOptions = {}): PromQLIssue[] {
  return checkTyped(expr, opts).issues
}

/** The issues, and the expression's type when it has none. */
function checkTyped(expr: string, opts: CheckPromQLOptions): {issues: PromQLIssue[]; type: ValueType} {
  const none = (issues: PromQLIssue[]) => ({issues, type: 'none' as ValueType})
  const version = opts.version ?? '3'
  if (!/\S/.test(expr) || (/^\s*#/.test(expr) && /^\s*(#[^\n]*(\n|$)\s*)*$/.test(expr))) {
    return none([{from: 0, to: expr.length, message: 'no expression found in input', severity: 'error'}])
  }
  const lex = lexPromQL(expr, version)
  const ctx: CheckContext = {src: expr, version, issues: [], typeIssues: [], regexCache: opts.regexCache ?? new Map()}
  for (const issue of lex.issues) report(ctx, issue, issue.message)
  // A long flat chain (a 1 MB sum) is checked operand by operand without parsing it whole first
  if (expr.length >= 20_000 && ctx.issues.length === 0) {
    const chain = checkChain(expr, (operand) => checkTyped(operand, opts))
    if (chain) return chain.length > 0 ? none(dedupe(chain)) : {issues: [], type: 'vector'}
  }
  let tree: Tree
  try {
    tree = parser.parse(lex.normalized)
  } catch (e) {
    // lezer builds its tree recursively: a deep enough input overflows the stack. Say what can be said.
    if (!(e instanceof RangeError)) throw e
    if (ctx.issues.length === 0) tooBig(ctx, lex, opts)
    return none(dedupe(ctx.issues))
  }
  const big = syntaxErrors(ctx, tree.cursor(), lex)
  if (big) tooBig(ctx, lex, opts)
  // Like Prometheus: syntax errors alone; else parse-time errors; else type (checkAST) errors.
  if (ctx.issues.length > 0 || big) return none(dedupe(ctx.issues))
  let type: ValueType = 'none'
  try {
    type = checkExpr(ctx, first(tree.topNode))
  } catch (e) {
    if (!(e instanceof RangeError)) throw e // checkExpr recurses by depth: past the stack, as lezer
    tooBig(ctx, lex, opts)
    return none(dedupe(ctx.issues))
  }
  return ctx.issues.length > 0 ? none(dedupe(ctx.issues)) : {issues: dedupe(ctx.typeIssues), type: ctx.typeIssues.length > 0 ? 'none' : type}
}

/** Past what lezer parses whole: a chain of binary operators is checked operand by operand (chain.ts). */
function tooBig(ctx: CheckContext, lex: LexResult, opts: CheckPromQLOptions): void {
  const chain = checkChain(ctx.src, (operand) => checkTyped(operand, opts))
  if (chain) ctx.issues.push(...chain)
  else notValidated(ctx, lex)
}

/**
 * lezer error nodes (codemirror skips a trailing one; a linter must not) and string-literal
 * errors. Go's lexer stops at its first error, so a lexical error hides the parser's.
 */
function syntaxErrors(ctx: CheckContext, cursor: TreeCursor, lex: LexResult): boolean {
  let firstError: {from: number; to: number} | undefined
  let binaries = 0
  do {
    if (cursor.type.isError) {
      firstError ??= {from: cursor.from, to: cursor.to}
    } else if (cursor.name === 'StringLiteral') {
      const res = unquotePromString(ctx.src.slice(cursor.from, cursor.to))
      if (res.error) report(ctx, cursor, res.error)
    } else if (cursor.name === 'BinaryExpr') {
      binaries++
    }
  } while (cursor.next())
  if (firstError && ctx.issues.length === 0 && tooBigForLezer(ctx.src, binaries, lex)) {
    // lezer cuts very deep trees short on purpose; its error there says nothing about PromQL
    return true
  } else if (firstError && ctx.issues.length === 0) {
    const d = describeError(ctx.src, firstError.from, lex, ctx.version)
    const from = d.from ?? firstError.from
    const to = Math.min(ctx.src.length, d.to ?? Math.max(firstError.to, firstError.from + 1))
    report(ctx, {from, to: Math.max(from, to)}, d.message, d.hint)
  }
  return false
}

/** What the lexer alone can tell (an unclosed bracket, a trailing operator) is an error; else a warning. */
function notValidated(ctx: CheckContext, lex: LexResult): void {
  const end = definiteEndError(ctx.src, lex, ctx.version)
  if (end) return report(ctx, {from: ctx.src.length, to: ctx.src.length}, end)
  const message = 'expression too large or deeply nested for spock\'s PromQL parser: not validated'
  ctx.issues.push({from: 0, to: ctx.src.length, message, severity: 'warning'})
}

/** Past these sizes lezer force-reduces (its MaxLeftAssociativeReductionCount / CutDepth guards). */
function tooBigForLezer(src: string, binaries: number, lex: LexResult): boolean {
  return src.length >= 2000 && (binaries >= 250 || lex.maxDepth > 1000)
}

/** The error Prometheus gives at the end of the input when that is clear without a parse tree. */
function definiteEndError(src: string, lex: LexResult, version: PromVersion): string | undefined {
  const code = src.replace(/#[^\n]*/g, '')
  if (lex.open.length > 0 || /(?:[-+*/%^<>=]|\b(?:and|or|unless|atan2|bool))\s*$/i.test(code)) return describe(src, src.length, lex, version) as string
  return undefined
}

interface SyntaxProblem {
  message: string
  from?: number
  to?: number
  hint?: string
}

function describeError(src: string, at: number, lex: LexResult, version: PromVersion): SyntaxProblem {
  const d = describe(src, at, lex, version)
  return typeof d === 'string' ? {message: d} : d
}

function describe(src: string, at: number, lex: LexResult, version: PromVersion): string | SyntaxProblem {
  const rest = src.slice(at).replace(/#[^\n]*/g, '').trim()
  if (rest === '') {
    const open = lex.open[lex.open.length - 1]
    if (open === '(') return 'unclosed left parenthesis'
    if (open === '{') return 'unexpected end of input inside braces'
    if (open === '[') return 'unclosed left bracket'
    if (/\boffset\s*-?\s*$/i.test(src.slice(0, at))) return 'unexpected end of input in offset, expected duration'
    return 'unexpected end of input'
  }
  const before = /([A-Za-z_:][A-Za-z0-9_:]*)\s*$/.exec(src.slice(0, at))
  if (rest.startsWith('(') && before && !KEYWORDS.has((before[1] as string).toLowerCase())) {
    const name = before[1] as string
    return {message: `unknown function with name ${JSON.stringify(name)}`, from: before.index, to: before.index + name.length}
  }
  const word = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(rest)?.[0]
  if (word) return `unexpected ${describeWord(word)}`
  const value = /^(?:[0-9.][0-9A-Za-z._]*|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`[^`]*`?)/.exec(rest)?.[0]
  if (value && /^[0-9.]/.test(value)) return `unexpected ${/[a-z]$/.test(value) ? 'duration' : 'number'} ${JSON.stringify(value)}`
  if (value) return `unexpected string ${JSON.stringify(value)}`
  const c = String.fromCodePoint(rest.codePointAt(0) ?? 0)
  const op = /^(?:==|!=|<=|>=|=~|!~|[-+*/%^<>=])/.exec(rest)?.[0]
  if (lexPromQL(src.slice(0, at), version).open.at(-1) === '{' && !/[,}]/.test(c)) {
    return `unexpected character inside braces: ${goQuoteRune(c)}`
  }
  if (op) return `unexpected operator ${JSON.stringify(op)}`
  if (')]}'.includes(c)) return closer(src, at, c, version)
  if ('({[,@:'.includes(c)) return `unexpected ${JSON.stringify(c)}`
  return `unexpected character: ${goQuoteRune(c)}`
}

const OPENER: Record<string, string> = {')': '(', ']': '[', '}': '{'}
const CLOSER_NAME: Record<string, string> = {')': 'right parenthesis', ']': 'right bracket', '}': 'right brace'}

/** A closing bracket in the wrong place; the hint says only what the brackets before it show. */
function closer(src: string, at: number, c: string, version: PromVersion): SyntaxProblem {
  const innermost = lexPromQL(src.slice(0, at), version).open.at(-1)
  const q = JSON.stringify(c)
  if (innermost === '[') {
    return {message: `unexpected ${q} in subquery or range, expected ":" or "]"`, hint: `the "[" of a range or subquery is still open: close it with "]" before ${q}, e.g. metric[5m]`}
  }
  const message = `unexpected ${CLOSER_NAME[c]} '${c}'`
  if (c === ')' && innermost === '(' && /,\s*$/.test(src.slice(0, at))) {
    return {message: 'trailing commas not allowed in function call args', hint: 'remove the "," before ")"'}
  }
  if (innermost === undefined) return {message, hint: `${q} closes nothing: remove it, or add the "${OPENER[c]}" it belongs to`}
  if (innermost !== OPENER[c]) return {message, hint: `the bracket open here is "${innermost}": close it with "${CLOSE_OF[innermost]}" before ${q}`}
  return {message, hint: `something is missing before ${q}`}
}

const CLOSE_OF: Record<string, string> = {'(': ')', '[': ']', '{': '}'}

const KEYWORDS = new Set(['and', 'or', 'unless', 'atan2', 'bool', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'by', 'without'])
const AGGREGATORS = new Set(['sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'count_values', 'quantile', 'limitk', 'limit_ratio'])

function describeWord(word: string): string {
  const w = word.toLowerCase()
  if (['and', 'or', 'unless', 'atan2'].includes(w)) return `operator ${JSON.stringify(w)}`
  if (AGGREGATORS.has(w)) return `aggregation ${JSON.stringify(w)}`
  if (KEYWORDS.has(w)) return `keyword ${JSON.stringify(w)}`
  return `identifier ${JSON.stringify(word)}`
}

function dedupe(issues: PromQLIssue[]): PromQLIssue[] {
  const seen = new Set<string>()
  const out: PromQLIssue[] = []
  for (const issue of issues.sort((a, b) => a.from - b.from || a.to - b.to)) {
    const key = `${issue.from}:${issue.to}:${issue.message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(issue)
  }
  return out
}
