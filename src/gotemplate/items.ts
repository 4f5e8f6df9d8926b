// Lexer items of Go 1.19 text/template/parse (lex.go): types, keywords and item.String().
import {goQuote, goQuotePrefix, utf8Len} from './gofmt.js'

/** Item types, in Go's order (keywords after Keyword). */
export const T = {
  Error: 0,
  Bool: 1,
  Char: 2,
  CharConstant: 3,
  Comment: 4,
  Complex: 5,
  Assign: 6,
  Declare: 7,
  EOF: 8,
  Field: 9,
  Identifier: 10,
  LeftDelim: 11,
  LeftParen: 12,
  Number: 13,
  Pipe: 14,
  RawString: 15,
  RightDelim: 16,
  RightParen: 17,
  Space: 18,
  String: 19,
  Text: 20,
  Variable: 21,
  Keyword: 22,
  Block: 23,
  Break: 24,
  Continue: 25,
  Dot: 26,
  Define: 27,
  Else: 28,
  End: 29,
  If: 30,
  Nil: 31,
  Range: 32,
  Template: 33,
  With: 34,
} as const
export type T = (typeof T)[keyof typeof T]

export interface Item {
  typ: T
  val: string
  line: number
  /** Offset of the item in the input (UTF-16 units); Go's Pos is in bytes. */
  pos?: number
}

export const KEYWORDS: ReadonlyMap<string, T> = new Map([
  ['.', T.Dot], ['block', T.Block], ['break', T.Break], ['continue', T.Continue], ['define', T.Define],
  ['else', T.Else], ['end', T.End], ['if', T.If], ['range', T.Range], ['nil', T.Nil],
  ['template', T.Template], ['with', T.With],
])

/** item.String() */
export function itemString(i: Item): string {
  if (i.typ === T.EOF) return 'EOF'
  if (i.typ === T.Error) return i.val
  if (i.typ > T.Keyword) return `<${i.val}>`
  if (utf8Len(i.val) > 10) return `${goQuotePrefix(i.val, 10)}...`
  return goQuote(i.val)
}
