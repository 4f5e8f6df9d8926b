// The parser's 3-token look-ahead over the lexer and its error reporting
// (parse.go next/backup/peek, errorf, expect, unexpected), shared by every Tree.
import {type Item, itemString, T} from './items.js'
import type {Lexer} from './lexer.js'

/** A parse error, already formatted as Go's err.Error(). */
export class GoTemplateError extends Error {
  constructor(message: string, readonly line: number) {
    super(message)
  }
}

const ZERO: Item = {typ: T.Error, val: '', line: 0}

export abstract class TokenStream {
  protected readonly token: [Item, Item, Item] = [ZERO, ZERO, ZERO]
  protected peekCount = 0
  /** Line of the left delimiter of the action being parsed (0 outside actions). */
  protected actionLine = 0

  constructor(protected readonly lex: Lexer, protected readonly parseName: string) {}

  // --- token stream -------------------------------------------------------

  protected next(): Item {
    if (this.peekCount > 0) this.peekCount--
    else this.token[0] = this.lex.nextItem()
    return this.token[this.peekCount]!
  }
  protected backup(): void {
    this.peekCount++
  }
  protected backup2(t1: Item): void {
    this.token[1] = t1
    this.peekCount = 2
  }
  protected backup3(t2: Item, t1: Item): void {
    this.token[1] = t1
    this.token[2] = t2
    this.peekCount = 3
  }
  protected peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!
    this.peekCount = 1
    this.token[0] = this.lex.nextItem()
    return this.token[0]
  }
  protected nextNonSpace(): Item {
    let token: Item
    do token = this.next()
    while (token.typ === T.Space)
    return token
  }
  protected peekNonSpace(): Item {
    const token = this.nextNonSpace()
    this.backup()
    return token
  }

  // --- errors ---------------------------------------------------------------

  protected errorf(message: string): never {
    const line = this.token[0].line
    throw new GoTemplateError(`template: ${this.parseName}:${line}: ${message}`, line)
  }
  protected expect(expected: T, context: string): Item {
    const token = this.nextNonSpace()
    if (token.typ !== expected) this.unexpected(token, context)
    return token
  }
  protected unexpected(token: Item, context: string): never {
    if (token.typ === T.Error) {
      let extra = ''
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length)
      }
      this.errorf(`${itemString(token)}${extra}`)
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`)
  }

}
