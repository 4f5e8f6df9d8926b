// Where targets end up: promtool's checkTargetGroupsForScrapeConfig / ...ForAlertmanager. The target's
// labels go through the job's relabel rules; the final __address__ must not contain a "/".
import {applyRelabel, type Labels} from './relabel-apply.js'

type Obj = Record<string, unknown>

/** Messages for targets whose address is unusable after relabelling (dropped targets are fine). */
export function targetProblems(groups: readonly Obj[], owner: Obj, kind: 'scrape' | 'alertmanager', firstGroup = 0): string[] {
  const rules = (Array.isArray(owner.relabel_configs) ? owner.relabel_configs : []).filter((r): r is Obj => typeof r === 'object' && r !== null)
  const out: string[] = []
  groups.forEach((g, gi) => {
    const groupLabels = (g.labels as Record<string, string> | undefined) ?? {}
    ;((g.targets as unknown[] | undefined) ?? []).forEach((t, ti) => {
      if (typeof t !== 'string') return
      const base: Labels = new Map([['__address__', t]])
      for (const [k, v] of Object.entries(defaults(owner, kind))) base.set(k, v)
      for (const [k, v] of Object.entries(groupLabels)) if (k !== '__address__') base.set(k, v)
      const after = applyRelabel(base, rules)
      if (!after) return
      const addr = after.get('__address__') ?? ''
      const prefix = kind === 'scrape' ? `instance ${ti} in group ${firstGroup + gi}: ` : ''
      if (addr === '' && kind === 'scrape') out.push(`${prefix}no address`)
      else if (addr.includes('/')) out.push(`${prefix}${JSON.stringify(addr)} is not a valid hostname`)
    })
  })
  return out
}

function defaults(owner: Obj, kind: 'scrape' | 'alertmanager'): Record<string, string> {
  const s = (v: unknown, def: string): string => (typeof v === 'string' && v !== '' ? v : def)
  if (kind === 'alertmanager') {
    const prefix = s(owner.path_prefix, '/')
    const api = s(owner.api_version, 'v2')
    return {__scheme__: s(owner.scheme, 'http'), __alerts_path__: `${prefix.replace(/\/$/, '')}/api/${api}/alerts`}
  }
  const out: Record<string, string> = {job: s(owner.job_name, ''), __metrics_path__: s(owner.metrics_path, '/metrics'), __scheme__: s(owner.scheme, 'http')}
  for (const [k, v] of Object.entries((owner.params as Record<string, unknown> | undefined) ?? {})) {
    if (Array.isArray(v) && typeof v[0] === 'string') out[`__param_${k}`] = v[0]
  }
  return out
}
