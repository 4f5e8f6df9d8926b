import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {fleetFlags, prometheusFlags} from '../../flags.js'
import type {FleetData} from '../../output/views/fleet.js'
import {rulesStatus, type RulesStatusReport} from '../../prometheus/rules-status.js'
import {readRuleDefs} from '../../lint/rule-defs.js'
import {rulesStatusView} from '../../output/views/rules-status.js'

export default class RulesStatus extends SpockCommand<typeof RulesStatus> {
  static summary = "Show the rules a Prometheus server has loaded: health, last error, evaluation time, alert state."
  static description =
    'Exit 0 when every rule is healthy (and, with --compare, the server runs exactly the rules in the files), 1 when a rule failed its last evaluation, a group takes longer than its interval, or the rules drifted; 2 on a usage error; 3 when the server cannot be reached.'
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --type alert --output json',
    '<%= config.bin %> <%= command.id %> --compare rules/   # drift: missing, unexpected and changed rules',
  ]
  static flags = {
    ...prometheusFlags,
    ...fleetFlags,
    compare: Flags.string({multiple: true, summary: 'Rule files (or directories, globs) the server should be running; report drift. Repeatable.', helpValue: 'FILE'}),
    type: Flags.string({options: ['alert', 'record'], summary: 'Only alerting or only recording rules.'}),
    quiet: Flags.boolean({char: 'q', summary: 'Print GROUP/RULE of each problem only.'}),
  }

  async run(): Promise<RulesStatusReport | FleetData<RulesStatusReport>> {
    const f = this.flags
    const wanted = f.type === 'alert' ? 'alerting' : f.type === 'record' ? 'recording' : undefined
    const compare = f.compare ? (await readRuleDefs(f.compare)).filter((d) => !wanted || d.type === wanted) : undefined
    const type = f.type as 'alert' | 'record' | undefined
    return this.perContext(
      rulesStatusView,
      async (conn) => {
        const report = await rulesStatus(conn.prometheus(), {compare, type})
        return {result: report, exitCode: report.ok ? 0 : 1}
      },
      {quiet: f.quiet},
    )
  }
}
