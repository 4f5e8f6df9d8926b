import {Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {UsageError} from '../../errors.js'
import {maxFileSizeOption} from '../../files/size.js'
import {checksFor} from '../../findings/registry.js'
import {disabledChecks} from '../../findings-flags.js'
import {parseLabelArgs} from '../../alertmanager/routing.js'
import {rulesRoutes} from '../../rules-routes/run.js'
import {rulesRoutesView, type rulesRoutesJson} from '../../output/views/rules-routes.js'

export default class RulesRoutes extends SpockCommand<typeof RulesRoutes> {
  static summary = "Where each alerting rule goes: the receivers its labels reach in alertmanager.yml's routing tree, and what is wrong with that."
  static description =
    'Findings: alerts without the labels the routes match on, alerts that reach only the default receiver, critical alerts that page nobody, info alerts that page, receivers no rule reaches. Labels set by templates or carried by the query are unknown until the alert fires: MAY ALSO REACH lists where they could send it. Exit 0 no findings (or only info ones), 1 warnings or errors, 2 usage or input error.'
  static examples = [
    '<%= config.bin %> <%= command.id %> --alertmanager-config alertmanager.yml rules/',
    '<%= config.bin %> <%= command.id %> --alertmanager-config alertmanager.yml alerts.yml --label region=eu --pager team-pager -o json',
  ]
  static strict = false
  static flags = {
    'alertmanager-config': Flags.string({required: true, summary: 'The alertmanager.yml whose routing tree the alerts go through.', helpValue: 'FILE'}),
    label: Flags.string({multiple: true, summary: 'A label Prometheus adds to every alert (external_labels), k=v; for labels the rule does not set (repeatable).', helpValue: 'k=v'}),
    pager: Flags.string({multiple: true, summary: 'A receiver that pages someone (repeatable; default: receivers with pagerduty, opsgenie, victorops, pushover or sns).', helpValue: 'NAME'}),
    disable: Flags.string({multiple: true, helpValue: 'ID', summary: 'Turn a check off (repeatable, or comma-separated); "spock checks list --kind routing" shows the ids.'}),
    'max-file-size': Flags.string({summary: 'Refuse files larger than this: bytes, or a size such as 128MiB (default 64MiB).', env: 'SPOCK_MAX_FILE_SIZE'}),
  }

  async run(): Promise<ReturnType<typeof rulesRoutesJson>> {
    const f = this.flags
    if (this.positionals.length === 0) throw new UsageError('no rule files given', {hint: 'name rule files, directories or globs after --alertmanager-config FILE'})
    const {labels, warnings} = parseLabelArgs(f.label ?? [])
    for (const w of warnings) this.warning(w)
    const report = await rulesRoutes({
      alertmanagerConfig: f['alertmanager-config'],
      ruleFiles: this.positionals,
      assume: labels,
      pagers: f.pager?.flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean),
      disabled: disabledChecks(f.disable, checksFor(['routing', 'rules'])),
      maxFileSize: maxFileSizeOption(f['max-file-size']),
    })
    const out = await this.emit(report, rulesRoutesView)
    this.setExitCode(report.summary.errors + report.summary.warnings > 0 ? 1 : 0)
    return out
  }
}
