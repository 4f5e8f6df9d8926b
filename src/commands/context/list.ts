import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {listContexts, type ContextRow} from '../../context/contexts.js'
import {loadConfig} from '../../context/load.js'
import {contextFlags} from '../../flags.js'
import {contextsView} from '../../output/views/config.js'

export default class ContextList extends SpockCommand<typeof ContextList> {
  static summary = 'List the named contexts of the spock config; * marks the current one.'
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --quiet']
  static flags = {
    'spock-config': contextFlags['spock-config'],
    quiet: Flags.boolean({char: 'q', summary: 'Print context names only.'}),
  }

  async run(): Promise<ContextRow[]> {
    const loaded = await loadConfig(this.flags['spock-config'], process.env)
    return this.emit(listContexts(loaded.config), contextsView, {quiet: this.flags.quiet})
  }
}
