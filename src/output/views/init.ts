import type {InitResult} from '../../scaffold/init.js'
import type {View} from '../render.js'

type Row = InitResult['files'][number]

function footer(r: InitResult): string {
  const lines: string[] = []
  if (r.dryRun) {
    for (const f of r.files) if (f.content !== undefined) lines.push(`--- ${f.path}`, f.content.trimEnd())
    lines.push('')
  }
  lines.push(`Receivers: ${r.receivers.map((x) => `${x.name} (${x.kind}${x.integration !== x.kind && x.kind !== 'log' ? ` via ${x.integration}_configs` : ''})`).join(', ')}; routing ${r.routing}; rules ${r.rules.join(', ') || 'none'}.`)
  lines.push(`critical -> ${r.routes.critical.join(', ')}; warning -> ${r.routes.warning.join(', ')}; info -> ${r.routes.info.join(', ')}`)
  if (r.secrets.length > 0) {
    lines.push('Secrets (files the configs point at):')
    for (const s of r.secrets) lines.push(`  ${s.path}  ${s.written ? 'written from the env file' : `to fill (${s.env.join(' or ')} in --env-file)`}`)
  }
  for (const n of r.notes) lines.push(`Note: ${n}`)
  lines.push('Next:', ...r.next.map((c) => `  ${c}`))
  return lines.join('\n')
}

export const initView: View<InitResult, Row> = {
  rows: (r) => r.files,
  columns: [
    {header: 'FILE', value: (f) => f.path},
    {header: 'ACTION', value: (f) => (f.secret ? `${f.action} (secret, 0600)` : f.action)},
  ],
  ids: (r) => r.files.map((f) => f.path),
  footer,
}
