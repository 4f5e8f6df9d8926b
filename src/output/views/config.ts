import type {ContextRow} from '../../context/contexts.js'
import type {EffectiveConfig, SettingRow} from '../../context/describe.js'
import type {View} from '../render.js'

export const effectiveConfigView: View<EffectiveConfig, SettingRow> = {
  rows: (c) => c.settings,
  columns: [
    {header: 'SERVER', value: (r) => r.server},
    {header: 'SETTING', value: (r) => r.setting},
    {header: 'VALUE', value: (r) => r.value},
    {header: 'SOURCE', value: (r) => r.source},
  ],
  footer: (c) =>
    `Context: ${c.context ?? '(none)'}; config file: ${c.configFile}${c.configFileExists ? '' : ' (not found, using flags, environment and defaults)'}`,
}

export const contextsView: View<ContextRow[], ContextRow> = {
  rows: (r) => r,
  columns: [
    {header: 'CURRENT', value: (r) => (r.current ? '*' : '')},
    {header: 'NAME', value: (r) => r.name},
    {header: 'PROMETHEUS', value: (r) => r.prometheus || '-'},
    {header: 'ALERTMANAGER', value: (r) => r.alertmanager.join(', ') || '-'},
  ],
  ids: (r) => r.map((c) => c.name),
  empty: 'No contexts defined. Add them under "contexts:" in the spock config (see README).',
}
