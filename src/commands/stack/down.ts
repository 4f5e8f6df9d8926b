import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {contextFlags} from '../../flags.js'
import {stackDownView} from '../../output/views/stack.js'
import {stackDown} from '../../stack/stack.js'

export default class StackDown extends SpockCommand<typeof StackDown> {
  static summary = 'Stop the servers `stack up` started from DIR (only those: each PID must still run the recorded command).'
  static description = 'Removes the stack\'s context from the spock config. Exit 1 when a port of the stack is still in use afterwards.'
  static examples = ['<%= config.bin %> <%= command.id %> --dir demo']
  static flags = {
    dir: Flags.string({summary: 'Directory the stack was started from.', default: '.'}),
    'spock-config': contextFlags['spock-config'],
  }

  async run() {
    const r = await stackDown(this.flags.dir, {env: process.env, spockConfig: this.flags['spock-config']})
    const out = await this.emit(r, stackDownView)
    this.setExitCode(r.portsInUse.length > 0 ? 1 : 0)
    return out
  }
}
