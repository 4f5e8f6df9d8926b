// "# spock disable <check-id>" on the problem's line or the line before;
// "# spock disable-file <check-id>" anywhere in the file. "all" matches every check.
// The slash forms work too: "# spock/disable <id>", "# spock/disable-file <id>", and
// "# spock/disable-next-line <id>" (the line after the comment only).
// The same comments work in rule files, alertmanager.yml and prometheus.yml (all YAML).
import type {Problem} from './problem.js'

const COMMENT = /#\s*spock(?:\s+|\/)(disable-next-line|disable-file|disable)\s+([\w/,\s-]+)/

/**
 * Drop the problems `source` disables. With `path`, line comments apply only to problems in that file
 * (a config's problems may point into other files, e.g. template files); file-wide ones apply to all.
 */
export function applySuppressions(source: string, problems: Problem[], path?: string): Problem[] {
  if (problems.length === 0 || !source.includes('spock')) return problems
  const byLine = new Map<number, Set<string>>()
  const nextLine = new Map<number, Set<string>>() // keyed by the line the comment applies to
  const fileWide = new Set<string>()
  const at = (m: Map<number, Set<string>>, line: number) => m.get(line) ?? m.set(line, new Set()).get(line)!
  source.split('\n').forEach((text, k) => {
    const m = COMMENT.exec(text)
    if (!m) return
    const ids = m[2]!.split(/[\s,]+/).filter(Boolean)
    const target = m[1] === 'disable-file' ? fileWide : m[1] === 'disable-next-line' ? at(nextLine, k + 2) : at(byLine, k + 1)
    for (const id of ids) target.add(id)
  })
  const hit = (ids: Set<string> | undefined, check: string) => !!ids && (ids.has(check) || ids.has('all'))
  const onLine = (p: Problem) =>
    (path === undefined || p.file === path) &&
    (hit(byLine.get(p.line), p.check) || hit(byLine.get(p.line - 1), p.check) || hit(nextLine.get(p.line), p.check))
  return problems.filter((p) => !(hit(fileWide, p.check) || onLine(p)))
}
