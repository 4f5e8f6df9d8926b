// `spock checks list`: the check registry as a table; json/yaml give each check with its docs page.
import type {ListedCheck} from '../../findings/registry.js'
import type {View} from '../render.js'

export const checksView: View<readonly ListedCheck[], ListedCheck> = {
  rows: (checks) => checks,
  columns: [
    {header: 'ID', value: (c) => c.id},
    {header: 'KINDS', value: (c) => c.kinds.join(',')},
    {header: 'SEVERITY', value: (c) => c.severity},
    {header: 'SUMMARY', value: (c) => c.summary},
  ],
  ids: (checks) => checks.map((c) => c.id),
  empty: 'No checks.',
}
