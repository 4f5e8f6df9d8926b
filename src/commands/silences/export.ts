import {writeFile} from 'node:fs/promises'
import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {exportSilences} from '../../alertmanager/silence-ops.js'
import type {Silence} from '../../alertmanager/schemas.js'
import {alertmanagerFlags} from '../../flags.js'
import {peerWarnings} from '../../output/views/silences.js'

export default class SilencesExport extends SpockCommand<typeof SilencesExport> {
  static summary = 'Write silences as the JSON array that amtool silence query -o json prints and amtool silence import reads.'
  static examples = [
    '<%= config.bin %> <%= command.id %> --file silences.json',
    '<%= config.bin %> <%= command.id %> alertname=Deploy > deploy-silences.json',
  ]
  static strict = false
  static flags = {
    ...alertmanagerFlags,
    file: Flags.string({char: 'f', summary: 'Write to this file instead of stdout.'}),
    all: Flags.boolean({summary: 'Include expired silences (default: active and pending).'}),
  }

  async run(): Promise<Silence[]> {
    const conn = await this.connect()
    const list = await exportSilences(conn.alertmanagers(), {all: this.flags.all, matchers: {args: this.positionals}})
    for (const w of peerWarnings(list)) this.warning(w)
    // Always amtool's JSON, whatever -o says: it is a file format for `silences import` and amtool.
    if (this.flags.file === undefined) return this.emit(list.silences, {}, {format: 'json'})
    await writeFile(this.flags.file, `${JSON.stringify(list.silences, null, 2)}\n`)
    this.note(`Exported ${list.silences.length} silences to ${this.flags.file}.`)
    return list.silences
  }
}
