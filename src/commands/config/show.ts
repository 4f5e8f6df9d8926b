import {SpockCommand} from '../../base-command.js'
import {describeContext, type EffectiveConfig} from '../../context/describe.js'
import {serverFlags} from '../../flags.js'
import {effectiveConfigView} from '../../output/views/config.js'

export default class ConfigShow extends SpockCommand<typeof ConfigShow> {
  static summary = 'Show the effective connection settings and where each came from (secrets redacted).'
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --context prod --output yaml']
  static flags = {...serverFlags}

  async run(): Promise<EffectiveConfig> {
    const conn = await this.connect()
    return this.emit(describeContext(conn.context, conn.configFile), effectiveConfigView)
  }
}
