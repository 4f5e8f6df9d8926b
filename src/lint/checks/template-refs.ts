// What an alert template reads: label names ($labels.x, .Labels.x, index $labels "x") and the query
// value ($value, .Value). Read from Go template lexer items; dot forms are skipped inside range/with,
// where the dot is something else.
import {T, type Item} from '../../gotemplate/items.js'
import {Lexer} from '../../gotemplate/lexer.js'
import {unquote} from '../../gotemplate/strconv.js'

interface LabelRef {
  name: string
  offset: number // of the reference in the template text
}

interface TemplateRefs {
  labels: LabelRef[]
  value: number[] // offsets of $value / .Value
}

export function templateRefs(text: string): TemplateRefs {
  const refs: TemplateRefs = {labels: [], value: []}
  if (!text.includes('{{')) return refs
  const items = lexAll(text)
  let dotMoved = 0 // open range/with blocks
  let depth = 0 // open blocks of any kind
  const moved: boolean[] = []
  let labelsRedefined = false
  for (let k = 0; k < items.length; k++) {
    const {item, offset} = items[k]!
    const next = items[k + 1]?.item
    if (item.typ === T.If || item.typ === T.Range || item.typ === T.With || item.typ === T.Block || item.typ === T.Define) {
      const isMove = item.typ !== T.If
      moved.push(isMove)
      if (isMove) dotMoved++
      depth++
    } else if (item.typ === T.End && depth > 0) {
      depth--
      if (moved.pop()) dotMoved--
    } else if (item.typ === T.Variable && item.val === '$labels') {
      if (next?.typ === T.Declare || next?.typ === T.Assign) labelsRedefined = true
      else if (!labelsRedefined && next?.typ === T.Field) refs.labels.push({name: next.val.slice(1), offset: items[k + 1]!.offset})
    } else if (item.typ === T.Variable && item.val === '$value') {
      if (next?.typ !== T.Declare && next?.typ !== T.Assign) refs.value.push(offset)
    } else if (item.typ === T.Field && dotMoved === 0 && item.val === '.Labels' && next?.typ === T.Field && items[k + 1]!.offset === offset + item.val.length) {
      refs.labels.push({name: next.val.slice(1), offset: items[k + 1]!.offset})
    } else if (item.typ === T.Field && dotMoved === 0 && item.val === '.Value') {
      refs.value.push(offset)
    } else if (item.typ === T.Identifier && item.val === 'index' && !labelsRedefined) {
      const a = nonSpace(items, k + 1)
      const b = nonSpace(items, (a ?? k) + 1)
      if (a !== undefined && b !== undefined && items[a]!.item.val === '$labels' && (items[b]!.item.typ === T.String || items[b]!.item.typ === T.RawString)) {
        const name = unquote(items[b]!.item.val)
        if (name !== undefined) refs.labels.push({name, offset: items[b]!.offset})
      }
    }
  }
  return refs
}

function nonSpace(items: {item: Item}[], from: number): number | undefined {
  for (let k = from; k < items.length; k++) if (items[k]!.item.typ !== T.Space) return k
  return undefined
}

/** Items with their offsets (found in order); stops at the first lexing error (template/syntax reports those). */
function lexAll(text: string): {item: Item; offset: number}[] {
  const lex = new Lexer(text)
  const out: {item: Item; offset: number}[] = []
  let cursor = 0
  for (let n = 0; n < 100_000; n++) {
    const item = lex.nextItem()
    if (item.typ === T.EOF || item.typ === T.Error) break
    const at = item.val === '' ? -1 : text.indexOf(item.val, cursor)
    const offset = at < 0 ? cursor : at
    cursor = offset + item.val.length
    out.push({item, offset})
  }
  return out
}
