// Where a character of a scalar's decoded value sits in the file (for PromQL and template errors).
import type {At} from '../findings/make-problem.js'
import type {YNode, YScalar} from './nodes.js'

export function positionInScalar(source: string, node: YNode, offset: number): At {
  if (node.kind !== 'scalar' || offset <= 0) return {line: node.line, column: node.column}
  const raw = source.slice(node.offset, Math.max(node.end, node.offset))
  if (node.style === 'literal') return inLiteral(raw, node, offset)
  const quoted = node.style === 'single' || node.style === 'double'
  if (!raw.includes('\n')) return {line: node.line, column: node.column + (quoted ? 1 + rawOffset(raw.slice(1), node.style, offset) : offset)}
  return walk(raw, node, offset, quoted)
}

function contentIndent(lines: string[]): number {
  for (const l of lines.slice(1)) {
    const t = l.trimStart()
    if (t !== '') return l.length - t.length
  }
  return 0
}

function inLiteral(raw: string, node: YScalar, offset: number): At {
  const lines = raw.split('\n')
  const ci = contentIndent(lines)
  const before = node.value.slice(0, offset)
  const line = before.split('\n').length - 1
  const column = offset - (before.lastIndexOf('\n') + 1)
  return {line: node.line + 1 + line, column: ci + 1 + column}
}

// Folded and multi-line flow scalars: each source line adds its text and one separator.
function walk(raw: string, node: YScalar, offset: number, quoted: boolean): At {
  const lines = raw.split('\n')
  const block = node.style === 'folded'
  let v = 0
  let last: At = {line: node.line, column: node.column}
  for (let k = block ? 1 : 0; k < lines.length; k++) {
    let text = lines[k]!
    let col = k === 0 ? node.column : 1
    if (k === 0 && quoted) {
      text = text.slice(1)
      col++
    }
    const trimmed = text.trimStart()
    col += text.length - trimmed.length
    const len = trimmed.trimEnd().length
    if (len === 0) continue
    if (offset < v + len) return {line: node.line + k, column: col + offset - v}
    last = {line: node.line + k, column: col + len}
    v += len + 1
  }
  return last
}

/** Source offset (after the opening quote) of the decoded value's character `offset`: escapes take more room. */
function rawOffset(raw: string, style: YScalar['style'], offset: number): number {
  let decoded = 0
  let k = 0
  while (decoded < offset && k < raw.length) {
    if (style === 'single' && raw[k] === "'" && raw[k + 1] === "'") k += 2
    else if (style === 'double' && raw[k] === '\\') {
      const e = raw[k + 1]
      const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0
      if (hex === 8 && parseInt(raw.slice(k + 2, k + 10), 16) > 0xffff) decoded++ // two UTF-16 units
      k += 2 + hex
    } else k++
    decoded++
  }
  return k
}
