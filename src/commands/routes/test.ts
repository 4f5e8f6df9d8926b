import {Flags} from '@oclif/core'
import {loadRoutingConfig} from '../../alertmanager/config-source.js'
import {parseRouteCases, runRouteCases, type RouteCasesReport} from '../../alertmanager/route-cases.js'
import {checkRoute, type RouteCheckResult} from '../../alertmanager/route-test.js'
import {buildRouteTree, parseLabelArgs} from '../../alertmanager/routing.js'
import {SpockCommand} from '../../base-command.js'
import {UsageError} from '../../errors.js'
import {alertmanagerFlags} from '../../flags.js'
import {routeCasesView, routeTestView} from '../../output/views/routes.js'
import {readFileSafe} from '../../files/read.js'
import {monthLengthFor, parseAt} from '../../alertmanager/time-intervals-eval.js'

export default class RoutesTest extends SpockCommand<typeof RoutesTest> {
  static summary = 'Which receivers get an alert with these labels (as amtool config routes test), or a whole file of cases.'
  static description =
    'Exit 1 when --verify-receivers or a case in --file does not match; 0 otherwise (also when --at finds every matched route muted).'
  static examples = [
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml service=database severity=critical',
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml --verify-receivers team-DB-pager service=database',
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml severity=warning --inhibited-by severity=critical',
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml --file routing-cases.yml',
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml --at 2026-12-05T03:00:00+09:00 service=database',
  ]
  static strict = false
  static flags = {
    ...alertmanagerFlags,
    config: Flags.string({summary: 'alertmanager.yml to read (default: the running config of the first Alertmanager that answers).'}),
    'verify-receivers': Flags.string({summary: 'Expected receivers, comma-separated in routing order; exit 1 on mismatch.'}),
    tree: Flags.boolean({summary: 'Show the matching part of the routing tree.'}),
    'inhibited-by': Flags.string({multiple: true, summary: 'Labels k=v of an active alert: say whether it would inhibit this one.', helpValue: 'k=v'}),
    file: Flags.string({summary: 'Run a YAML file of cases (labels, expected receivers, optional inhibited_by) instead.'}),
    at: Flags.string({
      summary: "Also say whether each matched route is muted at this instant by its mute_time_intervals or active_time_intervals.",
      helpValue: 'RFC3339|now',
      exclusive: ['file'],
    }),
  }

  async run(): Promise<RouteCheckResult | RouteCasesReport> {
    const f = this.flags
    const peers = f.config ? [] : (await this.connect()).alertmanagers()
    const {config, version} = await loadRoutingConfig(f.config, peers)
    const tree = buildRouteTree(config)
    if (f.file) {
      const report = runRouteCases(config, tree, parseRouteCases(await readCases(f.file), f.file), {monthLength: monthLengthFor(version)})
      const out = await this.emit(report, routeCasesView)
      this.setExitCode(report.failed === 0 ? 0 : 1)
      return out
    }
    if (this.positionals.length === 0) throw new UsageError('no labels given', {hint: 'e.g. spock routes test service=database severity=critical, or --file cases.yml'})
    const {labels, warnings} = parseLabelArgs(this.positionals)
    for (const w of warnings) this.warning(w)
    const result = checkRoute(config, tree, labels, {
      expected: f['verify-receivers']?.split(',').map((s) => s.trim()).filter(Boolean),
      inhibitedBy: f['inhibited-by'] ? parseLabelArgs(f['inhibited-by']).labels : undefined,
      ...(f.at === undefined ? {} : parseAt(f.at, version)),
    })
    const out = await this.emit(result, routeTestView(f.tree ? {root: tree, labels} : undefined))
    if (result.matchesExpected === false) this.warning(`expected receivers ${result.expected!.join(',')}, got ${result.receivers.join(',')}`)
    this.setExitCode(result.ok ? 0 : 1)
    return out
  }
}

async function readCases(path: string): Promise<string> {
  return (await readFileSafe(path)).toString('utf8')
}
