import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {expireMatching, expireSilences, type ExpireReport} from '../../alertmanager/silence-ops.js'
import {UsageError} from '../../errors.js'
import {alertmanagerFlags, matcherFlag} from '../../flags.js'
import {expirePreviewView, expireView, peerWarnings} from '../../output/views/silences.js'

export default class SilencesDelete extends SpockCommand<typeof SilencesDelete> {
  static summary = 'Expire silences by ID (or unique ID prefix), or every active silence that has the given matchers.'
  static description = 'Expiring an already expired silence succeeds. An unknown full ID is reported and exits 1; an ID prefix that names no silence, or several, exits 2 before anything is expired. Many IDs are expired concurrently.'
  static aliases = ['silences:expire']
  static examples = [
    '<%= config.bin %> <%= command.id %> 3a3766ee-af3d-487a-837d-e511a5f0d857',
    '<%= config.bin %> silences list --quiet alertname=Deploy | xargs <%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --matcher alertname=Deploy --matcher env=prod --yes',
  ]
  static strict = false
  static flags = {
    ...alertmanagerFlags,
    matcher: matcherFlag('Expire every active or pending silence whose matchers include this one; repeatable.'),
    id: Flags.string({multiple: true, multipleNonGreedy: true, summary: 'A silence ID (or unique ID prefix) to expire; repeatable, same as the arguments (kept for older scripts).'}),
    yes: Flags.boolean({char: 'y', summary: 'With --matcher: really expire (without it, only list what would be expired).'}),
    quiet: Flags.boolean({char: 'q', summary: 'Print only the IDs that were expired.'}),
  }

  async run(): Promise<ExpireReport> {
    const f = this.flags
    const byMatcher = (f.matcher?.length ?? 0) > 0
    const ids = [...this.positionals, ...(f.id ?? [])]
    if (byMatcher && ids.length > 0) {
      throw new UsageError('give either silence IDs or --matcher, not both', {hint: 'run two commands'})
    }
    const peers = (await this.connect()).alertmanagers()
    const report = byMatcher
      ? await expireMatching(peers, {matcher: f.matcher}, f.yes)
      : await expireSilences(peers, ids)
    for (const w of peerWarnings(report)) this.warning(w)
    const bad = report.results.filter((r) => r.outcome !== 'expired')
    for (const r of bad) this.note(`spock: ${r.outcome === 'not-found' ? `silence ${r.id} not found` : `could not expire ${r.id}: ${r.error}`}`)
    if (bad.length > 0) this.setExitCode(1)
    if (report.dryRun) return this.emit(report, expirePreviewView, {quiet: f.quiet})
    return this.emit(report, expireView, {quiet: f.quiet})
  }
}
