import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {FILE_KINDS, listChecks, type ListedCheck} from '../../findings/registry.js'
import {checksView} from '../../output/views/checks.js'

export default class ChecksList extends SpockCommand<typeof ChecksList> {
  static summary = 'List the checks of rules check and config check: id, file kinds, default severity, what each finds.'
  static description = 'Any id can be turned off with --disable ID, or with a "# spock disable ID" comment in the file.'
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --kind alertmanager -o json']
  static flags = {
    kind: Flags.option({options: FILE_KINDS, multiple: true, summary: 'Only checks of this file kind (repeatable).'})(),
    quiet: Flags.boolean({char: 'q', summary: 'Print the ids only.'}),
  }

  async run(): Promise<readonly ListedCheck[]> {
    return this.emit(listChecks(this.flags.kind ?? FILE_KINDS), checksView, {quiet: this.flags.quiet})
  }
}
