import {Flags} from '@oclif/core'
import {loadRoutingConfig} from '../../alertmanager/config-source.js'
import {buildRouteTree} from '../../alertmanager/routing.js'
import {parseAt, routeTimeStates} from '../../alertmanager/time-intervals-eval.js'
import {SpockCommand} from '../../base-command.js'
import {alertmanagerFlags} from '../../flags.js'
import {formatRfc3339} from '../../model/time.js'
import {routeTreeView, type RouteJson} from '../../output/views/routes.js'

export default class RoutesShow extends SpockCommand<typeof RoutesShow> {
  static summary = 'Show the Alertmanager routing tree: matchers, continue, receiver, group_by and timers.'
  static examples = [
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml',
    '<%= config.bin %> <%= command.id %> --alertmanager-url http://am:9093 --details none',
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml --output json',
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml --at now',
  ]
  static flags = {
    ...alertmanagerFlags,
    config: Flags.string({summary: 'alertmanager.yml to read (default: the running config of the first Alertmanager that answers).'}),
    at: Flags.string({summary: 'Mark the routes muted at this instant by their mute_time_intervals or active_time_intervals.', helpValue: 'RFC3339|now'}),
    details: Flags.option({options: ['none', 'changed', 'all'] as const, default: 'changed' as const, summary: 'Timers and group_by: none (as amtool), where they change, or on every route.'})(),
  }

  async run(): Promise<RouteJson> {
    const peers = this.flags.config ? [] : (await this.connect()).alertmanagers()
    const {config, version} = await loadRoutingConfig(this.flags.config, peers)
    const tree = buildRouteTree(config)
    if (this.flags.at === undefined) return this.emit(tree, routeTreeView(this.flags.details))
    const {at, timeOptions} = parseAt(this.flags.at, version)
    const states = routeTimeStates(tree, config.timeIntervals, at.getTime(), timeOptions)
    return this.emit(tree, routeTreeView(this.flags.details, {at: formatRfc3339(at), states}))
  }
}
