// The fast rounding path (JS toFixed/toExponential with a tie check) must equal the exact decimal path.
import {describe, expect, it} from 'vitest'
import {formatFloat} from '../../../src/gotemplate/go-float.js'

function values(): number[] {
  let seed = 42
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const out = [0.5, 1.5, 2.5, 0.125, 0.375, 12345, 1234.5, 99.995, 1e-7, 123456789012, 2 ** 53 + 2, 0.05, 1.005, 2.675, 1e20, 5e-324]
  for (let i = 0; i < 3000; i++) {
    const kind = i % 3
    if (kind === 0) out.push((rnd() - 0.5) * 10 ** Math.floor(rnd() * 30 - 10))
    else if (kind === 1) out.push(Math.round(rnd() * 100000) / 2 ** Math.floor(rnd() * 12))
    else out.push(Math.floor(rnd() * 1e6) * 5)
  }
  return out
}

describe('formatFloat', () => {
  it('rounds exact ties to even, as Go', () => {
    expect(formatFloat(2.5, 'f', 0)).toBe('2')
    expect(formatFloat(0.125, 'f', 2)).toBe('0.12')
    expect(formatFloat(12345, 'g', 4)).toBe('1.234e+04')
    expect(formatFloat(1.005, 'f', 2)).toBe('1.00')
  })

  it('the fast path equals the exact one', () => {
    const diffs: string[] = []
    for (const v of values()) {
      for (const [fmt, prec] of [['f', 0], ['f', 1], ['f', 2], ['f', 6], ['e', 3], ['e', 6], ['g', 1], ['g', 4], ['g', 7]] as const) {
        const a = formatFloat(v, fmt, prec)
        const b = formatFloat(v, fmt, prec, true)
        if (a !== b) diffs.push(`${v} %.${prec}${fmt}: ${a} vs ${b}`)
      }
    }
    expect(diffs.slice(0, 10)).toEqual([])
  })
})
