// Go's text/template parse nodes, as the parser builds them and the executor walks them.
// `pos` is the offset of the node's first token in the parsed text (UTF-16 units).

interface TextNode {kind: 'text'; pos: number; text: string}
interface ActionNode {kind: 'action'; pos: number; line: number; pipe: Pipe}
interface CommentNode {kind: 'comment'; pos: number}
export interface BranchNode {
  kind: 'if' | 'range' | 'with'
  pos: number
  line: number
  pipe: Pipe
  list: Node[]
  elseList?: Node[]
}
export interface TemplateNode {kind: 'template'; pos: number; line: number; name: string; pipe?: Pipe}
interface LoopControlNode {kind: 'break' | 'continue'; pos: number; line: number}
export interface MarkerNode {kind: 'end' | 'else'; pos: number}

/** A node in an item list (ListNode.Nodes). */
export type Node = TextNode | ActionNode | CommentNode | BranchNode | TemplateNode | LoopControlNode
/** A node, or the end/else markers the parser passes around. */
export type ListItem = Node | MarkerNode

/** Value of a number literal (parse.NumberNode): which Go types can hold it. */
export interface NumberValue {
  isInt: boolean
  isUint: boolean
  isFloat: boolean
  isComplex: boolean
  int?: bigint
  float?: number
}

/** An operand of a command. `str` is Go's String() for literals and fields. */
export type Arg =
  | {kind: 'bool'; str: string; pos: number; value: boolean}
  | {kind: 'dot'; str: string; pos: number}
  | {kind: 'nil'; str: string; pos: number}
  | {kind: 'number'; str: string; pos: number; value: NumberValue}
  | {kind: 'string'; str: string; pos: number; text: string}
  | {kind: 'field'; str: string; pos: number; ident: string[]}
  | {kind: 'variable'; str: string; pos: number; ident: string[]}
  | {kind: 'identifier'; str: string; pos: number; name: string}
  | {kind: 'chain'; str: string; pos: number; node: Arg; field: string[]}
  | {kind: 'pipe'; str: string; pos: number; pipe: Pipe}

export interface Command {
  pos: number
  args: Arg[]
}

export interface Pipe {
  pos: number
  line: number
  /** Declared or assigned variable names, in source order. */
  decl: string[]
  isAssign: boolean
  cmds: Command[]
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
