// spock config check: alertmanager.yml and prometheus.yml, every problem at once, as one findings report.
import {readFile} from 'node:fs/promises'
import {checkAlertmanagerConfig, type SchemaVersion} from '../alertmanager/config/validate.js'
import type {Problem} from '../lint/problem.js'
import {fileReport, summarize, type FileReport} from '../lint/report.js'
import type {ProblemReport} from '../output/problems/types.js'
import {lintFiles} from '../lint/run.js'
import {checkPrometheusConfig} from '../prometheus/config/check.js'
import {detectKind, type ConfigKind} from './kind.js'
import {append} from '../append.js'

export interface ConfigCheckOptions {
  kind?: ConfigKind // --kind; default: detect per file
  alertmanagerVersion?: SchemaVersion
  readStdin?: () => Promise<string>
}

export interface ConfigReport extends ProblemReport {
  files: FileReport[]
  summary: {files: number; errors: number; warnings: number}
}

export async function checkConfigFiles(paths: readonly string[], opts: ConfigCheckOptions = {}): Promise<ConfigReport> {
  const reports: FileReport[] = []
  for (const path of paths) append(reports, await checkOne(path, opts))
  const {files, errors, warnings} = summarize(reports).summary
  return {files: reports, summary: {files, errors, warnings}}
}

async function checkOne(path: string, opts: ConfigCheckOptions): Promise<FileReport[]> {
  let text: string
  try {
    text = path === '-' ? await (opts.readStdin ?? readStdin)() : await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return [single(path, 'input/read', `cannot read the file: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`, 'check the path')]
  }
  const kind = opts.kind ?? detectKind(text)
  if (kind === 'alertmanager') {
    const {problems} = checkAlertmanagerConfig(text, path, {version: opts.alertmanagerVersion ?? '0.25'})
    return [fileReport(path, problems, {groups: 0, rules: 0})]
  }
  if (kind === 'prometheus') return checkPrometheusFile(text, path)
  return [single(path, 'config/kind', 'cannot tell whether this is an alertmanager.yml or a prometheus.yml', 'pass --kind alertmanager or --kind prometheus')]
}

/** As promtool check config: the file, then every rule file it names (each its own report). */
async function checkPrometheusFile(text: string, path: string): Promise<FileReport[]> {
  const {problems, ruleFiles} = checkPrometheusConfig(text, path)
  const reports = [fileReport(path, problems, {groups: 0, rules: 0})]
  if (ruleFiles.length > 0) append(reports, (await lintFiles(ruleFiles, {version: '2.42'})).files)
  return reports
}

function single(path: string, check: string, message: string, hint: string): FileReport {
  const p: Problem = {check, severity: 'error', file: path, line: 0, column: 0, message, hint}
  return fileReport(path, [p], {groups: 0, rules: 0})
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
