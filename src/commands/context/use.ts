import {Args} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {useContext} from '../../context/contexts.js'
import {loadConfig} from '../../context/load.js'
import {contextFlags} from '../../flags.js'

export default class ContextUse extends SpockCommand<typeof ContextUse> {
  static summary = 'Make a named context the current one (sets current-context in the spock config).'
  static examples = ['<%= config.bin %> <%= command.id %> prod']
  static args = {name: Args.string({required: true, description: 'Context name.'})}
  static flags = {'spock-config': contextFlags['spock-config']}

  async run(): Promise<{context: string; configFile: string}> {
    const loaded = await loadConfig(this.flags['spock-config'], process.env)
    await useContext(loaded.path, loaded.config, this.args.name)
    const result = {context: this.args.name, configFile: loaded.path}
    // People get a note on stderr (stdout stays empty); json and yaml get the result.
    if (this.format() === 'table') this.note(`Switched to context "${this.args.name}".`)
    return this.emit(result, {text: () => ''})
  }
}
