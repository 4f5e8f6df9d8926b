import {Flags, type Interfaces} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {UsageError} from '../../errors.js'
import {checksFor, listChecks, type ListedCheck} from '../../findings/registry.js'
import {checksView} from '../../output/views/checks.js'
import {reportExitCode} from '../../findings/report.js'
import {maxFileSizeOption} from '../../files/size.js'
import {lintFiles, parsePromVersion, type LintMode} from '../../lint/run.js'
import type {PromVersion} from '../../promql/syntax/check.js'
import {parseDuration} from '../../model/duration.js'
import {loadPolicy, unknownPolicyIds} from '../../lint/policy.js'
import {disabledChecks, findingsFlags} from '../../findings-flags.js'
import {findingsView, type ProblemsJson} from '../../output/problems/render.js'
import {prometheusFlags} from '../../flags.js'

export default class RulesCheck extends SpockCommand<typeof RulesCheck> {
  static summary = 'Lint Prometheus rule files: everything promtool check rules rejects, all at once, with file:line:column.'
  static description =
    'Takes files, directories (recursive *.yml, *.yaml), globs, and - for stdin. Exit 0 no errors, 1 an error (or a warning with --fail-on warning), 2 usage error.'
  static examples = [
    '<%= config.bin %> <%= command.id %> rules/',
    '<%= config.bin %> <%= command.id %> "rules/**/*.yaml" --prometheus-version 2.42 --output github',
    '<%= config.bin %> <%= command.id %> rules/ --disable rule/duplicate',
    '<%= config.bin %> <%= command.id %> rules/ --lint-config lint-policy.yml',
    '<%= config.bin %> <%= command.id %> --list-checks',
    'cat alerts.yml | <%= config.bin %> <%= command.id %> - --output json',
  ]
  static strict = false
  static args = {}
  static flags = {
    ...findingsFlags,
    'prometheus-version': Flags.string({
      summary: 'Prometheus to lint for: 2.42 (or any 2.x) or 3 (3.x syntax and functions). Default: the version of the promtool on the PATH, else 3.',
      env: 'SPOCK_PROMETHEUS_VERSION',
    }),
    'max-file-size': Flags.string({summary: 'Refuse files larger than this: bytes, or a size such as 128MiB (default 64MiB, at most 500MiB).', env: 'SPOCK_MAX_FILE_SIZE'}),
    'lint-config': Flags.string({summary: 'Lint policy file: check options, severities and disable (default: ./.spock.yml when present).', helpValue: 'FILE'}),
    lint: Flags.option({options: ['none', 'duplicate-rules', 'all'] as const, default: 'duplicate-rules' as const, summary: 'Lint checks, as promtool --lint.'})(),
    ...prometheusFlags,
    'prometheus-url': Flags.string({
      helpGroup: 'ONLINE',
      summary: 'Also check the rules against this Prometheus (online, off by default): metrics and label values exist (promql/series), rate() ranges against real scrape intervals.',
    }),
    lookback: Flags.string({helpGroup: 'ONLINE', summary: 'With --prometheus-url: a metric that had series within this window counts as existing.', default: '7d'}),
    'list-checks': Flags.boolean({summary: 'List the checks this command makes (as "spock checks list --kind rules") and exit.'}),
    'scrape-interval': Flags.string({summary: 'Scrape interval promql/rate assumes (a range must cover two scrapes).', default: '1m'}),
  }

  async run(): Promise<ProblemsJson | readonly ListedCheck[]> {
    const f = this.flags as unknown as Interfaces.InferredFlags<typeof RulesCheck.flags>
    if (f['list-checks']) {
      // json and yaml as asked; every findings-only format (github, sarif, ...) prints the table.
      const format = this.format()
      return this.emit(listChecks(['rules']), checksView, {format: format === 'json' || format === 'yaml' ? format : 'table'})
    }
    const version = await this.promVersion(f['prometheus-version'])
    const checks = checksFor(['rules'])
    const disabled = disabledChecks(f.disable, checks)
    const {path: policyPath, policy} = await loadPolicy(f['lint-config'])
    const unknown = unknownPolicyIds(policy, new Set(checks.map((c) => c.id)))
    if (unknown.length > 0) throw new UsageError(`unknown check "${unknown[0]}" in lint policy ${policyPath}`, {hint: 'run "spock checks list" to see the check ids'})
    for (const id of policy.disable ?? []) disabled.add(id)
    if (this.positionals.length === 0) throw new UsageError('no rule files given', {hint: 'name files, directories or globs, or - for stdin'})
    const maxFileSize = maxFileSizeOption(f['max-file-size'])
    const scrapeIntervalMs = parseDuration(f['scrape-interval'])
    if (scrapeIntervalMs <= 0) throw new UsageError('--scrape-interval must be longer than 0s', {hint: 'give the interval your jobs are scraped at, e.g. 30s'})
    // Online only when --prometheus-url is on the command line: never from the environment or a context.
    const live = f['prometheus-url'] ? {http: (await this.connect()).prometheus(), days: parseDuration(f.lookback) / 86_400_000} : undefined
    const report = await lintFiles(this.positionals, {version, lint: f.lint as LintMode, disabled, maxFileSize, scrapeIntervalMs, policy, live})
    const out = await this.emit(report, findingsView({tool: {name: 'spock', version: this.config.version}, checks, cwd: process.cwd()}))
    this.setExitCode(reportExitCode(report, f['fail-on']))
    return out
  }

  /** The flag (or SPOCK_PROMETHEUS_VERSION); else the promtool on the PATH; else 3. Said on stderr with -v. */
  private async promVersion(given: string | undefined): Promise<PromVersion> {
    if (given !== undefined) {
      const version = parsePromVersion(given)
      if (!version) throw new UsageError(`unknown --prometheus-version "${given}"`, {hint: 'use 2.42 (any 2.x) or 3'})
      return version
    }
    const {findPromtool} = await import('../../lint/promtool-version.js')
    const promtool = await findPromtool()
    const version = promtool ? parsePromVersion(promtool.version.replace(/[^\d.].*$/, '')) : undefined
    if (this.flags.verbose) {
      this.note(promtool && version
        ? `spock: linting for Prometheus ${version}, the version of ${promtool.path} (${promtool.version}); --prometheus-version chooses another`
        : 'spock: linting for Prometheus 3 (no promtool on the PATH); --prometheus-version chooses another')
    }
    return version ?? '3'
  }
}
