// Hostile YAML shapes, at any size: alias and merge-key bombs, deep nesting, big flow files, many aliases.
// Used by test/integration/hostile-yaml.test.ts (small sizes) and bench/hostile-yaml.ts (full sizes).

export type Kind = 'rules' | 'alertmanager' | 'prometheus'

const RULE = 'groups:\n  - name: g\n    rules:\n      - record: a\n        expr: b\n'
const AM = 'route:\n  receiver: r\nreceivers:\n  - name: r\n'

/** `a0: &a0 [x,...]`, `a1: &a1 [*a0,...]`, ... under a top-level key, then used where the file is decoded. */
export function aliasBomb(kind: Kind, levels = 9, width = 9): string {
  const defs = [`  a0: &a0 [${Array(width).fill('x').join(',')}]`]
  for (let i = 1; i <= levels; i++) defs.push(`  a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(',')}]`)
  const top = `x:\n${defs.join('\n')}\n`
  const last = `*a${levels}`
  if (kind === 'rules') return `${top}${RULE}        labels:\n          x: ${last}\n`
  if (kind === 'alertmanager') return `${top}${AM.replace('  receiver: r\n', `  receiver: r\n  group_by: ${last}\n`)}`
  return `${top}scrape_configs:\n  - job_name: j\n    static_configs:\n      - targets: ${last}\n`
}

/** `<<: [*b0,...]` merge keys nested `levels` deep. */
export function mergeBomb(kind: Kind, levels = 9, width = 9): string {
  const defs = ['  b0: &b0 {k0: v}']
  for (let i = 1; i <= levels; i++) defs.push(`  b${i}: &b${i} {<<: [${Array(width).fill(`*b${i - 1}`).join(',')}], k${i}: v}`)
  const top = `x:\n${defs.join('\n')}\n`
  const last = `*b${levels}`
  if (kind === 'rules') return `${top}${RULE}        labels:\n          <<: ${last}\n`
  if (kind === 'alertmanager') return `${top}${AM.replace('  receiver: r\n', `  receiver: r\n  <<: ${last}\n`)}`
  return `${top}global:\n  <<: ${last}\n`
}

/** `[[[...]]]` or `{a: {a: ...}}` nested `depth` levels, where the file's top key expects a list or map. */
export function deepNesting(kind: Kind, depth: number, shape: 'seq' | 'map'): string {
  const inner = shape === 'seq' ? '['.repeat(depth) + ']'.repeat(depth) : '{a: '.repeat(depth) + '1' + '}'.repeat(depth)
  if (kind === 'rules') return `groups: ${inner}\n`
  if (kind === 'alertmanager') return `route: ${inner}\nreceivers: []\n`
  return `global: ${inner}\n`
}

/** A rule file in flow style on one line, about `bytes` long: `groups: [{name: g, rules: [{record: r0, expr: b}, ...]}]`. */
export function bigFlowRules(bytes: number): string {
  const parts: string[] = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const p = `{record: r${i}, expr: b}`
    parts.push(p)
    size += p.length + 2
  }
  return `groups: [{name: g, rules: [${parts.join(', ')}]}]\n`
}

/** `count` anchors, each named by exactly one alias (legitimate use). */
export function manyAliases(kind: Kind, count: number): string {
  const name = (i: number) => i.toString(36)
  const lines: string[] = []
  if (kind === 'rules') {
    for (let i = 0; i < count; i++) lines.push(`k${name(i)}: &${name(i)} x, l${name(i)}: *${name(i)}`)
    return `${RULE}        labels: {${lines.join(', ')}}\n`
  }
  for (let i = 0; i < count; i++) lines.push(`&${name(i)} ${kind === 'alertmanager' ? 't' : 'a:1'}, *${name(i)}`)
  if (kind === 'alertmanager') return `${AM}templates: [${lines.join(', ')}]\n`
  return `scrape_configs:\n  - job_name: j\n    static_configs:\n      - targets: [${lines.join(', ')}]\n`
}
