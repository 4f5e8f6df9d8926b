import type {ServerStatus, StatusReport} from '../../health/status.js'
import {palette} from '../color.js'
import type {View} from '../render.js'
import {formatSeconds} from '../time.js'

export const statusView: View<StatusReport, ServerStatus> = {
  rows: (r) => r.servers,
  columns: [
    {header: 'KIND', value: (s) => s.kind},
    {header: 'URL', value: (s) => s.url},
    {header: 'STATE', value: (s, o) => (s.ok ? palette(o.color).green('ok') : palette(o.color).red(s.reachable ? 'unhealthy' : 'unreachable'))},
    {header: 'VERSION', value: (s) => s.version ?? '-'},
    {header: 'UPTIME', value: (s) => (s.uptimeSeconds === undefined ? '-' : formatSeconds(s.uptimeSeconds))},
    {header: 'CLUSTER', value: (s) => (s.cluster ? `${s.cluster.status} (${s.cluster.peers} peers)` : '-')},
    {header: 'PROBLEMS', value: (s) => [...s.problems, ...(s.notes ?? []).map((n) => `note: ${n}`)].join('; ') || '-'},
  ],
  ids: (r) => r.servers.filter((s) => !s.ok).map((s) => s.url),
  empty: 'No servers to check.',
  footer: (r) => {
    const good = r.servers.filter((s) => s.ok).length
    return r.ok ? `All ${r.servers.length} servers healthy.` : `${good} of ${r.servers.length} servers healthy.`
  },
}
