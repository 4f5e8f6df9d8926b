// spock config check: alertmanager.yml and prometheus.yml, every problem at once, as one findings report.
import {checkAlertmanagerConfig, type SchemaVersion} from '../alertmanager/config/validate.js'
import type {Problem} from '../findings/problem.js'
import {dropDisabled, fileReport, summarize, type FileReport} from '../findings/report.js'
import type {ProblemReport} from '../findings/problem-report.js'
import {lintFiles} from '../lint/run.js'
import {applySuppressions} from '../findings/suppress.js'
import {checkPrometheusConfig} from '../prometheus/config/check.js'
import {fsTemplateSource} from '../alertmanager/config/templates.js'
import {readFileSafe, readStreamSafe} from '../files/read.js'
import {problemAt} from '../findings/make-problem.js'
import {decodeYamlBytes, InvalidUtf8Error} from '../yaml/utf8.js'
import {nodeConfigFs} from '../prometheus/config/fs.js'
import {detectKind, type ConfigKind} from './kind.js'
import {append} from '../append.js'

interface ConfigCheckOptions {
  kind?: ConfigKind // --kind; default: detect per file
  alertmanagerVersion?: SchemaVersion
  readStdin?: () => Promise<string>
  disabled?: ReadonlySet<string> // --disable: check ids dropped from every file (rule files named by prometheus.yml too)
  maxFileSize?: number // bytes, for every file read (default 64 MiB)
}

interface ConfigReport extends ProblemReport {
  files: FileReport[]
  summary: {files: number; errors: number; warnings: number}
}

export async function checkConfigFiles(paths: readonly string[], opts: ConfigCheckOptions = {}): Promise<ConfigReport> {
  const reports: FileReport[] = []
  for (const path of paths) append(reports, (await checkOne(path, opts)).map((r) => dropDisabled(r, opts.disabled)))
  const {files, errors, warnings} = summarize(reports).summary
  return {files: reports, summary: {files, errors, warnings}}
}

async function checkOne(path: string, opts: ConfigCheckOptions): Promise<FileReport[]> {
  // A file named on the command line that cannot be read is a usage error (FileError, exit 2).
  const limits = {maxBytes: opts.maxFileSize}
  let text: string
  try {
    text = path !== '-' ? decodeYamlBytes(await readFileSafe(path, limits)) : opts.readStdin ? await opts.readStdin() : decodeYamlBytes(await readStreamSafe(process.stdin, 'standard input', limits))
  } catch (e) {
    if (!(e instanceof InvalidUtf8Error)) throw e
    // As promtool and amtool: a finding of the file (exit 1), at the first byte that is not UTF-8.
    return [fileReport(path, [problemAt(path, e, 'yaml/parse', 'error', e.message, {hint: 'save the file as UTF-8'})], {groups: 0, rules: 0})]
  }
  const kind = opts.kind ?? detectKind(text)
  if (kind === 'alertmanager') {
    const {problems} = checkAlertmanagerConfig(text, path, {version: opts.alertmanagerVersion ?? '0.25', templates: fsTemplateSource(limits)})
    return [fileReport(path, applySuppressions(text, problems, path), {groups: 0, rules: 0})]
  }
  if (kind === 'prometheus') return checkPrometheusFile(text, path, opts.disabled, opts.maxFileSize)
  return [single(path, 'config/kind', 'cannot tell whether this is an alertmanager.yml or a prometheus.yml', 'pass --kind alertmanager or --kind prometheus')]
}

/** As promtool check config: the file, then every rule file it names (each its own report). */
async function checkPrometheusFile(text: string, path: string, disabled?: ReadonlySet<string>, maxFileSize?: number): Promise<FileReport[]> {
  const {problems, ruleFiles} = checkPrometheusConfig(text, path, {fs: nodeConfigFs({maxBytes: maxFileSize})})
  const reports = [fileReport(path, applySuppressions(text, problems, path), {groups: 0, rules: 0})]
  // A rule file the config names that cannot be read is a problem of the config check (exit 1), as in promtool.
  if (ruleFiles.length > 0) append(reports, (await lintFiles(ruleFiles, {version: '2.42', disabled, maxFileSize, inputErrors: 'report'})).files)
  return reports
}

function single(path: string, check: string, message: string, hint: string): FileReport {
  const p: Problem = {check, severity: 'error', file: path, line: 0, column: 0, message, hint}
  return fileReport(path, [p], {groups: 0, rules: 0})
}
