// SARIF 2.1.0 for GitHub code scanning: one run, rules = check ids, one result per problem.
import {relativeTo} from './paths.js'
import type {ProblemReport, ReporterOptions} from '../../findings/problem-report.js'

const LEVEL = {error: 'error', warning: 'warning', info: 'note'} as const

export function renderSarif(report: ProblemReport, opts: ReporterOptions = {}): string {
  const summaries = new Map((opts.checks ?? []).map((c) => [c.id, c.summary]))
  const ids: string[] = [...summaries.keys()]
  const used = new Set<string>()
  for (const f of report.files) for (const p of f.problems) used.add(p.check)
  for (const id of [...used].sort()) if (!summaries.has(id)) ids.push(id)
  const index = new Map(ids.map((id, k) => [id, k]))
  const rules = ids.map((id) => ({
    id,
    name: ruleName(id),
    shortDescription: {text: summaries.get(id) ?? id},
  }))
  const results = report.files.flatMap((f) =>
    f.problems.map((p) => {
      const region: Record<string, number> = {startLine: Math.max(1, p.line), startColumn: Math.max(1, p.column)}
      if (p.endLine !== undefined && p.endLine >= region.startLine!) region.endLine = p.endLine
      if (p.endColumn !== undefined && p.endLine !== undefined && p.endLine >= region.startLine!) region.endColumn = Math.max(1, p.endColumn)
      return {
        ruleId: p.check,
        ruleIndex: index.get(p.check)!,
        level: LEVEL[p.severity],
        message: {text: p.hint ? `${p.message}. ${p.hint}` : p.message},
        locations: [
          {
            physicalLocation: {
              artifactLocation: {uri: artifactUri(relativeTo(p.file, opts.cwd))},
              region,
            },
          },
        ],
      }
    }),
  )
  const tool = opts.tool ?? {name: 'spock', version: '0.0.0'}
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {driver: {name: tool.name, version: tool.version, ...(tool.uri ? {informationUri: tool.uri} : {}), rules}},
        results,
      },
    ],
  }
  return JSON.stringify(sarif, null, 2)
}

/** 'promql/syntax' -> 'PromqlSyntax' (SARIF rule names are opaque identifiers). */
function ruleName(id: string): string {
  return id
    .split(/[/_-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
}

/** Repository-relative paths stay relative (what code scanning wants); absolute ones become file:// URIs. */
function artifactUri(path: string): string {
  return path.startsWith('/') ? `file://${encodeURI(path)}` : encodeURI(path)
}
