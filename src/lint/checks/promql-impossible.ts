// promql/impossible: selectors whose matchers contradict each other, and comparisons that can never be true.
import {goRegexp} from '../../model/regex.js'
import {unwrap, walk, type Expr, type Matcher} from './promql-ast.js'
import {semanticCheck, type Finder, type Finding} from './promql-semantic.js'

function fullMatch(pattern: string, value: string): boolean | undefined {
  try {
    return goRegexp(pattern, true, {allowAngleNamedGroups: true}).matches(value)
  } catch {
    return undefined
  }
}

const q = (m: Matcher): string => `${m.name}${m.op}${JSON.stringify(m.value)}`

/** Why `a` and `b` (same label, `a` an equality) can never both hold, or undefined. */
function conflict(a: Matcher, b: Matcher): string | undefined {
  if (b.op === '=' && b.value !== a.value) return `the label cannot equal both ${JSON.stringify(a.value)} and ${JSON.stringify(b.value)}`
  if (b.op === '!=' && b.value === a.value) return 'one matcher requires what the other excludes'
  if (b.op === '=~' && fullMatch(b.value, a.value) === false) return `${JSON.stringify(a.value)} does not match the regex ${JSON.stringify(b.value)}`
  if (b.op === '!~' && fullMatch(b.value, a.value) === true) return `${JSON.stringify(a.value)} is excluded by the regex ${JSON.stringify(b.value)}`
  return undefined
}

function selectorConflicts(e: Expr & {kind: 'selector'}): Finding[] {
  const ms = e.name !== '' && !e.matchers.some((m) => m.name === '__name__' && m.op === '=') ? [{...e, name: '__name__', op: '=' as const, value: e.name, valueSpan: e}, ...e.matchers] : e.matchers
  for (const a of ms) {
    if (a.op !== '=') continue
    for (const b of ms) {
      if (a === b || b.name !== a.name) continue
      const why = conflict(a, b)
      if (why) {
        const at = b.from > a.from ? b : a
        return [{at, message: `selector can never match: ${q(a)} and ${q(b)} contradict (${why})`, hint: 'remove the matcher that is wrong, or use one regex for both values, e.g. job=~"a|b"'}]
      }
    }
  }
  return []
}

interface Range {
  min: number
  max: number
}

/** The values an expression can take, when they are bounded for sure. */
export function valueRange(e: Expr): Range | undefined {
  const u = unwrap(e)
  switch (u.kind) {
    case 'number':
      return Number.isNaN(u.value) ? undefined : {min: u.value, max: u.value}
    case 'unary': {
      const r = valueRange(u.expr)
      return r && u.op === '-' ? {min: -r.max, max: -r.min} : r
    }
    case 'call': {
      const arg = (k: number) => (u.args[k] ? valueRange(u.args[k]!) : undefined)
      switch (u.name) {
        case 'vector':
          return arg(0)
        case 'absent':
        case 'absent_over_time':
        case 'present_over_time':
          return {min: 1, max: 1}
        case 'count_over_time':
          return {min: 1, max: Infinity}
        case 'changes':
        case 'resets':
        case 'abs':
          return {min: 0, max: Infinity}
        case 'sgn':
          return {min: -1, max: 1}
        case 'clamp_min': {
          const r = arg(1)
          return r && r.min === r.max ? {min: r.min, max: Infinity} : undefined
        }
        case 'clamp_max': {
          const r = arg(1)
          return r && r.min === r.max ? {min: -Infinity, max: r.max} : undefined
        }
        case 'clamp': {
          const lo = arg(1)
          const hi = arg(2)
          return lo && hi && lo.min === lo.max && hi.min === hi.max && lo.min <= hi.min ? {min: lo.min, max: hi.max} : undefined
        }
        case 'label_replace':
        case 'label_join':
          return arg(0)
        default:
          return undefined
      }
    }
    case 'agg':
      if (u.op === 'count') return {min: 1, max: Infinity}
      if (u.op === 'group') return {min: 1, max: 1}
      if (['sum', 'min', 'max', 'avg', 'topk', 'bottomk', 'limitk', 'limit_ratio'].includes(u.op)) {
        const inner = u.args.at(-1)
        const r = inner ? valueRange(inner) : undefined
        if (!r) return undefined
        if (u.op === 'sum') return r.min >= 0 ? {min: r.min, max: Infinity} : r.max <= 0 ? {min: -Infinity, max: r.max} : undefined
        return r
      }
      return undefined
    default:
      return undefined
  }
}

const NEVER: Record<string, (l: Range, r: Range) => boolean> = {
  '>': (l, r) => l.max <= r.min,
  '<': (l, r) => l.min >= r.max,
  '>=': (l, r) => l.max < r.min,
  '<=': (l, r) => l.min > r.max,
  '==': (l, r) => l.max < r.min || r.max < l.min,
  '!=': (l, r) => l.min === l.max && r.min === r.max && l.min === r.min,
}

const show = (r: Range): string => (r.min === r.max ? String(r.min) : r.max === Infinity ? `at least ${r.min}` : r.min === -Infinity ? `at most ${r.max}` : `between ${r.min} and ${r.max}`)

function neverTrue(e: Expr & {kind: 'binary'}): Finding[] {
  const never = NEVER[e.op]
  if (!never || e.bool) return []
  const l = unwrap(e.left)
  const r = unwrap(e.right)
  if (l.kind === 'number' && r.kind === 'number') return []
  const lr = valueRange(l)
  const rr = valueRange(r)
  if (!lr || !rr || !never(lr, rr)) return []
  const side = l.kind === 'number' ? r : l
  const range = l.kind === 'number' ? rr : lr
  return [{at: e.opSpan, message: `comparison can never be true: the ${side === l ? 'left' : 'right'} side is always ${show(range)}`, hint: 'compare against a value the expression can take, or fix the expression it compares'}]
}

const findImpossible: Finder = (tree) => {
  const out: Finding[] = []
  for (const e of walk(tree)) {
    if (e.kind === 'selector') out.push(...selectorConflicts(e))
    else if (e.kind === 'binary') out.push(...neverTrue(e))
  }
  return out
}

export const promqlImpossible = semanticCheck('promql/impossible', findImpossible)
