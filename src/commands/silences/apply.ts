import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {applySilences, parseHorizon, type ApplyReport} from '../../alertmanager/silence-apply.js'
import {resolveAuthor} from '../../alertmanager/silence-ops.js'
import {readSilenceFile} from '../../alertmanager/silence-file.js'
import {alertmanagerFlags, propagationTimeoutFlag} from '../../flags.js'
import {parseDuration} from '../../model/duration.js'
import {applyView, peerWarnings} from '../../output/views/silences.js'

export default class SilencesApply extends SpockCommand<typeof SilencesApply> {
  static summary = 'Make the silences match a file: create, update and (with --prune) expire the silences it manages.'
  static description =
    'Silences as code. Each entry of the file has a name, matchers, a comment and a window: starts/ends, a duration from now, ' +
    'or a weekly schedule in a time zone. Silences apply writes carry [spock-apply:NAME] in their comment; only those are ever ' +
    'updated or expired. A second run with the same file changes nothing. See docs/silences-file.md.'
  static examples = [
    '<%= config.bin %> <%= command.id %> -f silences.yml --dry-run',
    '<%= config.bin %> <%= command.id %> -f silences.yml --prune --horizon 7d',
  ]
  static flags = {
    ...alertmanagerFlags,
    ...propagationTimeoutFlag,
    file: Flags.string({char: 'f', required: true, summary: 'The silences file (YAML), or - for stdin.', helpValue: 'FILE'}),
    'dry-run': Flags.boolean({summary: 'Print the plan; send nothing.'}),
    prune: Flags.boolean({summary: 'Expire silences this file made earlier whose names it no longer has.'}),
    horizon: Flags.string({summary: 'Also create every scheduled window starting within this time from now (default: the current or next window only).', helpValue: '7d'}),
    force: Flags.boolean({summary: 'Allow matchers that all match alerts without their labels (e.g. x!="y" alone).'}),
    quiet: Flags.boolean({char: 'q', summary: 'Print only the IDs of the silences the file holds.'}),
  }

  async run(): Promise<ApplyReport> {
    const f = this.flags
    const horizonMs = parseHorizon(f.horizon)
    const file = await readSilenceFile(f.file, process.stdin, {force: f.force})
    const conn = await this.connect()
    const author = resolveAuthor(undefined, conn.context.author?.value) || 'spock'
    const report = await applySilences(conn.alertmanagers(), file, {
      dryRun: f['dry-run'],
      prune: f.prune,
      horizonMs,
      author,
      propagationTimeoutMs: parseDuration(f['propagation-timeout'] ?? '10s'),
    })
    for (const w of peerWarnings(report)) this.warning(w)
    if (report.orphans.length > 0) {
      const names = [...new Set(report.orphans.map((o) => o.name))]
      this.warning(`${report.orphans.length} silence(s) made from this file earlier have names it no longer has (${names.join(', ')}); left alone: pass --prune to expire them`)
    }
    if (report.summary.failed > 0) {
      this.warning(`${report.summary.failed} of ${report.actions.length} actions failed`)
      this.setExitCode(1)
    }
    return this.emit(report, applyView, {quiet: f.quiet})
  }
}
