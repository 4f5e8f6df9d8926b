import {describe, expect, it} from 'vitest'
import {checkPromQL} from '../../../src/promql/syntax/check.js'
import {mutatedPromQL, samplePromQL, tokenSoupPromQL} from '../../support/promql-sample.js'

describe('PromQL sample generators', () => {
  it('are deterministic for a seed', () => {
    expect(samplePromQL(50, 3, 0.3)).toEqual(samplePromQL(50, 3, 0.3))
    expect(tokenSoupPromQL(50, 3)).toEqual(tokenSoupPromQL(50, 3))
    expect(mutatedPromQL(50, 3)).toEqual(mutatedPromQL(50, 3))
    expect(samplePromQL(50, 3)).not.toEqual(samplePromQL(50, 4))
  })

  it('injects faults at about the asked ratio', () => {
    const faults = samplePromQL(2000, 9, 0.25).filter((s) => s.fault).length
    expect(faults).toBeGreaterThan(400)
    expect(faults).toBeLessThan(600)
  })

  it('makes valid expressions when asked for no faults (promtool agrees: see the oracle test)', () => {
    const invalid = samplePromQL(500, 5).filter((s) => checkPromQL(s.expr, {version: '2.42'}).length > 0)
    expect(invalid).toEqual([])
  })
})
