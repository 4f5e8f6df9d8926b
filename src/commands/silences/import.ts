import {Args, Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {importSilences, readImportFile, type ImportReport} from '../../alertmanager/silence-ops.js'
import {alertmanagerFlags, propagationTimeoutFlag} from '../../flags.js'
import {parseDuration} from '../../model/duration.js'
import {importView, peerWarnings} from '../../output/views/silences.js'

export default class SilencesImport extends SpockCommand<typeof SilencesImport> {
  static summary = 'Import silences from a spock or amtool JSON export, concurrently, reporting each failure.'
  static description =
    'As amtool silence import: each silence is posted with its ID, so an existing one is updated in place; an ID this ' +
    'Alertmanager does not know is created anew. --force always creates new silences. Silences that already ended are skipped.'
  static examples = [
    '<%= config.bin %> <%= command.id %> silences.json',
    'amtool silence query -o json | <%= config.bin %> <%= command.id %> - --force',
  ]
  static args = {file: Args.string({required: true, description: 'JSON file, or - for stdin.'})}
  static flags = {
    ...alertmanagerFlags,
    ...propagationTimeoutFlag,
    force: Flags.boolean({summary: 'Ignore the IDs in the file: always create new silences.'}),
    quiet: Flags.boolean({char: 'q', summary: 'Print only the resulting IDs.'}),
  }

  async run(): Promise<ImportReport> {
    const entries = await readImportFile(this.args.file, process.stdin)
    const conn = await this.connect()
    const report = await importSilences(conn.alertmanagers(), entries, {
      force: this.flags.force,
      propagationTimeoutMs: parseDuration(this.flags['propagation-timeout'] ?? '10s'),
    })
    for (const w of peerWarnings({down: report.down})) this.warning(w)
    for (const p of report.notPropagated) {
      const shown = p.ids.slice(0, 10).join(', ') + (p.ids.length > 10 ? `, … (${p.ids.length - 10} more; all in -o json)` : '')
      this.warning(`peer ${p.url} does not show ${p.ids.length} of the imported silences (${p.reason}); check the cluster's gossip: ${shown}`)
    }
    const failed = report.results.filter((r) => r.outcome === 'failed').length
    if (failed > 0) {
      this.warning(`could not import ${failed} of ${report.results.length} silences`)
      this.setExitCode(1)
    }
    return this.emit(report, importView, {quiet: this.flags.quiet})
  }
}
