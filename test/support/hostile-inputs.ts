// Generators of very large or deeply nested inputs, shared by the hostile-scale test and bench.

/** An alertmanager.yml whose root has `n` sibling routes, each with matchers and one of a few receivers. */
export function manyRoutes(n: number): string {
  const lines = ['route:', '  receiver: default', '  group_by: [alertname]', '  routes:']
  for (let i = 0; i < n; i++) {
    lines.push(`  - receiver: team-${i % 10}`, `    matchers: ['service="svc-${i}"', 'env=~"prod|staging"']`, `    group_wait: 10s`)
  }
  lines.push('receivers:', '- name: default')
  for (let i = 0; i < 10; i++) lines.push(`- name: team-${i}`, `  webhook_configs:`, `  - url: http://127.0.0.1:9/hook/${i}`)
  return lines.join('\n') + '\n'
}

/** A prometheus.yml with `jobs` scrape jobs of `targets` static targets each (block style, as generated configs are). */
export function manyTargets(jobs: number, targets: number): string {
  const lines = ['global:', '  scrape_interval: 30s', 'scrape_configs:']
  for (let j = 0; j < jobs; j++) {
    lines.push(`- job_name: job-${j}`, '  metrics_path: /metrics', '  static_configs:', '  - labels: {team: t' + j + '}', '    targets:')
    for (let t = 0; t < targets; t++) lines.push(`    - host-${j}-${t}.example.com:9100`)
  }
  return lines.join('\n') + '\n'
}

/** An alertmanager.yml with `n` receivers, every one used by a route. */
export function manyReceivers(n: number): string {
  const lines = ['route:', '  receiver: r-0', '  routes:']
  for (let i = 0; i < n; i++) lines.push(`  - receiver: r-${i}`, `    matchers: [team="t${i}"]`)
  lines.push('receivers:')
  for (let i = 0; i < n; i++) {
    lines.push(`- name: r-${i}`, '  webhook_configs:', `  - url: http://127.0.0.1:9/hook/${i}`, '    send_resolved: true', '    max_alerts: 10')
  }
  return lines.join('\n') + '\n'
}

/** An alertmanager.yml with routes nested `depth` levels below the root (flow style, so indentation stays flat). */
export function deepRoutes(depth: number, style: 'block' | 'flow' = 'block'): string {
  if (style === 'flow') {
    let inner = '{receiver: leaf, matchers: [level="last"]}'
    for (let i = depth - 1; i >= 1; i--) inner = `{matchers: [level="${i}"], routes: [${inner}]}`
    return `route: {receiver: default, routes: [${inner}]}\nreceivers: [{name: default}, {name: leaf}]\n`
  }
  const lines = ['route:', '  receiver: default']
  let pad = '  '
  for (let i = 1; i <= depth; i++) {
    lines.push(`${pad}routes:`, `${pad}- matchers: [level="${i}"]`)
    pad += '  '
    if (i === depth) lines.push(`${pad}receiver: leaf`)
  }
  lines.push('receivers:', '- name: default', '- name: leaf')
  return lines.join('\n') + '\n'
}

/** A route regex a backtracking engine takes hours on (14 `.*` then `z`) next to a catch-all. */
export function redosRoute(): string {
  const re = '.*'.repeat(14) + 'z'
  return `route:\n  receiver: default\n  routes:\n  - receiver: slow\n    matchers: ['x=~"${re}"']\n  - receiver: rest\n    match_re: {x: '${re}|y'}\nreceivers:\n- name: default\n- name: slow\n- name: rest\n`
}

/** A rule file with `n` invalid recording rule names: one finding each. */
export function manyFindings(n: number): string {
  const lines = ['groups:', '- name: g', '  rules:']
  for (let i = 0; i < n; i++) lines.push(`  - record: "bad name ${i}"`, '    expr: "1"')
  return lines.join('\n') + '\n'
}

/** A rule file with one recording rule whose expr is `expr` (single-quoted YAML). */
export function oneRule(expr: string): string {
  return `groups:\n- name: g\n  rules:\n  - record: r\n    expr: '${expr.replace(/'/g, "''")}'\n`
}
