import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {fleetFlags, prometheusFlags} from '../../flags.js'
import type {FleetData} from '../../output/views/fleet.js'
import {checkServerTsdb, tsdbCheckOptions, type TsdbReport} from '../../prometheus/tsdb.js'
import {tsdbView} from '../../output/views/tsdb.js'

export default class TsdbStatus extends SpockCommand<typeof TsdbStatus> {
  static summary = 'Show head block cardinality (series, top metrics and labels) and gate on limits.'
  static description = 'Exit 0 when within every --max-* limit, 1 when one is exceeded, 2 on a usage error, 3 when Prometheus cannot be reached.'
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --limit 20 --output json',
    '<%= config.bin %> <%= command.id %> --max-series 2000000 --max-series-per-metric 50000 --max-label-values 10000',
  ]
  static flags = {
    ...prometheusFlags,
    ...fleetFlags,
    limit: Flags.integer({summary: 'Entries per top list (Prometheus >= 2.45 honours it; older servers send 10).', helpValue: '10'}),
    'max-series': Flags.integer({min: 0, summary: 'Fail when the head holds more series.'}),
    'max-series-per-metric': Flags.integer({min: 0, summary: 'Fail when one metric name has more series.'}),
    'max-label-values': Flags.integer({min: 0, summary: 'Fail when one label (other than __name__) has more values.'}),
  }

  async run(): Promise<TsdbReport | FleetData<TsdbReport>> {
    const opts = tsdbCheckOptions(this.flags)
    return this.perContext(tsdbView, async (conn) => {
      const report = await checkServerTsdb(conn.prometheus(), opts)
      return {result: report, exitCode: report.ok ? 0 : 1, warnings: report.warnings}
    })
  }
}
