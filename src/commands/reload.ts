import {Flags} from '@oclif/core'
import {SpockCommand} from '../base-command.js'
import {serverFlags} from '../flags.js'
import {reloadView} from '../output/views/stack.js'
import {reloadAll} from '../stack/reload.js'

export default class Reload extends SpockCommand<typeof Reload> {
  static summary = 'Reload Prometheus and every Alertmanager peer, then verify each one loaded the new config.'
  static description = 'POSTs /-/reload (Prometheus needs --web.enable-lifecycle; spock stack starts it so), then reads each server\'s reload-success metric, reload time and (Alertmanager) config hash. Exit 1 when a server did not load it.'
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --only alertmanager --alertmanager-url http://am-0:9093 --alertmanager-url http://am-1:9093']
  static flags = {
    ...serverFlags,
    only: Flags.option({options: ['prometheus', 'alertmanager'] as const, summary: 'Reload only this kind of server.'})(),
  }

  async run() {
    const c = await this.connect()
    const only = this.flags.only
    const r = await reloadAll(only === 'alertmanager' ? undefined : c.prometheus(), only === 'prometheus' ? [] : c.alertmanagers())
    const out = await this.emit(r, reloadView)
    this.setExitCode(r.ok ? 0 : 1)
    return out
  }
}
