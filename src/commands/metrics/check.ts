import {Args, Flags} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {UsageError} from '../../errors.js'
import {parseHeaders, parseTimeout} from '../../context/resolve.js'
import {readFileSafe, readStreamSafe} from '../../files/read.js'
import {checksFor} from '../../findings/registry.js'
import {reportExitCode} from '../../findings/report.js'
import {disabledChecks, findingsFlags} from '../../findings-flags.js'
import {loadPolicy} from '../../lint/policy.js'
import {metricsCheckView, type MetricsCheckJson} from '../../output/views/metrics.js'
import {checkExposition} from '../../prometheus/exposition/check.js'
import {fetchExposition} from '../../prometheus/exposition/fetch.js'
import {dropDisabled} from '../../findings/report.js'

export default class MetricsCheck extends SpockCommand<typeof MetricsCheck> {
  static summary = "Check a metrics exposition (an app's /metrics, a file or stdin) as promtool check metrics does, plus naming policy and series counts."
  static description =
    'Same parse errors and lint findings as `promtool check metrics`; --extended adds series per metric (promtool\'s cardinality table). Metric names are held to checks.metrics/name.pattern of .spock.yml (or --lint-config). Exit 0 clean, 1 problems found, 2 usage error, 3 the URL cannot be reached.'
  static examples = [
    '<%= config.bin %> <%= command.id %> http://localhost:8080/metrics',
    'curl -s http://localhost:9090/metrics | <%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> metrics.prom --extended --output json',
  ]
  static args = {source: Args.string({ignoreStdin: true, description: 'URL (http/https), file, or - for stdin (the default when stdin is piped)'})}
  static flags = {
    ...findingsFlags,
    extended: Flags.boolean({summary: 'Also show series per metric (cardinality).'}),
    'lint-config': Flags.string({summary: 'Policy file (default ./.spock.yml when present).', helpValue: 'FILE'}),
    header: Flags.string({multiple: true, summary: 'Extra HTTP header "Name: value" for a URL; repeatable.'}),
    timeout: Flags.string({summary: 'Timeout for a URL (default 10s).', helpValue: '10s'}),
    'insecure-skip-verify': Flags.boolean({summary: 'Do not verify the certificate of an https URL.'}),
  }

  async run(): Promise<MetricsCheckJson> {
    const f = this.flags
    const disabled = disabledChecks(f.disable, checksFor(['metrics']))
    const source = this.args.source ?? (process.stdin.isTTY ? undefined : '-')
    if (source === undefined) throw new UsageError('no metrics to check', {hint: 'give a URL such as http://localhost:8080/metrics, a file, or pipe the text in'})
    const {policy} = await loadPolicy(f['lint-config'])
    const pattern = policy.checks?.['metrics/name']?.pattern
    const bytes = await readSource(source, f)
    const result = checkExposition(source, bytes, {namePattern: pattern ? new RegExp(pattern, 'u') : undefined, nameSeverity: policy.severity?.['metrics/name']})
    const report = dropDisabled(result.report, disabled)
    const full = {files: [report], summary: {files: 1, errors: report.errors, warnings: report.warnings}, metrics: result.metrics}
    const out = await this.emit(full, metricsCheckView({extended: f.extended, tool: {name: 'spock', version: this.config.version}, checks: checksFor(['metrics']), cwd: process.cwd()}))
    this.setExitCode(reportExitCode(full, f['fail-on']))
    return out
  }
}

async function readSource(source: string, f: {header?: string[]; timeout?: string; 'insecure-skip-verify'?: boolean}): Promise<Uint8Array> {
  if (/^https?:\/\//i.test(source)) {
    const headers = parseHeaders(f.header ?? [], (i) => `--header #${i + 1}`)
    return fetchExposition(source, {headers, timeoutMs: f.timeout ? parseTimeout(f.timeout) : 10_000, insecureSkipVerify: f['insecure-skip-verify']})
  }
  if (source === '-') return readStreamSafe(process.stdin, 'standard input')
  return readFileSafe(source)
}
