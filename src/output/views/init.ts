import type {InitResult} from '../../scaffold/init.js'
import type {View} from '../render.js'

type Row = InitResult['files'][number]

export const initView: View<InitResult, Row> = {
  rows: (r) => r.files,
  columns: [
    {header: 'FILE', value: (f) => f.path},
    {header: 'ACTION', value: (f) => f.action},
  ],
  ids: (r) => r.files.map((f) => f.path),
  footer: (r) => `Receiver "default" uses ${r.receiver}; fill in its placeholders. Next:\n${r.next.map((c) => `  ${c}`).join('\n')}`,
}
