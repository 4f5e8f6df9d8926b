// Runs one semantic PromQL check over a one-rule file: "line:col message" per finding.
import {lintText} from '../../../../src/lint/run.js'
import type {Check} from '../../../../src/lint/check.js'

export async function findings(check: Check, expr: string, opts: {alert?: boolean; for?: string; scrapeIntervalMs?: number} = {}): Promise<string[]> {
  const head = opts.alert === false ? '  - record: r:x:y\n' : '  - alert: A\n'
  const forLine = opts.for ? `    for: ${opts.for}\n` : ''
  const yaml = `groups:\n- name: g\n  rules:\n${head}    expr: ${expr}\n${forLine}`
  const report = await lintText(yaml, 'f.yml', {checks: [check], scrapeIntervalMs: opts.scrapeIntervalMs})
  return report.problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`)
}
