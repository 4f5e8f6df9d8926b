import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {createSilence, resolveAuthor, type CreateResult} from '../../alertmanager/silence-ops.js'
import {alertmanagerFlags, durationFlag, matcherFlag, propagationTimeoutFlag, timeFlag} from '../../flags.js'
import {createView, peerWarnings} from '../../output/views/silences.js'
import {parseDuration} from '../../model/duration.js'

export default class SilencesCreate extends SpockCommand<typeof SilencesCreate> {
  static summary = 'Create a silence (reuses an equivalent active one unless --always-new) and print its ID.'
  static examples = [
    '<%= config.bin %> <%= command.id %> --alertname HighLatency --duration 2h --comment "deploy of api v2"',
    '<%= config.bin %> <%= command.id %> \'instance=~"db-.*"\' env=prod --end 2026-12-01T08:00:00Z --comment maintenance',
    '<%= config.bin %> <%= command.id %> --matcher severity=warning --comment "noise" --dry-run',
  ]
  static strict = false
  static flags = {
    ...alertmanagerFlags,
    ...propagationTimeoutFlag,
    alertname: Flags.string({summary: 'Shorthand for the matcher alertname="NAME".', helpValue: 'NAME'}),
    matcher: matcherFlag(),
    duration: durationFlag('How long, in Prometheus units: 30m, 1h30m, 2d (default 1h).', {exclusive: ['end']}),
    start: timeFlag('Start: RFC3339, now, +30m or unix seconds (default now).'),
    end: timeFlag('End: RFC3339, +2h or unix seconds (instead of --duration).'),
    comment: Flags.string({char: 'c', summary: 'Why the silence exists (required unless --no-require-comment).'}),
    'require-comment': Flags.boolean({default: true, allowNo: true, summary: 'Refuse a silence without --comment.'}),
    author: Flags.string({char: 'a', summary: 'Author (default: the config\'s author, then the OS user).'}),
    annotation: Flags.string({multiple: true, multipleNonGreedy: true, summary: 'Annotation key=value (Alertmanager 0.32+; ignored with a warning before).'}),
    'dry-run': Flags.boolean({summary: 'Print the silence and the alerts it matches now; send nothing.'}),
    'always-new': Flags.boolean({summary: 'Create a new silence even if an equivalent active one exists.'}),
    quiet: Flags.boolean({char: 'q', summary: 'Print only the ID.'}),
    force: Flags.boolean({summary: 'Allow matchers that all match alerts without their labels (e.g. x!="y" alone), which mute almost everything.'}),
  }

  async run(): Promise<CreateResult> {
    const f = this.flags
    const conn = await this.connect()
    const matchers = {args: this.positionals, matcher: f.matcher, alertname: f.alertname}
    const input = {matchers, duration: f.duration, start: f.start, end: f.end, comment: f.comment, annotations: f.annotation, force: f.force}
    const author = resolveAuthor(f.author, conn.context.author?.value)
    const result = await createSilence(conn.alertmanagers(), {...input, requireComment: f['require-comment'], author}, {
      alwaysNew: f['always-new'],
      dryRun: f['dry-run'],
      propagationTimeoutMs: parseDuration(f['propagation-timeout'] ?? '10s'),
    })
    for (const w of peerWarnings(result)) this.warning(w)
    if (result.annotationsDropped) this.warning('this Alertmanager is older than 0.32 and has no silence annotations; --annotation was not sent')
    if (result.raced) {
      this.note(`Another run created an identical silence at the same time; kept the older one, ${result.id}, and expired ours, ${result.raced.expired}.`)
      if (result.raced.expireError) this.warning(`could not expire duplicate silence ${result.raced.expired}: ${result.raced.expireError}`)
    } else if (result.action === 'reused') this.note(`Reusing active silence ${result.id}: same matchers, already lasts until the requested end.`)
    return this.emit(result, createView, {quiet: f.quiet})
  }
}
