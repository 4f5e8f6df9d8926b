// `spock rules routes`: read alertmanager.yml and rule files, route every alerting rule, report findings.
// Composes the alertmanager domain (config, routing tree) with lint (reading rule files, query labels).
import {loadRoutingConfig} from '../alertmanager/config-source.js'
import {applySuppressions} from '../findings/suppress.js'
import {withoutDisabled} from '../findings/disable.js'
import {sortProblems, type Problem} from '../findings/problem.js'
import {loadAlertRules} from '../lint/run.js'
import {analyzeRoutes, type RoutesAnalysis} from './analyze.js'
import {append} from '../append.js'

interface RulesRoutesOptions {
  alertmanagerConfig: string
  ruleFiles: readonly string[]
  assume?: Record<string, string>
  pagers?: readonly string[]
  disabled?: ReadonlySet<string>
  maxFileSize?: number
}

export interface RulesRoutesReport extends RoutesAnalysis {
  summary: {files: number; alerts: number; errors: number; warnings: number; infos: number}
}

export async function rulesRoutes(opts: RulesRoutesOptions): Promise<RulesRoutesReport> {
  const am = await loadRoutingConfig(opts.alertmanagerConfig, [])
  const files = await loadAlertRules(opts.ruleFiles, {maxFileSize: opts.maxFileSize})
  const analysis = analyzeRoutes(am.config, files.flatMap((f) => f.alerts), {amPath: am.source, assume: opts.assume, pagers: opts.pagers})
  // Disable comments apply in the file each finding points into.
  const texts = new Map([[am.source, am.text], ...files.map((f) => [f.path, f.text] as const)])
  const byFile = new Map<string, Problem[]>()
  for (const p of [...files.flatMap((f) => f.problems), ...analysis.problems]) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p])
  const kept: Problem[] = []
  for (const [file, ps] of byFile) append(kept, withoutDisabled(applySuppressions(texts.get(file) ?? '', ps, file), opts.disabled))
  const problems = sortProblems(kept)
  return {
    ...analysis,
    problems,
    summary: {
      files: files.length + 1,
      alerts: analysis.alerts.length,
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
      infos: problems.filter((p) => p.severity === 'info').length,
    },
  }
}
