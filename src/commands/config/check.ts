import {Flags, type Interfaces} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {checkConfigFiles} from '../../config-check/run.js'
import {UsageError} from '../../errors.js'
import {CHECKS} from '../../findings/registry.js'
import {reportExitCode} from '../../findings/report.js'
import {disabledChecks, findingsFlags} from '../../findings-flags.js'
import {findingsView, type ProblemsJson} from '../../output/problems/render.js'
import {maxFileSizeOption} from '../../files/size.js'

export default class ConfigCheck extends SpockCommand<typeof ConfigCheck> {
  static summary = 'Validate alertmanager.yml and prometheus.yml: every problem at once, with file:line:column.'
  static description =
    'Does everything amtool check-config / promtool check config does, plus warnings they lack (unused receivers and time intervals, shadowed routes, undefined templates). Exit 0 valid, 1 problems found, 2 usage error.'
  static examples = [
    '<%= config.bin %> <%= command.id %> alertmanager.yml',
    '<%= config.bin %> <%= command.id %> prometheus.yml alertmanager.yml --output github',
    '<%= config.bin %> <%= command.id %> alertmanager.yml --disable am/unused-receiver',
    'cat alertmanager.yml | <%= config.bin %> <%= command.id %> - --kind alertmanager',
  ]
  static strict = false
  static flags = {
    ...findingsFlags,
    kind: Flags.option({options: ['alertmanager', 'prometheus'] as const, summary: 'The kind of every file (default: detected from its keys).'})(),
    'max-file-size': Flags.string({summary: 'Refuse files larger than this: bytes, or a size such as 128MiB (default 64MiB, at most 500MiB).', env: 'SPOCK_MAX_FILE_SIZE'}),
    'alertmanager-version': Flags.option({
      options: ['0.25', 'latest'] as const,
      default: '0.25' as const,
      summary: 'Alertmanager schema to hold files to: 0.25 (Debian) or latest (newer integrations such as msteamsv2, jira).',
    })(),
  }

  async run(): Promise<ProblemsJson> {
    const f = this.flags as unknown as Interfaces.InferredFlags<typeof ConfigCheck.flags>
    // Every check is known here: prometheus.yml brings its rule files along.
    const disabled = disabledChecks(f.disable, CHECKS)
    if (this.positionals.length === 0) throw new UsageError('no config files given', {hint: 'name alertmanager.yml / prometheus.yml files, or - for stdin'})
    const maxFileSize = maxFileSizeOption(f['max-file-size'])
    const report = await checkConfigFiles(this.positionals, {kind: f.kind, alertmanagerVersion: f['alertmanager-version'], disabled, maxFileSize})
    const out = await this.emit(report, findingsView({tool: {name: 'spock', version: this.config.version}, checks: CHECKS, cwd: process.cwd()}))
    this.setExitCode(reportExitCode(report, f['fail-on']))
    return out
  }
}
