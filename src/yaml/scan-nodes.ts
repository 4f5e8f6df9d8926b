// The fast scanner's nodes (scan.ts, scan-flow.ts): the YNode shapes of nodes.ts with fewer fields, since a
// 15 MB file holds over a million of them. `kind` lives on the prototype; column, style and `implicit` share
// one small integer; `end` is stored only when it is not `offset + value.length` (quoted and multi-line
// scalars). Readers see the plain interfaces of nodes.ts and never tell the difference.
import type {ScalarStyle, YMap, YNode, YPair, YScalar, YSeq} from './nodes.js'

const STYLES: readonly ScalarStyle[] = ['plain', 'single', 'double', 'literal', 'folded']
const STYLE_CODE: Record<ScalarStyle, number> = {plain: 0, single: 1, double: 2, literal: 3, folded: 4}

// bits = column * 16 + style * 2 + implicit; columns stay far below 2^27 (MAX_SCAN is 64 MiB), so it is a small integer
abstract class ScannedScalar implements YScalar {
  declare tag?: string // never set by the scanner (it bails on tags); here for the interface
  abstract readonly end: number
  protected readonly bits: number

  constructor(public value: string, readonly line: number, column: number, readonly offset: number, style: ScalarStyle, implicit: boolean) {
    this.bits = column * 16 + STYLE_CODE[style] * 2 + (implicit ? 1 : 0)
  }

  get kind(): 'scalar' {
    return 'scalar'
  }

  get column(): number {
    return this.bits >>> 4
  }

  get style(): ScalarStyle {
    return STYLES[(this.bits >>> 1) & 7]!
  }

  get implicit(): boolean | undefined {
    return (this.bits & 1) === 1 ? true : undefined
  }
}

/** A scalar whose source text is its value (plain, on one line): `end` follows from the offset. */
class PlainScalar extends ScannedScalar {
  get end(): number {
    return this.offset + this.value.length
  }
}

class SpanScalar extends ScannedScalar {
  constructor(value: string, line: number, column: number, offset: number, style: ScalarStyle, implicit: boolean, readonly end: number) {
    super(value, line, column, offset, style, implicit)
  }
}

export function scalar(line: number, column: number, offset: number, value: string, style: ScalarStyle, end: number, implicit = false): YScalar {
  return end === offset + value.length
    ? new PlainScalar(value, line, column, offset, style, implicit)
    : new SpanScalar(value, line, column, offset, style, implicit, end)
}

class ScannedMap implements YMap {
  pairs: YPair[] = []
  constructor(readonly line: number, readonly column: number, readonly offset: number) {}
  get kind(): 'map' {
    return 'map'
  }
}

class ScannedSeq implements YSeq {
  items: YNode[] = []
  constructor(readonly line: number, readonly column: number, readonly offset: number) {}
  get kind(): 'seq' {
    return 'seq'
  }
}

export function emptyMap(line: number, column: number, offset: number): YMap {
  return new ScannedMap(line, column, offset)
}

export function emptySeq(line: number, column: number, offset: number): YSeq {
  return new ScannedSeq(line, column, offset)
}
