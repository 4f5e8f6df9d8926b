// A failure as a short expected/got diff: what matches is paired up and only the differences are shown.
import {formatGoFloat} from '../promql/index.js'
import {formatDuration} from '../model/duration.js'
import type {AlertView, Failure, Pairs, SampleView} from './run-group.js'

interface DiffLine {
  /** '-': expected only, '+': got only, ' ': context. */
  sign: ' ' | '-' | '+'
  text: string
}

/** One line naming what failed: `alert InstanceDown at 5m: expected 1 alert, got 0`. */
export function headline(f: Failure): string {
  const at = formatDuration(f.evalTime)
  switch (f.kind) {
    case 'alert':
      return `alert ${f.alertname} at ${at}: expected ${count(f.expected.length, 'firing alert')}, got ${f.got.length}`
    case 'expr':
      return `expr ${JSON.stringify(f.expr)} at ${at}: expected ${count(f.expected.length, 'sample')}, got ${f.got.length}`
    case 'rule-error':
      return `rule ${f.rule} failed to evaluate at ${at}: ${f.message}`
    case 'expr-error':
      return `expr ${JSON.stringify(f.expr)} at ${at}: ${f.message}`
  }
}

export function diffLines(f: Failure): DiffLine[] {
  if (f.kind === 'alert') return alertDiff(f.expected, f.got)
  if (f.kind === 'expr') return sampleDiff(f.expected, f.got)
  return []
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function labelsText(p: Pairs): string {
  return `{${p.map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(', ')}}`
}

const key = (p: Pairs): string => p.map(([n, v]) => `${n}\xff${v}`).join('\xfe')

function shared(a: Pairs, b: Pairs): number {
  const m = new Map(a)
  return b.filter(([n, v]) => m.get(n) === v && n !== 'alertname').length
}

/** Pairs expected and got items: identical labels first, then the most labels in common. */
function pairUp<T extends {labels: Pairs}>(exp: T[], got: T[]): {pairs: Array<[T, T]>; onlyExp: T[]; onlyGot: T[]} {
  const pairs: Array<[T, T]> = []
  const restGot = [...got]
  const restExp: T[] = []
  for (const e of exp) {
    const i = restGot.findIndex((g) => key(g.labels) === key(e.labels))
    if (i >= 0) pairs.push([e, restGot.splice(i, 1)[0]!])
    else restExp.push(e)
  }
  const onlyExp: T[] = []
  for (const e of restExp) {
    let best = -1
    let bestScore = 0
    restGot.forEach((g, i) => {
      const s = shared(e.labels, g.labels)
      if (s > bestScore) [best, bestScore] = [i, s]
    })
    if (best >= 0) pairs.push([e, restGot.splice(best, 1)[0]!])
    else onlyExp.push(e)
  }
  return {pairs, onlyExp, onlyGot: restGot}
}

/** Lines for the names whose values differ (sorted by name). */
function pairsDiff(exp: Pairs, got: Pairs, indent: string): DiffLine[] {
  const e = new Map(exp)
  const g = new Map(got)
  const names = [...new Set([...e.keys(), ...g.keys()])].sort()
  const out: DiffLine[] = []
  for (const n of names) {
    if (e.get(n) === g.get(n)) continue
    if (e.has(n)) out.push({sign: '-', text: `${indent}${n}=${JSON.stringify(e.get(n))}`})
    if (g.has(n)) out.push({sign: '+', text: `${indent}${n}=${JSON.stringify(g.get(n))}`})
  }
  return out
}

function common(a: Pairs, b: Pairs): Pairs {
  const m = new Map(b)
  return a.filter(([n, v]) => m.get(n) === v)
}

function alertDiff(exp: AlertView[], got: AlertView[]): DiffLine[] {
  const {pairs, onlyExp, onlyGot} = pairUp(exp, got)
  const out: DiffLine[] = []
  for (const [e, g] of pairs) {
    const labels = pairsDiff(e.labels, g.labels, '    ')
    const annotations = pairsDiff(e.annotations, g.annotations, '    ')
    if (labels.length === 0 && annotations.length === 0) continue
    out.push({sign: ' ', text: `alert ${labelsText(common(e.labels, g.labels))}`})
    if (labels.length > 0) out.push({sign: ' ', text: '  labels:'}, ...labels)
    if (annotations.length > 0) out.push({sign: ' ', text: '  annotations:'}, ...annotations)
  }
  for (const e of onlyExp) out.push({sign: '-', text: `alert ${labelsText(e.labels)} (expected, not firing)`}, ...annotationLines(e, '-'))
  for (const g of onlyGot) out.push({sign: '+', text: `alert ${labelsText(g.labels)} (firing, not expected)`}, ...annotationLines(g, '+'))
  return out
}

function annotationLines(a: AlertView, sign: '-' | '+'): DiffLine[] {
  return a.annotations.map(([n, v]) => ({sign, text: `    ${n}=${JSON.stringify(v)}`}))
}

function sampleDiff(exp: SampleView[], got: SampleView[]): DiffLine[] {
  const {pairs, onlyExp, onlyGot} = pairUp(exp, got)
  const out: DiffLine[] = []
  for (const [e, g] of pairs) {
    const labels = pairsDiff(e.labels, g.labels, '    ')
    if (labels.length === 0 && e.value === g.value) continue
    if (labels.length === 0) {
      out.push({sign: ' ', text: `${labelsText(e.labels)}`}, {sign: '-', text: `    value ${formatGoFloat(e.value)}`}, {sign: '+', text: `    value ${formatGoFloat(g.value)}`})
      continue
    }
    out.push({sign: ' ', text: `${labelsText(common(e.labels, g.labels))}`}, ...labels)
    if (!(e.value === g.value)) out.push({sign: '-', text: `    value ${formatGoFloat(e.value)}`}, {sign: '+', text: `    value ${formatGoFloat(g.value)}`})
  }
  for (const e of onlyExp) out.push({sign: '-', text: `${labelsText(e.labels)} ${formatGoFloat(e.value)}`})
  for (const g of onlyGot) out.push({sign: '+', text: `${labelsText(g.labels)} ${formatGoFloat(g.value)}`})
  return out
}
