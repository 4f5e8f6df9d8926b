// Long chains of binary operators (`a + b + c ...`, a 1 MB sum) are more than lezer parses whole (it cuts deep
// trees short). Split at the top-level operators instead: each operand is checked on its own (cached: long
// chains repeat themselves), then the operand types are folded with Prometheus' precedence and its
// binary-operator type rules. Chains with matching modifiers (bool, on, ignoring, group_*) are left out.
import type {PromQLIssue} from './context.js'
import type {ValueType} from './functions.js'

type CheckOne = (expr: string) => {issues: PromQLIssue[]; type: ValueType}

// Lowest to highest; `^` alone is right-associative (Prometheus' parser grammar).
const PRECEDENCE: Record<string, number> = {
  or: 1, and: 2, unless: 2, '==': 3, '!=': 3, '<=': 3, '<': 3, '>=': 3, '>': 3, '+': 4, '-': 4, '*': 5, '/': 5, '%': 5, atan2: 5, '^': 6,
}
const COMPARISON = new Set(['==', '!=', '<=', '<', '>=', '>'])
const SET = new Set(['and', 'or', 'unless'])
const MODIFIERS = new Set(['bool', 'on', 'ignoring', 'group_left', 'group_right'])

interface Op {
  op: string
  from: number
}

/** Issues for a chain expression, or undefined when it is not a plain chain (the caller decides then). */
export function checkChain(src: string, checkOne: CheckOne): PromQLIssue[] | undefined {
  const split = splitChain(src)
  if (!split || split.ops.length === 0) return undefined
  const cache = new Map<string, {issues: PromQLIssue[]; type: ValueType}>()
  const types: ValueType[] = []
  const issues: PromQLIssue[] = []
  for (const [from, to] of split.operands) {
    const text = src.slice(from, to)
    let r = cache.get(text)
    if (!r) cache.set(text, (r = checkOne(text)))
    for (const i of r.issues) issues.push({...i, from: i.from + from, to: i.to + from})
    types.push(r.type)
    if (issues.length > 0) return issues // promtool stops at the first bad operand
  }
  const typeError = foldTypes(types, split.ops)
  return typeError ? [typeError] : []
}

/** Operand ranges and the binary operators between them, at bracket depth 0; undefined if anything is unusual. */
function splitChain(src: string): {operands: [number, number][]; ops: Op[]} | undefined {
  const operands: [number, number][] = []
  const ops: Op[] = []
  let depth = 0
  let start = 0
  let afterOperand = false // the last token ends an operand: an operator here is binary
  for (let k = 0; k < src.length; k++) {
    const c = src[k]!
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue
    if (c === '#') {
      const end = src.indexOf('\n', k)
      k = end < 0 ? src.length : end
      continue
    }
    if (c === '"' || c === "'" || c === '`') {
      k = stringEnd(src, k)
      if (k < 0) return undefined
      afterOperand = true
      continue
    }
    if (c === '(' || c === '[' || c === '{') {
      depth++
      afterOperand = false
      continue
    }
    if (c === ')' || c === ']' || c === '}') {
      if (--depth < 0) return undefined
      afterOperand = true
      continue
    }
    if (depth > 0) continue // inside brackets: only strings and brackets matter
    const code = src.charCodeAt(k)
    const digit = (code >= 48 && code <= 57) || code === 46
    const num = digit && /^[0-9.][0-9A-Za-z_.]*?(?:[eE][-+]?[0-9]+)?(?![0-9A-Za-z_.])/.exec(src.slice(k, k + 64))?.[0]
    if (num) {
      afterOperand = true
      k += num.length - 1
      continue
    }
    const word = !digit && /[A-Za-z_:]/.test(c) ? /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(src.slice(k, k + 256))?.[0] : undefined
    if (word) {
      const w = word.toLowerCase()
      if (MODIFIERS.has(w)) return undefined
      if (afterOperand && PRECEDENCE[w] !== undefined) {
        operands.push([start, k])
        ops.push({op: w, from: k})
        start = k + word.length
        afterOperand = false
      } else afterOperand = w !== 'offset' // `offset -5m`: the minus is the duration's
      k += word.length - 1
      continue
    }
    const sym = /^(==|!=|<=|>=|[-+*/%^<>])/.exec(src.slice(k, k + 2))?.[0]
    if (sym && afterOperand) {
      operands.push([start, k])
      ops.push({op: sym, from: k})
      start = k + sym.length
      k += sym.length - 1
      afterOperand = false
      continue
    }
    afterOperand = /[\w.]/.test(c)
  }
  if (depth !== 0) return undefined
  operands.push([start, src.length])
  if (operands.some(([from, to]) => !/\S/.test(src.slice(from, to).replace(/#[^\n]*/g, '')))) return undefined
  return {operands, ops}
}

function stringEnd(src: string, k: number): number {
  const q = src[k]!
  for (let j = k + 1; j < src.length; j++) {
    if (src[j] === '\\' && q !== '`') j++
    else if (src[j] === q) return j
    else if (src[j] === '\n' && q !== '`') return -1
  }
  return -1
}

/** Shunting-yard over operand types; the first type error as Prometheus' checkAST words it. */
function foldTypes(types: ValueType[], ops: Op[]): PromQLIssue | undefined {
  const values: ValueType[] = [types[0]!]
  const pending: Op[] = []
  let error: PromQLIssue | undefined
  const reduce = () => {
    const op = pending.pop()!
    const rt = values.pop()!
    const lt = values.pop()!
    error ??= binaryError(op, lt, rt)
    values.push(lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector')
  }
  ops.forEach((op, i) => {
    const p = PRECEDENCE[op.op]!
    while (pending.length > 0) {
      const top = PRECEDENCE[pending[pending.length - 1]!.op]!
      if (top > p || (top === p && op.op !== '^')) reduce()
      else break
    }
    pending.push(op)
    values.push(types[i + 1]!)
  })
  while (pending.length > 0) reduce()
  return error
}

function binaryError(op: Op, lt: ValueType, rt: ValueType): PromQLIssue | undefined {
  const at = {from: op.from, to: op.from + op.op.length, severity: 'error' as const}
  if (COMPARISON.has(op.op) && lt === 'scalar' && rt === 'scalar') return {...at, message: 'comparisons between scalars must use BOOL modifier'}
  if ((lt !== 'scalar' && lt !== 'vector') || (rt !== 'scalar' && rt !== 'vector')) return {...at, message: 'binary expression must contain only scalar and instant vector types'}
  if (SET.has(op.op) && (lt === 'scalar' || rt === 'scalar')) return {...at, message: `set operator ${JSON.stringify(op.op)} not allowed in binary scalar expression`}
  return undefined
}
