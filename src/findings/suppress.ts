// "# spock disable <check-id>" on the problem's line or the line before;
// "# spock disable-file <check-id>" anywhere in the file. "all" matches every check.
import type {Problem} from './problem.js'

const COMMENT = /#\s*spock\s+(disable|disable-file)\s+([\w/,\s-]+)/

export function applySuppressions(source: string, problems: Problem[]): Problem[] {
  if (problems.length === 0 || !source.includes('spock')) return problems
  const byLine = new Map<number, Set<string>>()
  const fileWide = new Set<string>()
  source.split('\n').forEach((text, k) => {
    const m = COMMENT.exec(text)
    if (!m) return
    const ids = m[2]!.split(/[\s,]+/).filter(Boolean)
    const target = m[1] === 'disable-file' ? fileWide : (byLine.get(k + 1) ?? byLine.set(k + 1, new Set()).get(k + 1)!)
    for (const id of ids) target.add(id)
  })
  const hit = (ids: Set<string> | undefined, check: string) => !!ids && (ids.has(check) || ids.has('all'))
  return problems.filter(
    (p) => !(hit(fileWide, p.check) || hit(byLine.get(p.line), p.check) || hit(byLine.get(p.line - 1), p.check)),
  )
}
