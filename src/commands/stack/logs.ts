import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {stackLogs} from '../../stack/stack.js'

export default class StackLogs extends SpockCommand<typeof StackLogs> {
  static summary = 'The last log lines of the stack\'s servers.'
  static examples = ['<%= config.bin %> <%= command.id %> --dir demo', '<%= config.bin %> <%= command.id %> --dir demo --server alertmanager-2 -n 100']
  static flags = {
    dir: Flags.string({summary: 'Directory the stack was started from.', default: '.'}),
    server: Flags.string({summary: 'Only this server (prometheus, alertmanager, alertmanager-2, ...).'}),
    lines: Flags.integer({char: 'n', summary: 'Lines per server.', default: 40, min: 1}),
  }

  async run() {
    const logs = await stackLogs(this.flags.dir, this.flags.lines, this.flags.server)
    return this.emit(logs, {text: (r) => r.map((l) => `==> ${l.name} (${l.log}) <==\n${l.lines.join('\n')}`).join('\n\n')})
  }
}
