// Probes for people: one row per URL, then a summary line.
import type {ProbeReport, ProbeResult} from '../../health/probe.js'
import {palette} from '../color.js'
import type {View} from '../render.js'

export const probeView: View<ProbeReport, ProbeResult> = {
  rows: (r) => r.results,
  columns: [
    {header: 'URL', value: (p) => p.url},
    {header: 'RESULT', value: (p, o) => (p.ok ? palette(o.color).green('ok') : palette(o.color).red('failed'))},
    {header: 'STATUS', value: (p) => (p.status === undefined ? '-' : String(p.status))},
    {header: 'LATENCY', value: (p) => `${p.latencyMs}ms`},
    {header: 'ERROR', value: (p) => p.error ?? '-'},
  ],
  ids: (r) => r.results.filter((p) => !p.ok).map((p) => p.url),
  empty: 'No URLs.',
  footer: (r) => `${r.results.filter((p) => p.ok).length} of ${r.results.length} endpoints ok.`,
}
