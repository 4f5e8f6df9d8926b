import {Args, Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {updateSilence, type UpdateResult} from '../../alertmanager/silence-ops.js'
import {alertmanagerFlags, durationFlag, timeFlag} from '../../flags.js'
import {peerWarnings, updateView} from '../../output/views/silences.js'

export default class SilencesUpdate extends SpockCommand<typeof SilencesUpdate> {
  static summary = 'Change the end or comment of a silence; prints its ID, which is new when the server had to replace it.'
  static description =
    'As amtool: --duration counts from the silence\'s own start; --end sets the end directly. Alertmanager keeps the ID when ' +
    'the silence is active or pending and its start is unchanged; otherwise it issues a new ID and expires the old silence.'
  static aliases = ['silences:extend']
  static examples = [
    '<%= config.bin %> <%= command.id %> 3a3766ee-af3d-487a-837d-e511a5f0d857 --end +4h',
    '<%= config.bin %> <%= command.id %> 3a3766ee-af3d-487a-837d-e511a5f0d857 --duration 8h --comment "still migrating"',
  ]
  static args = {id: Args.string({required: true, description: 'Silence ID.'})}
  static flags = {
    ...alertmanagerFlags,
    duration: durationFlag('New length counted from the silence\'s start, e.g. 4h.', {exclusive: ['end']}),
    end: timeFlag('New end: RFC3339, +2h or unix seconds.'),
    comment: Flags.string({char: 'c', summary: 'New comment.'}),
    quiet: Flags.boolean({char: 'q', summary: 'Print only the ID.'}),
  }

  async run(): Promise<UpdateResult> {
    const f = this.flags
    const conn = await this.connect()
    const result = await updateSilence(conn.alertmanagers(), {id: this.args.id, duration: f.duration, end: f.end, comment: f.comment})
    for (const w of peerWarnings(result)) this.warning(w)
    if (result.newId) this.warning(`the server issued a new ID ${result.id}; ${result.previousId} was replaced`)
    return this.emit(result, updateView, {quiet: f.quiet})
  }

}
