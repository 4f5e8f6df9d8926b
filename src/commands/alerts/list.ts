import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {listAlerts} from '../../alertmanager/alerts.js'
import type {Alert, AlertGroup} from '../../alertmanager/schemas.js'
import {alertmanagerFlags, matcherFlag} from '../../flags.js'
import {alertGroupsView, alertsView} from '../../output/views/alerts.js'
import {peerWarnings} from '../../output/views/silences.js'

export default class AlertsList extends SpockCommand<typeof AlertsList> {
  static summary = 'List alerts held by Alertmanager (active only unless a state flag is given), optionally grouped.'
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> severity=critical --silenced --inhibited',
    '<%= config.bin %> <%= command.id %> --receiver "pager.*" --groups --output json',
  ]
  static strict = false
  static flags = {
    ...alertmanagerFlags,
    matcher: matcherFlag('Only alerts whose labels match; repeatable.'),
    active: Flags.boolean({char: 'a', summary: 'Include active alerts (the default when no state flag is given).'}),
    silenced: Flags.boolean({char: 's', summary: 'Include silenced alerts.'}),
    inhibited: Flags.boolean({char: 'i', summary: 'Include inhibited alerts.'}),
    unprocessed: Flags.boolean({char: 'u', summary: 'Include unprocessed alerts.'}),
    receiver: Flags.string({char: 'r', summary: 'Only alerts routed to receivers matching this regex.'}),
    groups: Flags.boolean({summary: 'Show the grouped view (/api/v2/alerts/groups).'}),
    quiet: Flags.boolean({char: 'q', summary: 'Print fingerprints only.'}),
  }

  async run(): Promise<Alert[] | AlertGroup[]> {
    const f = this.flags
    const matchers = {args: this.positionals, matcher: f.matcher}
    const conn = await this.connect()
    const opts = {matchers, active: f.active, silenced: f.silenced, inhibited: f.inhibited, unprocessed: f.unprocessed}
    const list = await listAlerts(conn.alertmanagers(), {...opts, receiver: f.receiver, groups: f.groups})
    for (const w of peerWarnings(list)) this.warning(w)
    if (list.groups) return this.emit(list.groups, alertGroupsView, {quiet: f.quiet})
    return this.emit(list.alerts, alertsView, {quiet: f.quiet})
  }
}
