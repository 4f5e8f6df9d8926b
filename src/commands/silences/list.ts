import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {listSilences} from '../../alertmanager/silence-ops.js'
import type {Silence, SilenceState} from '../../alertmanager/schemas.js'
import {alertmanagerFlags, durationFlag, matcherFlag} from '../../flags.js'
import {peerWarnings, silencesView} from '../../output/views/silences.js'
import {parseDuration} from '../../model/duration.js'

export default class SilencesList extends SpockCommand<typeof SilencesList> {
  static summary = 'List silences (active and pending by default), optionally filtered by matchers.'
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> alertname=Watchdog --expired --within 2h',
    '<%= config.bin %> <%= command.id %> --created-by alice --output json',
    '<%= config.bin %> <%= command.id %> --quiet | xargs <%= config.bin %> silences delete',
  ]
  static strict = false
  static flags = {
    ...alertmanagerFlags,
    matcher: matcherFlag('Only silences whose matchers, read as labels, satisfy this matcher; repeatable.'),
    expired: Flags.boolean({summary: 'Show expired silences instead.', exclusive: ['all']}),
    all: Flags.boolean({summary: 'Show active, pending and expired silences.'}),
    'active-only': Flags.boolean({summary: 'Show only active silences (not pending ones); kept for older scripts.', exclusive: ['all', 'expired']}),
    within: durationFlag('Only silences ending within this duration (with --expired: ended within).'),
    'created-by': Flags.string({summary: 'Only silences by this author.'}),
    id: Flags.string({multiple: true, multipleNonGreedy: true, summary: 'Only this silence ID (or ID prefix); repeatable.'}),
    quiet: Flags.boolean({char: 'q', summary: 'Print silence IDs only.'}),
  }

  async run(): Promise<Silence[]> {
    const f = this.flags
    const states: SilenceState[] = f['active-only'] ? ['active'] : f.all ? ['active', 'pending', 'expired'] : f.expired ? ['expired'] : ['active', 'pending']
    const matchers = {args: this.positionals, matcher: f.matcher}
    const withinMs = f.within === undefined ? undefined : parseDuration(f.within)
    const conn = await this.connect()
    const list = await listSilences(conn.alertmanagers(), {states, matchers, createdBy: f['created-by'], ids: f.id, withinMs})
    for (const w of peerWarnings(list)) this.warning(w)
    return this.emit(list.silences, silencesView, {quiet: f.quiet})
  }
}
