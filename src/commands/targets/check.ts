import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {fleetFlags, prometheusFlags} from '../../flags.js'
import type {FleetData} from '../../output/views/fleet.js'
import {checkServerTargets, targetCheckOptions, type TargetsReport} from '../../prometheus/targets.js'
import {targetsView} from '../../output/views/targets.js'

export default class TargetsCheck extends SpockCommand<typeof TargetsCheck> {
  static summary = 'Check scrape targets: down, never scraped, slow, or jobs with no targets left.'
  static description = 'Exit 0 when the targets are within the limits, 1 when not, 2 on a usage error, 3 when Prometheus cannot be reached.'
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --job node --job blackbox --max-down-ratio 0.1 --max-scrape-duration 2s',
    '<%= config.bin %> <%= command.id %> --selector env=prod --min-targets 3 --output json',
    '<%= config.bin %> <%= command.id %> --quiet   # scrape URLs of failing targets',
  ]
  static flags = {
    ...prometheusFlags,
    ...fleetFlags,
    job: Flags.string({multiple: true, summary: 'Only this job (scrape pool); it must have targets. Repeatable.', helpValue: 'NAME'}),
    selector: Flags.string({multiple: true, summary: 'Only targets whose labels match, e.g. env="prod"; repeatable.', helpValue: 'MATCHER'}),
    'max-down': Flags.integer({min: 0, summary: 'Unhealthy targets allowed before failing (default 0).', exclusive: ['max-down-ratio']}),
    'max-down-ratio': Flags.string({summary: 'Share of unhealthy targets allowed, 0..1.', helpValue: '0.1'}),
    'max-scrape-duration': Flags.string({summary: 'Fail targets whose last scrape took longer.', helpValue: '2s'}),
    'min-targets': Flags.integer({min: 0, summary: 'Fail when fewer targets are selected.'}),
    'include-unknown': Flags.boolean({summary: 'Count targets not scraped yet as unhealthy, however new.'}),
    quiet: Flags.boolean({char: 'q', summary: 'Print the scrape URLs of failing targets only.'}),
  }

  async run(): Promise<TargetsReport | FleetData<TargetsReport>> {
    const opts = targetCheckOptions(this.flags)
    return this.perContext(
      targetsView,
      async (conn) => {
        const report = await checkServerTargets(conn.prometheus(), opts)
        return {result: report, exitCode: report.ok ? 0 : 1}
      },
      {quiet: this.flags.quiet},
    )
  }
}
