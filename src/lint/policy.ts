// The lint policy file (.spock.yml, or --lint-config FILE): per-check options, severities and `disable`.
// Validated strictly: an unknown key or a wrong type is an error with file:line:column. The schema (zod) is
// loaded only when there is a policy file to read.
import {readFile} from 'node:fs/promises'
import {ConfigError} from '../errors.js'
import type {Severity} from '../findings/problem.js'
import type {LintPolicy, RequiredEntry} from './policy-schema.js'

export type {LintPolicy, RequiredEntry} from './policy-schema.js'

/** The built-in policy: what applies with no policy file, and for checks a policy file does not configure. */
export const DEFAULT_LABELS: RequiredEntry[] = [{name: 'severity', values: ['critical', 'warning', 'info']}]
export const DEFAULT_ANNOTATIONS = {annotations: [] as RequiredEntry[], one_of: ['summary', 'description']}
// level:metric:operations (the Prometheus convention): at least one colon; an empty level or operations
// part is allowed, as kube-prometheus writes ":node_memory_MemAvailable_bytes:sum" and "apiserver_request:burnrate1h".
export const DEFAULT_RECORD_NAME = '^:?\\w+(:\\w*)+$'

interface LoadedPolicy {
  path?: string // undefined: no file
  policy: LintPolicy
}

/** --lint-config FILE (must exist), else ./.spock.yml when present, else the built-in policy. */
export async function loadPolicy(flag: string | undefined, cwd: string = process.cwd()): Promise<LoadedPolicy> {
  const path = flag ?? `${cwd}/.spock.yml`
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && flag === undefined) return {policy: {}}
    throw new ConfigError(`cannot read lint policy ${path}: ${code === 'ENOENT' ? 'no such file' : code}`, {hint: 'check --lint-config'})
  }
  return {path, policy: await parsePolicy(text, flag ?? '.spock.yml')}
}

/** Parse and validate policy text; every problem is reported as path:line:column. */
export async function parsePolicy(text: string, path: string): Promise<LintPolicy> {
  const [{parseYaml}, {zodIssues}, {policySchema}, {explain}] = await Promise.all([
    import('../yaml/document.js'),
    import('../yaml/zod-issues.js'),
    import('./policy-schema.js'),
    import('../zod-messages.js'),
  ])
  const parsed = parseYaml(text, {goQuirks: false})
  const problems: string[] = parsed.errors.map((e) => `${path}:${e.line}:${e.column}: ${e.message}`)
  if (problems.length === 0) {
    const data = parsed.doc?.toJS() ?? {}
    const result = policySchema.safeParse(data ?? {})
    if (result.success) return result.data
    for (const i of zodIssues(parsed, explain(policySchema, data ?? {}))) problems.push(`${path}:${i.line}:${i.column}: ${i.path}: ${i.message}`)
  }
  throw new ConfigError(`invalid lint policy ${path}:\n${problems.map((p) => `  ${p}`).join('\n')}`, {
    hint: 'see docs/checks/README.md ("Lint policy file")',
  })
}

/** Ids the policy names (disable, severity) that are not known checks: a usage error for the caller. */
export function unknownPolicyIds(policy: LintPolicy, known: ReadonlySet<string>): string[] {
  const ids = [...(policy.disable ?? []), ...Object.keys(policy.severity ?? {})]
  return [...new Set(ids.filter((id) => !known.has(id)))]
}

/** Apply the policy's severity overrides. */
export function withSeverities<P extends {check: string; severity: Severity}>(problems: P[], policy: LintPolicy | undefined): P[] {
  const sev = policy?.severity
  if (!sev) return problems
  return problems.map((p) => (sev[p.check] && sev[p.check] !== p.severity ? {...p, severity: sev[p.check]!} : p))
}
