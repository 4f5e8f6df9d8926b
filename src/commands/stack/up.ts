import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {contextFlags} from '../../flags.js'
import {stackUpView} from '../../output/views/stack.js'
import {stackUp} from '../../stack/stack.js'
import {progressLine} from '../../stack/progress.js'

export default class StackUp extends SpockCommand<typeof StackUp> {
  static summary = 'Run DIR\'s prometheus.yml and alertmanager.yml with the local binaries on 127.0.0.1 free ports.'
  static description = 'Data, logs and PID files go under DIR/.spock-stack/. Prometheus runs with --web.enable-lifecycle so `spock reload` works. The stack becomes the current context of the spock config, so every other command works with no flags.'
  static examples = ['<%= config.bin %> <%= command.id %> --dir demo', '<%= config.bin %> <%= command.id %> --dir demo --peers 2']
  static flags = {
    dir: Flags.string({summary: 'Directory holding prometheus.yml and alertmanager.yml.', default: '.'}),
    peers: Flags.integer({summary: 'Alertmanager peers (an HA cluster when 2 or more).', default: 1, min: 1, max: 5}),
    'spock-config': contextFlags['spock-config'],
  }

  async run() {
    const progress = progressLine(process.stderr)
    try {
      const r = await stackUp(this.flags.dir, this.flags.peers, {env: process.env, spockConfig: this.flags['spock-config'], progress: progress.update})
      progress.done()
      return await this.emit(r, stackUpView)
    } finally {
      progress.done()
    }
  }
}
