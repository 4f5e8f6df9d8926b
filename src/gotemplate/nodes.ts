// The few facts about Go's parse nodes that parse-time checks need.

/** A node in an item list (ListNode.Nodes), or the end/else markers the parser passes around. */
export type ListItem =
  | {kind: 'text'; text: string}
  | {kind: 'action' | 'comment' | 'if' | 'range' | 'with' | 'template' | 'break' | 'continue'}
  | {kind: 'end' | 'else'}

/** An operand of a command: only its kind and, for literals, Go's String() matter. */
export interface Arg {
  kind: 'bool' | 'dot' | 'nil' | 'number' | 'string' | 'field' | 'variable' | 'identifier' | 'chain' | 'pipe'
  str: string
}

export interface Pipe {
  decl: number
  cmds: Arg[][]
}

/** String() of the {{end}} / {{else}} markers. */
export function markerString(n: ListItem): string {
  return n.kind === 'else' ? '{{else}}' : n.kind === 'end' ? '{{end}}' : `{{${n.kind}}}`
}

// bytes.TrimSpace trims unicode.IsSpace runes (which differ from JS's trim on U+0085 and U+FEFF).
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/

/** parse.IsEmptyTree on a list: nothing but space-only text and comments. */
export function isEmptyList(list: readonly ListItem[] | undefined): boolean {
  if (list === undefined) return true
  return list.every((n) => (n.kind === 'text' ? GO_SPACE.test(n.text) : n.kind === 'comment'))
}
