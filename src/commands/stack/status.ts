import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {stackStatusView} from '../../output/views/stack.js'
import {stackStatus} from '../../stack/stack.js'

export default class StackStatus extends SpockCommand<typeof StackStatus> {
  static summary = 'Which servers of the stack started from DIR run and are ready.'
  static description = 'Exit 0 when every server is ready, 1 otherwise (or when no stack was started there).'
  static examples = ['<%= config.bin %> <%= command.id %> --dir demo']
  static flags = {dir: Flags.string({summary: 'Directory the stack was started from.', default: '.'})}

  async run() {
    const r = await stackStatus(this.flags.dir)
    const out = await this.emit(r, stackStatusView)
    this.setExitCode(r.servers.length > 0 && r.servers.every((s) => s.ready) ? 0 : 1)
    return out
  }
}
