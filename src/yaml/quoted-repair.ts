// Go's YAML parsers (libyaml) do not check the indentation of a quoted value's continuation lines; YAML 1.2
// and the `yaml` package want them deeper than the key. Such a file passes promtool and amtool:
//     text: "line one
//     line two"
// Repair: indent those lines (a continuation line's leading blanks are not part of the value), parse again,
// and map offsets back to the original text.

interface Repair {
  text: string
  /** An offset in the repaired text -> the same place in the original. */
  toOriginal: (offset: number) => number
}

interface Insertion {
  at: number // original offset of a line start
  spaces: number
}

/**
 * Indents the continuation lines of the quoted values that open on the lines of `errorOffsets` (where the
 * `yaml` package reported a missing closing quote). Undefined when there is nothing Go would accept.
 */
export function repairQuotedContinuations(text: string, errorOffsets: readonly number[]): Repair | undefined {
  const insertions: Insertion[] = []
  for (const at of new Set(errorOffsets.map((o) => openingQuote(text, o)).filter((o): o is number => o !== undefined))) {
    const more = continuationIndents(text, at)
    if (more) for (const x of more) insertions.push(x)
  }
  if (insertions.length === 0) return undefined
  insertions.sort((a, b) => a.at - b.at)
  let out = ''
  let from = 0
  for (const ins of insertions) {
    out += text.slice(from, ins.at) + ' '.repeat(ins.spaces)
    from = ins.at
  }
  out += text.slice(from)
  return {text: out, toOriginal: (offset) => toOriginal(insertions, offset)}
}

function toOriginal(insertions: readonly Insertion[], offset: number): number {
  let shift = 0
  for (const ins of insertions) {
    const start = ins.at + shift // where the inserted spaces begin in the repaired text
    if (offset < start) break
    if (offset < start + ins.spaces) return ins.at
    shift += ins.spaces
  }
  return offset - shift
}

/** The quote that opens a value on the line of `offset`: after `key: `, `- `, or at the line's start. */
function openingQuote(text: string, offset: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const lineEnd = text.indexOf('\n', lineStart)
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd)
  const m = /^[ ]*(?:-[ ]+)*(?:[^\s"'#][^#]*?:[ ]+)?(["'])/.exec(line)
  return m ? lineStart + m[0].length - 1 : undefined
}

/** Spaces to add so that every continuation line of the quoted value at `open` is deeper than its quote. */
function continuationIndents(text: string, open: number): Insertion[] | undefined {
  const q = text[open]
  const lineStart = text.lastIndexOf('\n', open - 1) + 1
  const need = open - lineStart + 1
  const out: Insertion[] = []
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]
    if (q === '"' && c === '\\' && text[i + 1] !== '\n') i++
    else if (q === "'" && c === "'" && text[i + 1] === "'") i++
    else if (c === q) return out.length > 0 ? out : undefined
    else if (c === '\n') {
      const next = i + 1
      if (/^(---|\.\.\.)(\s|$)/.test(text.slice(next, next + 4))) return undefined // a document marker ends it for Go too
      let indent = 0
      while (text[next + indent] === ' ') indent++
      const rest = text[next + indent]
      if (rest !== undefined && rest !== '\n' && rest !== '\r' && indent < need) out.push({at: next, spaces: need - indent})
    }
  }
  return undefined // never closed: a real error
}
