// Values an expression evaluates to, and the evaluator's error.
import {type Labels, labelsKey} from './labels.js'

export interface Sample {
  metric: Labels
  /** The sample's own time for a selector's output (timestamp() reads it), else the evaluation time. */
  t: number
  v: number
}

export interface Series {
  metric: Labels
  ts: number[]
  vs: number[]
}

export type Value =
  | {type: 'scalar'; v: number}
  | {type: 'string'; v: string}
  | {type: 'vector'; samples: Sample[]}
  | {type: 'matrix'; series: Series[]}

/** A query failed at evaluation time; the message is Prometheus's. */
export class PromQLError extends Error {}

export const SAME_LABELSET = 'vector cannot contain metrics with the same labelset'

/** Prometheus's error when a query holds more samples than its limit (EngineOptions.maxSamples). */
export const TOO_MANY_SAMPLES = 'query processing would load too many samples into memory in query execution'

/** Prometheus's check that an operator's output has no two samples with the same labels. */
export function checkUnique(samples: Sample[]): Sample[] {
  if (samples.length < 2) return samples
  const seen = new Set<string>()
  for (const s of samples) {
    const k = labelsKey(s.metric)
    if (seen.has(k)) throw new PromQLError(SAME_LABELSET)
    seen.add(k)
  }
  return samples
}
