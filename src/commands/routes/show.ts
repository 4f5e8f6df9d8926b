import {Flags} from '@oclif/core'
import {loadRoutingConfig} from '../../alertmanager/config-source.js'
import {buildRouteTree} from '../../alertmanager/routing.js'
import {SpockCommand} from '../../base-command.js'
import {alertmanagerFlags} from '../../flags.js'
import {routeTreeView, type RouteJson} from '../../output/views/routes.js'

export default class RoutesShow extends SpockCommand<typeof RoutesShow> {
  static summary = 'Show the Alertmanager routing tree: matchers, continue, receiver, group_by and timers.'
  static examples = [
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml',
    '<%= config.bin %> <%= command.id %> --alertmanager-url http://am:9093 --details none',
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml --output json',
  ]
  static flags = {
    ...alertmanagerFlags,
    config: Flags.string({summary: 'alertmanager.yml to read (default: the running config of the first Alertmanager that answers).'}),
    details: Flags.option({options: ['none', 'changed', 'all'] as const, default: 'changed' as const, summary: 'Timers and group_by: none (as amtool), where they change, or on every route.'})(),
  }

  async run(): Promise<RouteJson> {
    const peers = this.flags.config ? [] : (await this.connect()).alertmanagers()
    const {config} = await loadRoutingConfig(this.flags.config, peers)
    return this.emit(buildRouteTree(config), routeTreeView(this.flags.details))
  }
}
