import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {listAlerts} from '../../alertmanager/alerts.js'
import type {Alert, AlertGroup} from '../../alertmanager/schemas.js'
import {fleetFlags, serverFlags, matcherFlag} from '../../flags.js'
import type {FleetData} from '../../output/views/fleet.js'
import {matchersFromInputs} from '../../alertmanager/silences.js'
import {joinAlerts, type JoinedAlert} from '../../health/alert-sources.js'
import {prometheusAlerts, type PrometheusAlert} from '../../prometheus/alerts.js'
import {alertGroupsView, alertsView, joinedAlertsView, prometheusAlertsView} from '../../output/views/alerts.js'
import {peerWarnings} from '../../output/views/silences.js'

export default class AlertsList extends SpockCommand<typeof AlertsList> {
  static summary = 'List alerts held by Alertmanager (active only unless a state flag is given), or pending and firing on Prometheus.'
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> severity=critical --silenced --inhibited',
    '<%= config.bin %> <%= command.id %> --receiver "pager.*" --groups --output json',
    '<%= config.bin %> <%= command.id %> --source prometheus   # pending and firing, with the time left before each fires',
    '<%= config.bin %> <%= command.id %> --source both   # and whether Alertmanager holds, silences or inhibits each',
  ]
  static strict = false
  static flags = {
    ...serverFlags,
    ...fleetFlags,
    source: Flags.string({options: ['alertmanager', 'prometheus', 'both'], default: 'alertmanager', summary: "Whose alerts: Alertmanager's, Prometheus's (pending and firing), or Prometheus's joined with Alertmanager's state."}),
    matcher: matcherFlag('Only alerts whose labels match; repeatable.'),
    active: Flags.boolean({char: 'a', summary: 'Include active alerts (the default when no state flag is given).'}),
    silenced: Flags.boolean({char: 's', summary: 'Include silenced alerts.'}),
    inhibited: Flags.boolean({char: 'i', summary: 'Include inhibited alerts.'}),
    unprocessed: Flags.boolean({char: 'u', summary: 'Include unprocessed alerts.'}),
    receiver: Flags.string({char: 'r', summary: 'Only alerts routed to receivers matching this regex.'}),
    groups: Flags.boolean({summary: 'Show the grouped view (/api/v2/alerts/groups).'}),
    quiet: Flags.boolean({char: 'q', summary: 'Print fingerprints only.'}),
  }

  async run(): Promise<Alert[] | AlertGroup[] | PrometheusAlert[] | JoinedAlert[] | FleetData<Alert[] | AlertGroup[] | PrometheusAlert[] | JoinedAlert[]>> {
    const f = this.flags
    const matchers = {args: this.positionals, matcher: f.matcher}
    const quiet = {quiet: f.quiet}
    if (f.source === 'prometheus') {
      const wanted = matchersFromInputs(matchers).matchers
      return this.perContext(prometheusAlertsView, async (conn) => ({result: await prometheusAlerts(conn.prometheus(), wanted)}), quiet)
    }
    if (f.source === 'both') {
      const all = {matchers, active: true, silenced: true, inhibited: true, unprocessed: true}
      return this.perContext(
        joinedAlertsView,
        async (conn) => {
          const prom = await prometheusAlerts(conn.prometheus(), matchersFromInputs(matchers).matchers)
          const held = await listAlerts(conn.alertmanagers(), all)
          return {result: joinAlerts(prom, held.alerts), warnings: peerWarnings(held)}
        },
        quiet,
      )
    }
    const opts = {matchers, active: f.active, silenced: f.silenced, inhibited: f.inhibited, unprocessed: f.unprocessed, receiver: f.receiver}
    if (f.groups) {
      return this.perContext(
        alertGroupsView,
        async (conn) => {
          const list = await listAlerts(conn.alertmanagers(), {...opts, groups: true})
          return {result: list.groups ?? [], warnings: peerWarnings(list)}
        },
        quiet,
      )
    }
    return this.perContext(
      alertsView,
      async (conn) => {
        const list = await listAlerts(conn.alertmanagers(), opts)
        return {result: list.alerts, warnings: peerWarnings(list)}
      },
      quiet,
    )
  }
}
