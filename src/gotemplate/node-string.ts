// Go's String() of parse nodes: what exec error messages quote after `at <...>`.
import {goQuote} from './gofmt.js'
import type {Arg, Command, Node, Pipe} from './nodes.js'

export function argString(a: Arg): string {
  switch (a.kind) {
    case 'pipe': return '(' + pipeString(a.pipe) + ')'
    case 'chain': return (a.node.kind === 'pipe' ? argString(a.node) : argString(a.node)) + a.field.map((f) => '.' + f).join('')
    default: return a.str
  }
}

function commandString(c: Command): string {
  return c.args.map(argString).join(' ')
}

function pipeString(p: Pipe): string {
  const decl = p.decl.length > 0 ? p.decl.join(', ') + ' := ' : ''
  return decl + p.cmds.map(commandString).join(' | ')
}

function listString(list: readonly Node[]): string {
  return list.map(nodeString).join('')
}

function nodeString(n: Node): string {
  switch (n.kind) {
    case 'text': return n.text
    case 'comment': return '{{/* */}}'
    case 'action': return `{{${pipeString(n.pipe)}}}`
    case 'break': case 'continue': return `{{${n.kind}}}`
    case 'template': return `{{template ${goQuote(n.name)}${n.pipe ? ' ' + pipeString(n.pipe) : ''}}}`
    default: {
      const els = n.elseList ? `{{else}}${listString(n.elseList)}` : ''
      return `{{${n.kind} ${pipeString(n.pipe)}}}${listString(n.list)}${els}{{end}}`
    }
  }
}

/** Anything `state.at` can point to. */
export type AtNode = {at: 'node'; node: Node} | {at: 'arg'; node: Arg} | {at: 'cmd'; node: Command} | {at: 'pipe'; node: Pipe}

export function atString(a: AtNode): string {
  switch (a.at) {
    case 'node': return nodeString(a.node)
    case 'arg': return argString(a.node)
    case 'cmd': return commandString(a.node)
    case 'pipe': return pipeString(a.node)
  }
}

/** parse.Tree.ErrorContext: `name:line:col` (col in bytes from the line start) and the node's text. */
export function errorContext(text: string, parseName: string, pos: number, context: string): [string, string] {
  const before = text.slice(0, pos)
  const nl = before.lastIndexOf('\n')
  const col = Buffer.byteLength(nl < 0 ? before : before.slice(nl + 1), 'utf8')
  const line = 1 + (before.match(/\n/g)?.length ?? 0)
  return [`${parseName}:${line}:${col}`, context]
}
