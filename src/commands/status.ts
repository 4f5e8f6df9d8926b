import {Flags} from '@oclif/core'
import {SpockCommand} from '../base-command.js'
import {fleetFlags, serverFlags} from '../flags.js'
import {checkStatus, type StatusReport} from '../health/status.js'
import type {FleetData} from '../output/views/fleet.js'
import {statusView} from '../output/views/status.js'

export default class Status extends SpockCommand<typeof Status> {
  static summary = 'Check health, readiness, version, uptime and clustering of Prometheus and every Alertmanager peer.'
  static description = 'Exit 0 when every server is healthy, 1 when one is unhealthy or unreachable, 3 when none can be reached.'
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --alertmanager-url http://am-0:9093 --alertmanager-url http://am-1:9093 --only alertmanager',
    '<%= config.bin %> <%= command.id %> --context prod --output json',
  ]
  static flags = {
    ...serverFlags,
    ...fleetFlags,
    only: Flags.option({options: ['prometheus', 'alertmanager'] as const, summary: 'Check only this kind of server.'})(),
  }

  async run(): Promise<StatusReport | FleetData<StatusReport>> {
    const only = this.flags.only
    return this.perContext(statusView, async (conn) => {
      const report = await checkStatus({
        prometheus: only === 'alertmanager' ? undefined : conn.prometheus(),
        alertmanagers: only === 'prometheus' ? [] : conn.alertmanagers(),
      })
      return {result: report, exitCode: report.ok ? 0 : 1}
    })
  }
}
