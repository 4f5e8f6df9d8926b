import type {ReloadReport} from '../../stack/reload.js'
import type {ServerStatus, StackState, StopReport} from '../../stack/stack.js'
import type {Column, View} from '../render.js'

type Up = StackState & {configFile: string}

/** The columns that name a stack's server (stack up and stack status). */
const serverColumns = <S extends {name: string; url: string; pid: number}>(): Column<S>[] => [
  {header: 'SERVER', value: (s) => s.name},
  {header: 'URL', value: (s) => s.url},
  {header: 'PID', value: (s) => String(s.pid)},
]

export const stackUpView: View<Up, StackState['servers'][number]> = {
  rows: (r) => r.servers,
  columns: [...serverColumns<StackState['servers'][number]>(), {header: 'LOG', value: (s) => s.log}],
  ids: (r) => r.servers.map((s) => s.url),
  footer: (r) => `Stack up from ${r.dir}; context "${r.context}" is now current in ${r.configFile}, so other commands need no flags:\n  spock status\n  spock test-alert --channel webhook\n  spock reload   (after editing prometheus.yml or alertmanager.yml)\n  spock stack down --dir ${r.dir}`,
}

export const stackDownView: View<{dir: string; servers: StopReport[]; portsInUse: number[]}, StopReport> = {
  rows: (r) => r.servers,
  columns: [
    {header: 'SERVER', value: (s) => s.name},
    {header: 'PID', value: (s) => String(s.pid)},
    {header: 'RESULT', value: (s) => s.result},
  ],
  ids: (r) => r.servers.map((s) => s.name),
  footer: (r) => (r.portsInUse.length > 0 ? `Ports still in use (not by spock's processes?): ${r.portsInUse.join(', ')}` : `Stack from ${r.dir} is down; its ports are free.`),
}

export const stackStatusView: View<{dir: string; context: string | null; servers: ServerStatus[]}, ServerStatus> = {
  rows: (r) => r.servers,
  columns: [...serverColumns<ServerStatus>(), {header: 'STATE', value: (s) => (s.ready ? 'ready' : s.running ? 'running, not ready' : 'not running')}],
  ids: (r) => r.servers.map((s) => s.url),
  empty: 'No stack was started from this directory.',
}

export const reloadView: View<{servers: ReloadReport[]; ok: boolean; stackCopy?: string}, ReloadReport> = {
  rows: (r) => r.servers,
  columns: [
    {header: 'KIND', value: (s) => s.kind},
    {header: 'URL', value: (s) => s.url},
    {header: 'RESULT', value: (s) => (s.ok ? 'ok' : 'FAILED')},
    {header: 'DETAILS', value: (s) => `${s.message}${s.configHash ? ` (hash ${s.configHash})` : ''}`},
  ],
  ids: (r) => r.servers.map((s) => s.url),
  footer: (r) => `${r.servers.filter((s) => s.ok).length} of ${r.servers.length} servers loaded the new config.${r.stackCopy ? `\n(the stack's copy ${r.stackCopy} was rewritten from prometheus.yml first)` : ''}`,
}
