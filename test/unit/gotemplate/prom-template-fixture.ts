// The fixed inputs of the Prometheus template cases (shared by the unit and oracle tests).
export const FIXED_LABELS: Record<string, string> = {instance: 'host-1.example.com:9100', job: 'node', severity: 'page'}
/** promtool 2.42 test rules has no external_url / external_labels keys (3.x adds them): no external URL. */
export const EXTERNAL_LABELS: Record<string, string> = {}

/** The key of one expected expansion. */
export function expectedKey(template: string, value?: string): string {
  return JSON.stringify(value === undefined ? {template} : {template, value})
}

/** A promtool series value as a number. */
export function seriesValue(v: string): number {
  return v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v)
}
