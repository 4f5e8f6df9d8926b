import {join} from 'node:path'
import {Args, Flags} from '@oclif/core'
import {SpockCommand} from '../base-command.js'
import {initView} from '../output/views/init.js'
import {initProject, RECEIVER_KINDS, type InitResult} from '../scaffold/init.js'

export default class Init extends SpockCommand<typeof Init> {
  static summary = 'Write a starter prometheus.yml, alerts.yml and alertmanager.yml that pass promtool and amtool.'
  static description = 'Refuses to overwrite existing files unless --force is given. Secrets are referenced through *_file fields, never written.'
  static examples = [
    '<%= config.bin %> <%= command.id %> monitoring/',
    '<%= config.bin %> <%= command.id %> monitoring/ --receiver slack',
    '<%= config.bin %> <%= command.id %> . --receiver email --dry-run',
  ]
  static args = {directory: Args.string({description: 'Where to write the files (created if missing).', default: '.'})}
  static flags = {
    receiver: Flags.option({options: RECEIVER_KINDS, default: 'webhook' as const, summary: 'Kind of the default receiver in alertmanager.yml.'})(),
    force: Flags.boolean({summary: 'Overwrite files that already exist.'}),
    'dry-run': Flags.boolean({summary: 'Say what would be written, write nothing.'}),
  }

  async run(): Promise<InitResult> {
    const result = await initProject({
      templatesDir: join(this.config.root, 'config-templates'),
      targetDir: this.args.directory,
      receiver: this.flags.receiver,
      force: this.flags.force,
      dryRun: this.flags['dry-run'],
    })
    return this.emit(result, initView)
  }
}
