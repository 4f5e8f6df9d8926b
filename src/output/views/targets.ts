// Scrape targets for people: one row per target, then a summary line and the problems a row cannot show.
import {failingTargetUrls, formatScrapeDuration, type TargetProblem, type TargetResult, type TargetsReport} from '../../prometheus/targets.js'
import {formatRelative} from '../../model/time.js'
import {palette} from '../color.js'
import type {RenderOptions, View} from '../render.js'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

const health = (t: TargetResult, o: RenderOptions) => {
  const c = palette(o.color)
  return t.health === 'up' ? c.green('up') : t.health === 'down' ? c.red('down') : c.yellow(t.health)
}

/** "12 targets: 11 up, 1 down in 1 job". */
function targetsSummary(r: TargetsReport): string {
  const count = (h: TargetResult['health']) => r.targets.filter((t) => t.health === h)
  const down = count('down')
  const parts = [`${count('up').length} up`]
  if (down.length > 0) parts.push(`${down.length} down in ${plural(new Set(down.map((t) => t.job)).size, 'job')}`)
  if (count('unknown').length > 0) parts.push(`${count('unknown').length} unknown`)
  return `${plural(r.targets.length, 'target')}: ${parts.join(', ')}`
}

function problemLine(p: TargetProblem, o: RenderOptions): string {
  const c = palette(o.color)
  const label = p.severity === 'error' ? c.red('error:') : c.yellow('warning:')
  const where = p.instance ? `${p.job} ${p.instance}` : p.job ? `job "${p.job}"` : ''
  return `${label} ${where ? `${where}: ` : ''}${p.message}`
}

export const targetsView: View<TargetsReport, TargetResult> = {
  rows: (r) => r.targets,
  columns: [
    {header: 'JOB', value: (t) => t.job},
    {header: 'INSTANCE', value: (t) => t.instance},
    {header: 'HEALTH', value: health},
    {header: 'LAST SCRAPE', value: (t, o) => (t.lastScrape ? formatRelative(new Date(t.lastScrape), o.now ?? new Date()) : 'never')},
    {header: 'DURATION', value: (t) => (t.lastScrape ? formatScrapeDuration(t.lastScrapeDuration) : '-')},
    {header: 'ERROR', value: (t) => t.lastError || '-'},
  ],
  ids: failingTargetUrls,
  empty: 'No targets.',
  // Down targets show in the table; everything else is listed here.
  footer: (r, o) => [targetsSummary(r), ...r.problems.filter((p) => p.kind !== 'down').map((p) => problemLine(p, o))].join('\n'),
}
