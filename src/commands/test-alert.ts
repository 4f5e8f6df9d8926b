import {Flags, ux} from '@oclif/core'
import {CHANNELS} from '../test-alert/plan.js'
import {runTestAlert, type TestAlertResult} from '../test-alert/run.js'
import {SpockCommand} from '../base-command.js'
import {parseLabelArgs} from '../alertmanager/routing.js'
import {alertmanagerFlags} from '../flags.js'
import {parseDuration} from '../model/duration.js'
import {allReceiversView, describePlan, previewView, testAlertView} from '../output/views/test-alert.js'
import {annotationArgs} from '../test-alert/annotations.js'

export default class TestAlert extends SpockCommand<typeof TestAlert> {
  static summary = 'Fire a synthetic alert that reaches exactly the receivers of one channel, and prove where it went.'
  static description =
    "Works out from the routing tree a label set that reaches each receiver with the channel (fewest other receivers first, never another alert's name), forecasts each route's group key and when Alertmanager flushes it (group_wait for a new group, up to group_interval for an existing one), prints the plan, posts the alert to every Alertmanager peer that answers, confirms each peer routes it as planned and waits for Alertmanager's notification counters. --receiver and --all-receivers test a receiver whatever the routing: one no route reaches is tested on a temporary local Alertmanager (the alertmanager program on PATH, this receiver only), then stopped. --channel log prints what each integration would send, rendered with the receiver's templates, and sends nothing. With --direct it sends the rendered notifications straight to the endpoints in --config instead (and resolves PagerDuty/Opsgenie tests after --resolve-after). Exit 0 delivered (or accepted, when not waiting), 1 a receiver not reached, without integrations, or a delivery failed, 3 Alertmanager unreachable."
  static examples = [
    '<%= config.bin %> <%= command.id %> --channel slack',
    '<%= config.bin %> <%= command.id %> --receiver team-db-pager --label team=db --dry-run',
    '<%= config.bin %> <%= command.id %> --all-receivers --config alertmanager.yml --summary "Quarterly notification test"',
    '<%= config.bin %> <%= command.id %> --channel email --direct --config alertmanager.yml',
    '<%= config.bin %> <%= command.id %> --channel log --receiver team-db-pager',
  ]
  static flags = {
    ...alertmanagerFlags,
    channel: Flags.option({
      options: [...CHANNELS, 'log'] as const,
      summary: 'Test every receiver with this kind of integration; log: print what the receivers would be sent, send nothing.',
    })(),
    receiver: Flags.string({summary: 'Test this receiver (all its integrations), whatever the routing: a temporary local Alertmanager when no route reaches it.'}),
    'all-receivers': Flags.boolean({summary: 'Test every receiver, one test each; exit 1 if any failed.', exclusive: ['receiver']}),
    label: Flags.string({multiple: true, summary: 'Extra label k=v on the test alert; repeatable.', helpValue: 'k=v'}),
    annotation: Flags.string({multiple: true, summary: 'Annotation k=v on the test alert; repeatable.', helpValue: 'k=v'}),
    summary: Flags.string({summary: 'The summary annotation (default: "Test alert from spock").', helpValue: 'TEXT'}),
    description: Flags.string({summary: 'The description annotation.', helpValue: 'TEXT'}),
    config: Flags.string({summary: 'alertmanager.yml to plan from (default: the running config); required with --direct.'}),
    direct: Flags.boolean({summary: 'Send straight to the endpoints in --config, without Alertmanager.'}),
    'dry-run': Flags.boolean({summary: 'Print the plan, send nothing.'}),
    'resolve-after': Flags.string({summary: 'The alert resolves by itself after this long.', default: '1m', helpValue: '1m'}),
    wait: Flags.boolean({
      allowNo: true,
      summary: "Wait for Alertmanager's counters to show the delivery, however long the forecast says (default: wait only when it is due within 1m).",
    }),
    'wait-timeout': Flags.string({summary: 'How long to wait for delivery (default: when the forecast says the group flushes, + 10s).', helpValue: '1m'}),
  }

  /** A live line on a terminal (oclif's spinner); nothing in pipes and CI logs. */
  private progress(line: string | undefined): void {
    if (!process.stderr.isTTY) return
    if (line === undefined) {
      if (ux.action.running) ux.action.stop('finished')
    } else if (ux.action.running) ux.action.status = line
    else ux.action.start('Waiting for delivery', line)
  }

  async run(): Promise<TestAlertResult> {
    const f = this.flags
    const connection = await this.connect() // resolves --timeout / SPOCK_TIMEOUT / context; clients are made lazily
    const peers = f.direct ? [] : connection.alertmanagers()
    const timeoutMs = connection.context.alertmanagers[0]!.timeoutMs
    const result = await runTestAlert(
      peers,
      {channel: f.channel, receiver: f.receiver, allReceivers: f['all-receivers'], labels: parseLabelArgs(f.label ?? []).labels,
        annotations: annotationArgs(f.annotation ?? [], f.summary, f.description), config: f.config, direct: f.direct, dryRun: f['dry-run'],
        resolveAfterMs: parseDuration(f['resolve-after']), wait: f.wait,
        waitTimeoutMs: f['wait-timeout'] === undefined ? undefined : parseDuration(f['wait-timeout']), timeoutMs},
      {onPlan: (plan) => this.format() === 'table' && plan.mode !== 'log' && this.note(describePlan(plan)), onProgress: (line) => this.progress(line)},
    )
    for (const w of result.warnings) this.warning(w)
    const out =
      result.mode === 'log' ? await this.emit(result, previewView) : result.allReceivers ? await this.emit(result, allReceiversView) : await this.emit(result, testAlertView)
    this.setExitCode(result.ok ? 0 : 1)
    return out
  }
}
