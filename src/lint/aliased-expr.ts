// A rule whose `expr` is a YAML alias (`expr: *e`) shares the anchored node, and so its position: a finding
// about that rule's query would point at the anchor, another rule's line (and, being identical there, vanish
// as a duplicate). Such findings move to the alias's own line, where the rule is (pint reports them there too).
import type {Problem} from '../findings/problem.js'
import type {RuleFile} from './rule-file.js'
import {ruleName} from './rule-file.js'

export function atAliasedExprs(problems: readonly Problem[], file: RuleFile, source: string): Problem[] {
  const moves: {group: string; rule: string; from: number; to: number; line: number; column: number}[] = []
  for (const g of file.groups) {
    for (const r of g.rules) {
      if (!r.expr || r.node.kind !== 'map') continue
      const key = r.node.pairs.find((p) => p.value === r.expr)?.key
      if (!key || r.expr.offset >= key.offset) continue // not an alias of an earlier anchor
      const end = r.expr.kind === 'scalar' ? r.expr.end : r.expr.offset
      const lines = source.slice(r.expr.offset, end).split('\n').length - 1
      const afterKey = source.slice(key.offset).match(/^[^:\n]*:[ \t]*/)?.[0].length ?? 0
      moves.push({group: g.name, rule: ruleName(r), from: r.expr.line, to: r.expr.line + lines, line: key.line, column: key.column + afterKey})
    }
  }
  if (moves.length === 0) return [...problems]
  const out: Problem[] = []
  for (const p of problems) {
    out.push(p)
    for (const m of moves) {
      if (p.group !== m.group || p.rule !== m.rule || p.line < m.from || p.line > m.to) continue
      const {endLine: _l, endColumn: _c, ...rest} = p
      out[out.length - 1] = {...rest, line: m.line, column: m.column}
      break
    }
  }
  return out
}
